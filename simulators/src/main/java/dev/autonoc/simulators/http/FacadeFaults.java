package dev.autonoc.simulators.http;

import com.sun.net.httpserver.HttpExchange;
import dev.autonoc.simulators.HttpFaults;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * TOOL_FAULTS at the HTTP façade ({@link HttpFaults}): one seeded stream per faulty tool, split in
 * tool-name order, one draw per request; and the scheduler that closes, after the hang, the
 * connections of requests left unanswered (only when there are faults).
 */
final class FacadeFaults {

    private final HttpFaults faults;
    private final Map<String, SplittableRandom> faultStreams = new TreeMap<>();

    /** Closes the connections of requests left unanswered; only when there are faults. */
    private final Optional<ScheduledExecutorService> hangs;

    FacadeFaults(HttpFaults faults) {
        this.faults = faults;
        SplittableRandom root = new SplittableRandom(faults.seed());
        for (String tool : new TreeMap<>(faults.rateByTool()).keySet()) {
            faultStreams.put(tool, root.split()); // in name order: one stream per faulty tool
        }
        this.hangs =
                faults.rateByTool().isEmpty()
                        ? Optional.empty()
                        : Optional.of(
                                Executors.newSingleThreadScheduledExecutor(
                                        r -> {
                                            Thread t = new Thread(r, "tmf-facade-hangs");
                                            t.setDaemon(true);
                                            return t;
                                        }));
    }

    /**
     * The request as a faulty tool's endpoint answers it: one draw from the tool's stream; below
     * half the rate a 503 before the effect, below three quarters a 504 after it, below the rate no
     * answer after it.
     */
    TmfReply faulty(String tool, Supplier<TmfReply> call) {
        double rate = faults.rate(tool);
        if (rate <= 0) {
            return call.get();
        }
        double u;
        SplittableRandom stream = faultStreams.get(tool);
        synchronized (stream) {
            u = stream.nextDouble();
        }
        if (u < rate / 2) {
            return TmfReply.problem(
                    503,
                    "unavailable",
                    "Service unavailable",
                    "injected fault on "
                            + tool
                            + ": the far side refused the call; nothing happened",
                    "a retry (with the same key, for a call that acts)");
        }
        TmfReply reply = call.get();
        if (u < rate * 3 / 4) {
            return TmfReply.problem(
                    504,
                    "upstream-timeout",
                    "Gateway timeout",
                    "injected fault on "
                            + tool
                            + ": timed out waiting for the far side; the call may have taken"
                            + " effect",
                    "a retry with the same key, which gets the first outcome");
        }
        return u < rate ? TmfReply.NONE : reply;
    }

    /** Holds the exchange unanswered, then closes it after the hang: an injected time-out. */
    void hold(HttpExchange exchange) {
        hangs.orElseThrow() // a fault was drawn, so there are faults and a scheduler
                .schedule(exchange::close, faults.hang().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop() {
        hangs.ifPresent(ScheduledExecutorService::shutdownNow);
    }
}
