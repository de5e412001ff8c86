package dev.autonoc.core.planner.llm;

import dev.langchain4j.model.chat.request.ChatRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Answers from a folder written by {@link RecordingChannel}, with the recorded latency and tokens,
 * so that a replayed run writes the recorded run's ledger. A request the recording does not hold
 * means the conversation diverged (a changed prompt, planner or scenario): it is refused with a
 * {@link Divergence} and remembered, so that the eval fails loudly even though the planner that
 * asked fell back to the playbook.
 */
public final class ReplayChannel implements ModelChannel {

    /** A request the recording does not hold. */
    public static final class Divergence extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        Divergence(String message) {
            super(message);
        }
    }

    /** One exchange as the recording holds it, checked when the recording is loaded. */
    private record Recorded(
            Map<?, ?> response, long latencyMs, long inputTokens, long outputTokens) {}

    private final Map<String, Recorded> recorded;
    private final String model;
    private final Path dir;
    private final List<String> divergences = Collections.synchronizedList(new ArrayList<>());

    private ReplayChannel(Path dir, Map<String, Recorded> recorded, String model) {
        this.dir = dir;
        this.recorded = recorded;
        this.model = model;
    }

    /**
     * Loads a recording.
     *
     * @throws IllegalArgumentException when the folder is missing, holds no exchange, or an
     *     exchange is not one this channel wrote, naming the file
     */
    public static ReplayChannel load(Path dir) {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(
                    "no recording at " + dir + ": expected a folder written by --llm-record");
        }
        Map<String, Recorded> recorded = new TreeMap<>();
        @Nullable String model = null;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                Map<String, Object> tree;
                try {
                    tree = Json.parseObject(Files.readString(f));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(f + ": " + e.getMessage(), e);
                }
                if (!(tree.get("request") instanceof Map<?, ?> asked)
                        || !(tree.get("response") instanceof Map<?, ?> response)
                        || !(tree.get("model") instanceof String m)
                        || !(tree.get("latency_ms") instanceof Number latency)
                        || !(tree.get("input_tokens") instanceof Number in)
                        || !(tree.get("output_tokens") instanceof Number out)) {
                    throw new IllegalArgumentException(
                            f
                                    + ": not a recorded exchange (expected model, request, response,"
                                    + " latency_ms, input_tokens, output_tokens)");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> request = (Map<String, Object>) asked;
                recorded.put(
                        Transcript.key(request),
                        new Recorded(
                                response, latency.longValue(), in.longValue(), out.longValue()));
                model = model == null ? m : model;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recording " + dir, e);
        }
        if (recorded.isEmpty() || model == null) {
            throw new IllegalArgumentException(
                    "the recording " + dir + " holds no exchange (*.json written by --llm-record)");
        }
        return new ReplayChannel(dir, recorded, model);
    }

    @Override
    public String model() {
        return model;
    }

    /** How many exchanges the recording holds. */
    public int size() {
        return recorded.size();
    }

    /** Every request that was not in the recording, in the order they came. */
    public List<String> divergences() {
        synchronized (divergences) {
            return List.copyOf(divergences);
        }
    }

    @Override
    public Exchange send(ChatRequest request) {
        Map<String, Object> asked = Transcript.request(model, request);
        String key = Transcript.key(asked);
        Recorded tree = recorded.get(key);
        if (tree == null) {
            String what =
                    "the conversation diverged from the recording "
                            + dir
                            + ": no recorded answer to request "
                            + key.substring(0, 12)
                            + " ("
                            + firstUserLine(asked)
                            + ", "
                            + messages(asked).size()
                            + " messages)";
            divergences.add(what);
            throw new Divergence(what);
        }
        return new Exchange(
                Transcript.response(
                        tree.response(), model, tree.inputTokens(), tree.outputTokens()),
                tree.latencyMs(),
                tree.inputTokens(),
                tree.outputTokens());
    }

    private static List<?> messages(Map<String, Object> asked) {
        return asked.get("messages") instanceof List<?> l ? l : List.of();
    }

    private static String firstUserLine(Map<String, Object> asked) {
        for (Object o : messages(asked)) {
            Map<?, ?> m = (Map<?, ?>) o;
            if ("user".equals(m.get("role")) && m.get("text") instanceof String t) {
                return Json.clip(t.lines().findFirst().orElse(""));
            }
        }
        return "no user message";
    }
}
