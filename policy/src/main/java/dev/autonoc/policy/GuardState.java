package dev.autonoc.policy;

import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counters behind the guards, fed by successful act calls only.
 *
 * <ul>
 *   <li>spend per UTC day: the sum of {@link ToolResult#costGbp()};
 *   <li>act calls per UTC day, in all and per element;
 *   <li>elements under work. An element is under work while a successful {@code reroute_traffic} on
 *       it has no successful {@code restore_traffic} after it, or while a successful {@code
 *       dispatch_engineer} or {@code restart_element} on it has not reached its result's {@code
 *       completesAt} (a result without {@code completesAt} finished at once and holds nothing). The
 *       later of the two ends counts: a job still running after the traffic came back keeps the
 *       element under work until the job's end. A successful {@code cancel_appointment} ends the
 *       hold of the element's jobs booked so far.
 * </ul>
 *
 * <p>Days and "now" come from {@link ActionRequest#at()}, never from a clock of this class. Days
 * more than {@value #DAYS_KEPT} days before the newest recorded one are forgotten, so that a
 * long-running service does not grow without end. Every method holds the instance's lock: the
 * counters are small, and evaluation of the rules happens outside it.
 */
final class GuardState {

    static final int DAYS_KEPT = 7;

    /**
     * Per element: its region, whether traffic is rerouted off it, and until when a job holds it.
     */
    private static final class Work {
        final String region;
        boolean rerouted;
        Instant busyUntil;

        Work(String region) {
            this.region = region;
        }

        boolean underWorkAt(Instant t) {
            return rerouted || (busyUntil != null && t.isBefore(busyUntil));
        }
    }

    private final TreeMap<LocalDate, Double> spendByDay = new TreeMap<>();
    private final TreeMap<LocalDate, Map<String, Long>> callsByDay = new TreeMap<>();
    private final Map<String, Work> work = new HashMap<>();

    synchronized void record(ActionRequest request, ToolResult result) {
        String tool = request.call().tool();
        if (!result.succeeded() || !ToolNames.ACT.contains(tool)) {
            return;
        }
        LocalDate day = day(request.at());
        String element = request.element().id().value();
        double cost = result.costGbp() > 0.0 ? result.costGbp() : 0.0;
        spendByDay.merge(day, cost, Double::sum);
        callsByDay.computeIfAbsent(day, d -> new HashMap<>()).merge(element, 1L, Long::sum);
        forgetOldDays();

        switch (tool) {
            case ToolNames.REROUTE_TRAFFIC -> workOf(request).rerouted = true;
            case ToolNames.RESTORE_TRAFFIC -> {
                Work w = work.get(element);
                if (w != null) {
                    w.rerouted = false;
                }
            }
            case ToolNames.DISPATCH_ENGINEER, ToolNames.RESTART_ELEMENT ->
                    result.completesAt()
                            .ifPresent(
                                    end -> {
                                        Work w = workOf(request);
                                        if (w.busyUntil == null || end.isAfter(w.busyUntil)) {
                                            w.busyUntil = end;
                                        }
                                    });
            case ToolNames.CANCEL_APPOINTMENT -> {
                // the job will not happen: the element is not held by it any more (a newer
                // booking of it, if any, is recorded after this and holds it again)
                Work w = work.get(element);
                if (w != null) {
                    w.busyUntil = null;
                }
            }
            default -> {
                // tickets, orders, notices and credits put nothing under work
            }
        }
    }

    synchronized History historyAt(ActionRequest request) {
        Instant at = request.at();
        LocalDate day = day(at);
        String element = request.element().id().value();
        String region = request.element().region();
        Map<String, Long> calls = callsByDay.getOrDefault(day, Map.of());
        long callsToday = 0;
        for (long n : calls.values()) {
            callsToday += n;
        }
        boolean elementUnderWork = false;
        long inRegion = 0;
        long others = 0;
        long total = 0;
        for (Map.Entry<String, Work> e : work.entrySet()) {
            Work w = e.getValue();
            if (!w.underWorkAt(at)) {
                continue;
            }
            total++;
            boolean self = e.getKey().equals(element);
            elementUnderWork |= self;
            if (w.region.equals(region)) {
                inRegion++;
                if (!self) {
                    others++;
                }
            }
        }
        return new History(
                spendByDay.getOrDefault(day, 0.0),
                callsToday,
                calls.getOrDefault(element, 0L),
                elementUnderWork,
                inRegion,
                others,
                total);
    }

    private Work workOf(ActionRequest request) {
        return work.computeIfAbsent(
                request.element().id().value(), id -> new Work(request.element().region()));
    }

    private void forgetOldDays() {
        LocalDate cutoff = spendByDay.lastKey().minusDays(DAYS_KEPT);
        spendByDay.headMap(cutoff).clear();
        callsByDay.headMap(cutoff).clear();
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
