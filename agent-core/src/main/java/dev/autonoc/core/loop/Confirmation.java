package dev.autonoc.core.loop;

import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.prediction.DataQuality;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The check before a case's first plan (docs/data-quality.md): the inventory is asked whether it
 * knows the element and in what state, and when the predictor's data on the element are not fresh
 * the element's telemetry is read again directly. What was found becomes the facts the plan states
 * it relies on, with their age; an inventory that does not list the element, or lists it down while
 * it reports, contradicts the network, and the case stops for a person before anything is planned.
 * Every read is in the ledger like any other. Only with a predictor that judges its inputs ({@link
 * dev.autonoc.core.prediction.FailurePredictor#dataQuality}); the baselines have nothing to confirm
 * against.
 */
final class Confirmation {

    /** A direct read whose newest sample is older than this is not fresh either. */
    static final Duration FRESH_FOR = Duration.ofMinutes(15);

    private static final int SAMPLES = 6;

    /**
     * What the check found: a contradiction that stops the case, or the facts the plan relies on.
     */
    record Outcome(Optional<String> contradiction, String facts) {}

    private final LoopKit kit;

    Confirmation(LoopKit kit) {
        this.kit = kit;
    }

    Outcome confirm(CaseRecord c, Instant now, boolean reportedDown) {
        String id = c.element().id().value();
        List<String> facts = new ArrayList<>();
        Optional<DataQuality> quality = kit.predictor.dataQuality(c.element().id(), now);
        if (quality.isEmpty()) {
            // a predictor that does not judge its inputs (a baseline): nothing to confirm against
            return new Outcome(Optional.empty(), "");
        }
        boolean streamFresh = quality.get().trusted();
        facts.add(stream(quality.get(), now));
        Optional<Instant> reread = Optional.empty();
        if (!streamFresh && kit.tools.find(ToolNames.GET_TELEMETRY).isPresent()) {
            ToolResult r =
                    read(
                            c,
                            ToolNames.GET_TELEMETRY,
                            Map.of("element_id", id, "samples", (long) SAMPLES),
                            1,
                            now);
            reread = r.succeeded() ? newest(r) : Optional.empty();
            facts.add(
                    "telemetry read again at "
                            + now
                            + ": "
                            + (r.succeeded()
                                    ? reread.map(
                                                    t ->
                                                            "newest sample "
                                                                    + t
                                                                    + " ("
                                                                    + age(t, now)
                                                                    + ")")
                                            .orElse("no sample")
                                    : r.outcome() + " (" + r.summary() + ")"));
        }
        if (!streamFresh && kit.tools.find(ToolNames.GET_NEIGHBOUR_VIEW).isPresent()) {
            facts.add(neighbours(c, id, now));
        }
        if (kit.tools.find(ToolNames.GET_ELEMENT).isEmpty()) {
            return new Outcome(Optional.empty(), String.join("; ", facts));
        }
        ToolResult inv = read(c, ToolNames.GET_ELEMENT, Map.of("element_id", id), 2, now);
        boolean reports =
                streamFresh || reread.map(t -> !t.plus(FRESH_FOR).isBefore(now)).orElse(false);
        Optional<String> contradiction = Optional.empty();
        switch (inv.outcome()) {
            case SUCCEEDED -> {
                Object status = inv.output().get("status");
                facts.add("inventory at " + now + ": " + id + " listed " + status);
                if ("DOWN".equals(status) && !reportedDown && reports) {
                    contradiction =
                            Optional.of(
                                    "the inventory lists "
                                            + id
                                            + " DOWN, but the network reports no failure and its"
                                            + " telemetry is current");
                }
            }
            case INVALID, REFUSED ->
                    contradiction =
                            Optional.of(
                                    "the inventory contradicts the network about "
                                            + id
                                            + " ("
                                            + inv.summary()
                                            + "): the network "
                                            + (reportedDown ? "reports it down" : "reports on it"));
            default -> facts.add("inventory not reached at " + now + " (" + inv.outcome() + ")");
        }
        return new Outcome(contradiction, String.join("; ", facts));
    }

    /**
     * The cross-check from the other end: how the element's neighbours see the links to it, read at
     * each neighbour (their sensors and clocks are their own, so the element's stuck sensor or
     * drifting clock, or the collector's gap, do not reach them). Stated as a fact, at most {@value
     * #VIEWS_STATED} views.
     */
    private String neighbours(CaseRecord c, String id, Instant now) {
        ToolResult r = read(c, ToolNames.GET_NEIGHBOUR_VIEW, Map.of("element_id", id), 3, now);
        if (!r.succeeded()) {
            return "neighbours' view not read at "
                    + now
                    + ": "
                    + r.outcome()
                    + " ("
                    + r.summary()
                    + ")";
        }
        List<String> views = new ArrayList<>();
        if (r.output().get("views") instanceof List<?> rows) {
            for (Object row : rows) {
                if (views.size() == VIEWS_STATED) {
                    views.add("and " + (rows.size() - VIEWS_STATED) + " more");
                    break;
                }
                if (row instanceof Map<?, ?> v) {
                    views.add(view(v));
                }
            }
        }
        return views.isEmpty()
                ? "neighbours' view at " + now + ": " + id + " has no neighbour over a link"
                : "neighbours' view at " + now + ": " + String.join(", ", views);
    }

    private static final int VIEWS_STATED = 4;

    private static String view(Map<?, ?> v) {
        StringBuilder sb =
                new StringBuilder()
                        .append(v.get("neighbour_id"))
                        .append(" over ")
                        .append(v.get("link_id"))
                        .append(" sees the adjacency ")
                        .append(v.get("adjacency"));
        for (String key : List.of("optical_rx_dbm", "pre_fec_ber", "utilization", "traffic_gbps")) {
            if (v.get(key) instanceof Number n) {
                sb.append(", ")
                        .append(key)
                        .append(' ')
                        .append(String.format(java.util.Locale.ROOT, "%.4g", n.doubleValue()));
            }
        }
        return sb.toString();
    }

    private static String stream(DataQuality q, Instant now) {
        String last =
                q.lastSampleAt()
                        .map(t -> "last sample " + t + " (" + age(t, now) + ")")
                        .orElse("no sample yet");
        return "the predictor's data on "
                + q.element()
                + " are "
                + q.state().key()
                + (q.reason().isEmpty() ? "" : " (" + q.reason() + ")")
                + ", "
                + last;
    }

    private static String age(Instant t, Instant now) {
        long minutes = Duration.between(t, now).toMinutes();
        return minutes >= 0 ? minutes + " min old" : -minutes + " min ahead of the clock";
    }

    private ToolResult read(
            CaseRecord c, String tool, Map<String, Object> args, int n, Instant now) {
        ToolInvocation inv =
                new ToolInvocation(
                        ToolCall.of(tool, args),
                        new IdempotencyKey(
                                c.id().value()
                                        + "/confirm-"
                                        + now.getEpochSecond()
                                        + "-"
                                        + n
                                        + "/1"),
                        kit.agent());
        return kit.calls.read(
                c.id().value(), c.element().id().value(), Replanner.READ_STEP, inv, now);
    }

    @SuppressWarnings("unchecked")
    private static Optional<Instant> newest(ToolResult r) {
        Object rows = r.output().get("samples");
        if (!(rows instanceof List<?> list) || list.isEmpty()) {
            return Optional.empty();
        }
        Object last = list.get(list.size() - 1);
        if (!(last instanceof Map<?, ?> row) || !(row.get("at") instanceof String at)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(at));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
