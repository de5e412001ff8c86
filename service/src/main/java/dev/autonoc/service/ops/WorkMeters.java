package dev.autonoc.service.ops;

import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.cases.CaseStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Gauges of the work in hand, read from the case store and the approval queue when scraped: open
 * cases by state, approvals waiting and the age of the oldest (in simulated time, the loop's). One
 * scrape reads each store once: the answer is kept for a second, so that the gauges of one scrape
 * agree with each other.
 */
final class WorkMeters implements MeterBinder {

    private record Snapshot(Map<CaseStatus, Long> open, int waiting, double oldestSeconds) {}

    private final CaseStore cases;
    private final ApprovalQueue approvals;
    private final Supplier<Instant> simNow;
    private final Clock wall;
    private Snapshot last;
    private Instant takenAt;

    WorkMeters(CaseStore cases, ApprovalQueue approvals, Supplier<Instant> simNow, Clock wall) {
        this.cases = cases;
        this.approvals = approvals;
        this.simNow = simNow;
        this.wall = wall;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (CaseStatus status : CaseStatus.values()) {
            if (!status.isOpen()) {
                continue; // closed cases are counted as they close (autonoc.cases.closed)
            }
            Gauge.builder("autonoc.cases.open", this, m -> m.snapshot().open().get(status))
                    .description("open cases, by state")
                    .tag("state", status.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        Gauge.builder("autonoc.approvals.waiting", this, m -> m.snapshot().waiting())
                .description("approval requests waiting for a person")
                .register(registry);
        Gauge.builder("autonoc.approvals.oldest.age", this, m -> m.snapshot().oldestSeconds())
                .description("how long the oldest waiting request has waited, in simulated time")
                .baseUnit("seconds")
                .register(registry);
    }

    private synchronized Snapshot snapshot() {
        Instant t = wall.instant();
        if (last != null && t.isBefore(takenAt.plus(Duration.ofSeconds(1)))) {
            return last;
        }
        Map<CaseStatus, Long> open = new EnumMap<>(CaseStatus.class);
        for (CaseStatus s : CaseStatus.values()) {
            open.put(s, 0L);
        }
        for (CaseRecord c : cases.open()) {
            open.merge(c.status(), 1L, Long::sum);
        }
        List<ApprovalRequest> waiting = approvals.pending();
        Instant now = simNow.get();
        double oldest =
                waiting.stream()
                        .map(ApprovalRequest::requestedAt)
                        .min(Instant::compareTo)
                        .map(at -> Math.max(0, Duration.between(at, now).toMillis() / 1000.0))
                        .orElse(0.0);
        last = new Snapshot(open, waiting.size(), oldest);
        takenAt = t;
        return last;
    }
}
