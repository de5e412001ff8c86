package dev.autonoc.tools.catalogue;

import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolDescriptor;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.tools.catalogue.ArgumentSchema.Args;
import dev.autonoc.tools.oss.OssException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What every tool of the catalogue shares: validation against its schema before anything else,
 * far-side failures turned into results, and, for acting tools, idempotency by key.
 *
 * <p>An acting tool keeps each key's definite result (SUCCEEDED, REFUSED or INVALID) and answers a
 * repeat with it, without calling out again. An UNCERTAIN result is not kept, so the retry calls
 * out again with the same key and the client's own idempotency makes sure the effect happens once;
 * nor is a TRANSIENT one, which had no effect, so that a caller who retries under the same key is
 * not answered with an old "unavailable". A read tool has no effect to repeat and always reads
 * afresh.
 */
abstract class CatalogueTool implements Tool {

    private final ToolDescriptor descriptor;
    private final ArgumentSchema schema;
    private final Map<String, Kept> results = new HashMap<>();

    /** A key's definite result and the arguments it was for. */
    private record Kept(Map<String, Object> arguments, ToolResult result) {}

    CatalogueTool(String name, ToolKind kind, String tmfApi, String description, List<Arg> args) {
        this.schema = new ArgumentSchema(name, args);
        this.descriptor = new ToolDescriptor(name, kind, description, schema.json(), tmfApi);
    }

    @Override
    public final ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final Estimate estimate(Map<String, Object> arguments) {
        return estimate(validate(arguments));
    }

    /** The schema's check, then the tool's own checks of arguments taken together. */
    private Args validate(Map<String, Object> arguments) {
        Args args = schema.validate(arguments);
        checkTogether(args);
        return args;
    }

    /**
     * Checks what a flat schema cannot say (one of two arguments, say); throws {@link
     * dev.autonoc.core.tool.InvalidArgumentsException} naming what is wrong. None by default.
     */
    void checkTogether(Args args) {}

    @Override
    public final ToolResult execute(ToolInvocation invocation) {
        Objects.requireNonNull(invocation, "invocation");
        if (!invocation.call().tool().equals(name())) {
            throw new IllegalArgumentException(
                    "tool '"
                            + name()
                            + "' was handed a call of '"
                            + invocation.call().tool()
                            + "'");
        }
        Args args = validate(invocation.call().arguments());
        if (descriptor.kind() == ToolKind.READ) {
            return guarded(args, invocation);
        }
        synchronized (results) {
            String key = invocation.key().value();
            Kept kept = results.get(key);
            if (kept != null) {
                if (kept.arguments().equals(args.values())) {
                    return kept.result();
                }
                return ToolResult.invalid(
                        name()
                                + ": idempotency key "
                                + key
                                + " was used before for other arguments; a new call needs a new key");
            }
            ToolResult result = guarded(args, invocation);
            if (!result.outcome().worthRetrying()) {
                results.put(key, new Kept(Map.copyOf(args.values()), result));
            }
            return result;
        }
    }

    private ToolResult guarded(Args args, ToolInvocation invocation) {
        try {
            return run(args, invocation);
        } catch (OssException e) {
            return ToolResult.of(e.outcome(), name() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // An unexpected error on the way: the effect may or may not have happened, so the
            // only safe answer is to retry under the same key.
            return ToolResult.uncertain(name() + ": unexpected error: " + e);
        }
    }

    /** Cost, risk and facts of validated arguments; no effect. */
    abstract Estimate estimate(Args args);

    /**
     * Calls the OSS/BSS; an acting tool passes {@code invocation.key()} down. Throws {@link
     * OssException} for the far side's failures.
     */
    abstract ToolResult run(Args args, ToolInvocation invocation);
}
