package dev.autonoc.simulators;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * TOOL_FAULTS as the HTTP façade injects them: a request to the endpoint a faulty tool calls fails
 * at the tool's rate. Of those failures, half come before the effect (a 503 problem: nothing
 * happened), a quarter after it (the twin acted, the answer is a 504 problem) and a quarter after
 * it with no answer at all until {@code hang} has passed (the client times out). After the effect,
 * a retry under the same idempotency key gets the first outcome and changes nothing again.
 *
 * <p>Each tool draws from its own seeded stream, one draw per request to its endpoint, so the same
 * requests in the same order meet the same faults.
 *
 * @param rateByTool the error rate per tool name (0..1)
 * @param seed the seed the tools' streams are split from
 * @param hang how long a request left without an answer is held before its connection is closed
 */
public record HttpFaults(Map<String, Double> rateByTool, long seed, Duration hang) {

    /** Long enough that any client's time-out comes first. */
    public static final Duration DEFAULT_HANG = Duration.ofSeconds(30);

    public HttpFaults {
        rateByTool = Map.copyOf(new TreeMap<>(rateByTool));
        Objects.requireNonNull(hang, "hang");
        rateByTool.forEach(
                (tool, rate) -> {
                    if (!(rate >= 0.0 && rate <= 1.0)) {
                        throw new IllegalArgumentException(
                                "error rate of " + tool + " must be 0..1, got " + rate);
                    }
                });
        if (hang.isNegative() || hang.isZero()) {
            throw new IllegalArgumentException("hang must be positive, got " + hang);
        }
    }

    /** No faults. */
    public static HttpFaults none() {
        return new HttpFaults(Map.of(), 0, DEFAULT_HANG);
    }

    /**
     * The spec's TOOL_FAULTS (two on one tool combine as independent causes), drawn from a stream
     * of the spec's seed apart from the in-process catalogue's.
     */
    public static HttpFaults of(TwinSpec spec) {
        Map<String, Double> rates = new TreeMap<>();
        for (Disturbance d : spec.disturbances()) {
            if (d instanceof Disturbance.ToolFaults t) {
                rates.merge(t.tool(), t.errorRate(), (a, b) -> 1 - (1 - a) * (1 - b));
            }
        }
        return new HttpFaults(rates, spec.seed() ^ 0x4775_FA17L, DEFAULT_HANG);
    }

    /** The same faults, holding an unanswered request for {@code hold}. */
    public HttpFaults withHang(Duration hold) {
        return new HttpFaults(rateByTool, seed, hold);
    }

    public double rate(String tool) {
        return rateByTool.getOrDefault(tool, 0.0);
    }
}
