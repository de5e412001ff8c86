package dev.autonoc.policy;

import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.tool.ToolResult;
import dev.cel.runtime.CelVariableResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The policy gate: a YAML file of rules with CEL conditions (see the module's README.md for the
 * format and the variables).
 *
 * <p>Every rule that matches the request's tool (and element kind and region, when the rule names
 * them) and whose condition holds contributes its effect; the strongest wins, DENY over
 * REQUIRE_APPROVAL over ALLOW. With several REQUIRE_APPROVAL the role that includes the others
 * wins. A rule whose condition cannot be evaluated contributes DENY (fail closed). No contributing
 * rule at all is a DENY: "no rule allows &lt;tool&gt;; default deny".
 *
 * <p>The decision names the policy version ({@code sha256:} of the file), the ids and messages of
 * the rules that produced the winning effect, and an id {@code dec-000001}, {@code dec-000002}, ...
 * counted per gate, so a run is deterministic.
 *
 * <p>The gate keeps the guards' counters ({@code history} in the rules) from {@link
 * #recordExecution}. It is thread-safe; two requests evaluated at the same time both see the
 * counters as they were before either ran.
 */
public final class CelPolicyGate implements PolicyGate {

    private static final String DEFAULT_RESOURCE = "policies/default.yaml";

    private final Policy policy;
    private final GuardState guards = new GuardState();
    private final AtomicLong decisions = new AtomicLong();

    private CelPolicyGate(Policy policy) {
        this.policy = policy;
    }

    /** Loads a policy file, checking its roles against the operator's default hierarchy. */
    public static CelPolicyGate load(Path file) {
        return load(file, RoleHierarchy.operatorDefault());
    }

    /**
     * Loads a policy file.
     *
     * @throws PolicyLoadException naming the file, the line and the reason when the file is refused
     * @throws UncheckedIOException when the file cannot be read
     */
    public static CelPolicyGate load(Path file, RoleHierarchy roles) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(roles, "roles");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy file " + file, e);
        }
        Path name = file.getFileName();
        return new CelPolicyGate(
                PolicyLoader.load(name == null ? file.toString() : name.toString(), bytes, roles));
    }

    /** A policy from text; {@code name} stands for the file name in errors and decisions. */
    public static CelPolicyGate fromText(String name, String yaml) {
        return fromText(name, yaml, RoleHierarchy.operatorDefault());
    }

    public static CelPolicyGate fromText(String name, String yaml, RoleHierarchy roles) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(roles, "roles");
        return new CelPolicyGate(
                PolicyLoader.load(name, yaml.getBytes(StandardCharsets.UTF_8), roles));
    }

    /**
     * The operator's default policy (OPERATOR.md), from the classpath. Each call gives a new gate
     * with its own counters and decision ids; the compiled rules are shared.
     */
    public static CelPolicyGate defaultPolicy() {
        return new CelPolicyGate(DefaultPolicy.POLICY);
    }

    /** The text of the default policy file, as shipped. */
    public static String defaultPolicyText() {
        return new String(DefaultPolicy.BYTES, StandardCharsets.UTF_8);
    }

    /** Loaded on first use, once: the default policy is part of the build and cannot be refused. */
    private static final class DefaultPolicy {
        static final byte[] BYTES = read();
        static final Policy POLICY =
                PolicyLoader.load("default.yaml", BYTES, RoleHierarchy.operatorDefault());

        private static byte[] read() {
            try (InputStream in =
                    CelPolicyGate.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(
                            "the default policy " + DEFAULT_RESOURCE + " is not on the classpath");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
            }
        }
    }

    @Override
    public String version() {
        return policy.version();
    }

    /** The file name the policy was loaded from, or the name given with its text. */
    public String policyName() {
        return policy.name();
    }

    /** The rule ids, in file order. */
    public List<String> ruleIds() {
        return policy.rules().stream().map(CompiledRule::id).toList();
    }

    @Override
    public Decision evaluate(ActionRequest request) {
        return evaluateInDetail(request).decision();
    }

    /** The decision with every rule that fired, for an explanation or the audit trail. */
    public PolicyEvaluation evaluateInDetail(ActionRequest request) {
        Objects.requireNonNull(request, "request");
        String decisionId = decisionId(decisions.incrementAndGet());
        String tool = request.call().tool();
        Map<String, Object> bound = PolicyVariables.of(request, guards.historyAt(request));
        // a resolver over the map: CEL's eval(Map) copies the map into a new one on every call
        CelVariableResolver variables = name -> Optional.ofNullable(bound.get(name));
        List<FiredRule> fired = new ArrayList<>();
        for (CompiledRule rule : policy.rules()) {
            if (rule.match().matches(tool, request.element())) {
                rule.fire(variables).ifPresent(fired::add);
            }
        }
        return new PolicyEvaluation(decide(decisionId, tool, fired), fired);
    }

    /** {@code dec-000042}: six digits at least, more when a gate makes a million decisions. */
    private static String decisionId(long n) {
        String digits = Long.toString(n);
        return "dec-" + "0".repeat(Math.max(0, 6 - digits.length())) + digits;
    }

    @Override
    public void recordExecution(ActionRequest request, ToolResult result) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(result, "result");
        guards.record(request, result);
    }

    private Decision decide(String id, String tool, List<FiredRule> fired) {
        String version = policy.version();
        if (fired.isEmpty()) {
            return Decision.deny(
                    id, List.of(), List.of("no rule allows " + tool + "; default deny"), version);
        }
        Effect winner = Effect.ALLOW;
        for (FiredRule f : fired) {
            winner = winner.strongest(f.effect());
        }
        Effect effect = winner;
        List<FiredRule> deciding = fired.stream().filter(f -> f.effect() == effect).toList();
        List<String> ids = deciding.stream().map(FiredRule::ruleId).toList();
        List<String> reasons = deciding.stream().map(FiredRule::message).toList();
        return switch (effect) {
            case ALLOW -> Decision.allow(id, ids, reasons, version);
            case DENY -> Decision.deny(id, ids, reasons, version);
            case REQUIRE_APPROVAL -> {
                List<String> asked =
                        deciding.stream().map(f -> f.role().orElseThrow()).distinct().toList();
                Optional<String> highest = highestRole(asked);
                if (highest.isPresent()) {
                    yield Decision.requireApproval(id, highest.get(), ids, reasons, version);
                }
                // no one role stands for all the others: no single approver can be named
                List<String> withConflict = new ArrayList<>(reasons);
                withConflict.add(
                        "the rules ask for roles "
                                + asked
                                + ", none of which includes the others; no single approver can"
                                + " be named (fail closed)");
                yield Decision.deny(id, ids, withConflict, version);
            }
        };
    }

    /** The role that includes every other asked-for role, if there is one. */
    private Optional<String> highestRole(List<String> asked) {
        for (String candidate : asked) {
            boolean coversAll =
                    asked.stream()
                            .allMatch(other -> policy.roles().satisfies(Set.of(candidate), other));
            if (coversAll) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
