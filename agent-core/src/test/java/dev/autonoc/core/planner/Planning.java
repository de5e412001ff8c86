package dev.autonoc.core.planner;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.casefile.Commitment;
import dev.autonoc.core.casefile.Exclusion;
import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.plan.Assumption;
import dev.autonoc.core.plan.CaseContext;
import dev.autonoc.core.plan.Holding;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.plan.PlanningRequest;
import dev.autonoc.core.plan.ToolReader;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.testing.FakeOperator;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One planning situation for the playbook: the operator's south region ({@link FakeOperator#south})
 * at a time, a case context (first plan, or a replan with its history), and helpers that read a
 * plan.
 */
final class Planning {

    // Thursday 9 January 2025, 10:00 UTC
    static final Instant THURSDAY_10 = Instant.parse("2025-01-09T10:00:00Z");
    static final CaseId CASE = new CaseId("case-0001");
    static final Element CORE =
            new Element(
                    ElementId.of("core-rtr-02"), ElementKind.ROUTER, "core", "south", "site-02");
    static final Element CELL =
            new Element(ElementId.of("cell-02-1"), ElementKind.RADIO, "cell", "south", "site-02");
    static final Element LINK =
            new Element(
                    ElementId.of("link-agg-rtr-02-core-rtr-01"),
                    ElementKind.LINK,
                    "fibre",
                    "south",
                    "site-02");

    Instant now = THURSDAY_10;
    final FakeOperator net = FakeOperator.south(() -> now);
    PlaybookSettings settings = PlaybookSettings.operatorDefault();
    CaseContext context = CaseContext.first();

    Prediction prediction(Element e, FailureMode mode, double p, Duration ttf) {
        return new Prediction(e.id(), now, p, mode, ttf, List.of(), "m1");
    }

    Plan plan(Element e, FailureMode mode, double p, Duration ttf) {
        return plan(e, prediction(e, mode, p, ttf));
    }

    /**
     * Whether the reader asks reads ahead at once, as connected mode's loop does ({@link
     * ToolReader#readAhead}): every call handed over is asked, each group kept in {@link
     * #askedAhead}.
     */
    boolean readsAhead;

    /** The previews asked ahead together, one list per {@link ToolReader#readAhead}. */
    final List<List<String>> askedAhead = new ArrayList<>();

    Plan plan(Element e, Prediction p) {
        return new PlaybookPlanner(settings)
                .plan(new PlanningRequest(CASE, e, p, now, reader(), context));
    }

    private ToolReader reader() {
        ToolReader operator = net.reader();
        if (!readsAhead) {
            return operator;
        }
        return new ToolReader() {
            @Override
            public ToolResult read(String tool, Map<String, Object> arguments) {
                return operator.read(tool, arguments);
            }

            @Override
            public List<ToolResult> readAhead(List<ToolCall> calls) {
                askedAhead.add(
                        calls.stream()
                                .map(
                                        c ->
                                                c.arguments().get("at")
                                                        + "/"
                                                        + c.arguments().get("duration_minutes"))
                                .toList());
                return calls.stream().map(c -> operator.read(c.tool(), c.arguments())).toList();
            }
        };
    }

    /** A core router's fan, believed (p = 0.95). */
    Plan fan(Duration ttf) {
        return plan(CORE, FailureMode.FAN_WEAR, 0.95, ttf);
    }

    List<String> reads() {
        return net.calls.stream().map(FakeOperator.Call::tool).toList();
    }

    /** The times previewed, in the order asked, with their lengths in minutes. */
    List<String> previews() {
        return net.callsOf(ToolNames.PREVIEW_OUTAGE).stream()
                .map(c -> c.arguments().get("at") + "/" + c.arguments().get("duration_minutes"))
                .toList();
    }

    static List<String> tools(Plan plan) {
        return plan.steps().stream().map(s -> s.call().tool()).toList();
    }

    static PlanStep step(Plan plan, String tool) {
        return plan.steps().stream()
                .filter(s -> s.call().tool().equals(tool))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + tool + " in " + tools(plan)));
    }

    static Optional<PlanStep> find(Plan plan, String tool) {
        return plan.steps().stream().filter(s -> s.call().tool().equals(tool)).findFirst();
    }

    static Instant start(Plan plan) {
        return Instant.parse(
                (String) step(plan, ToolNames.DISPATCH_ENGINEER).call().arguments().get("start"));
    }

    static Object arg(Plan plan, String tool, String key) {
        return step(plan, tool).call().arguments().get(key);
    }

    static List<Assumption> assumptions(Plan plan, Assumption.Kind kind) {
        return plan.assumptions().stream().filter(a -> a.kind() == kind).toList();
    }

    static Assumption assumption(Plan plan, Assumption.Kind kind) {
        List<Assumption> found = assumptions(plan, kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + " in " + plan.assumptions());
        }
        return found.get(0);
    }

    // ---------------------------------------------------------------- a case's history

    /**
     * What the steps of {@code plan} left when each of {@code done} ran and succeeded at {@code
     * at}, the others still pending: the records a replan is given, with undos registered as the
     * loop registers them.
     */
    List<StepRecord> ran(Plan plan, Instant at, String... done) {
        List<String> ran = List.of(done);
        List<StepRecord> out = new ArrayList<>();
        for (PlanStep s : plan.steps()) {
            StepRecord r =
                    StepRecord.pending(
                            s.index(),
                            plan.revision(),
                            s.call(),
                            s.undoes().isPresent()
                                    ? Optional.of(s.undoes().getAsInt())
                                    : Optional.empty());
            if (ran.contains(s.call().tool())) {
                String key = FakeOperator.key(CASE.value(), s.index(), 1);
                Optional<ToolCall> undo = undoOf(s.call(), key);
                if (undo.isPresent()) {
                    r = r.registering(undo.get());
                }
                r = r.done(completion(s.call(), at), output(s.call(), at), "done");
            }
            out.add(r);
        }
        // as the loop does: traffic put back, or the ticket closed, ends the effect for good
        for (int i = 0; i < out.size(); i++) {
            StepRecord s = out.get(i);
            String settledBy =
                    s.call().tool().equals(ToolNames.REROUTE_TRAFFIC)
                            ? ToolNames.RESTORE_TRAFFIC
                            : s.call().tool().equals(ToolNames.OPEN_TICKET)
                                    ? ToolNames.CLOSE_TICKET
                                    : null;
            if (settledBy != null
                    && out.stream()
                            .anyMatch(
                                    t ->
                                            t.call().tool().equals(settledBy)
                                                    && t.state() == StepState.DONE)) {
                out.set(i, s.withCommitment(Commitment.SETTLED, "ended"));
            }
        }
        return out;
    }

    /** A replan of the case whose steps are {@code history}, for {@code reason}. */
    CaseContext replan(Plan previous, List<StepRecord> history, String reason, List<Exclusion> ex) {
        return replan(previous, history, reason, ex, List.of());
    }

    CaseContext replan(
            Plan previous,
            List<StepRecord> history,
            String reason,
            List<Exclusion> ex,
            List<Holding> holdings) {
        List<StepRecord> all =
                history.stream()
                        .map(
                                s ->
                                        s.state().isFinal()
                                                ? s
                                                : s.with(StepState.SUPERSEDED, "superseded"))
                        .toList();
        return new CaseContext(
                previous.revision() + 1,
                all.size(),
                reason,
                Optional.of(previous),
                all.stream().filter(s -> s.commitment().needsUndoUnlessKept()).toList(),
                all,
                ex,
                holdings);
    }

    /** The undo the loop registers for a call (loop's Compensations, as docs/agent.md says). */
    static Optional<ToolCall> undoOf(ToolCall call, String key) {
        Map<String, Object> args = new LinkedHashMap<>();
        Object element = call.arguments().get("element_id");
        if (element != null) {
            args.put("element_id", element);
        }
        switch (call.tool()) {
            case ToolNames.ORDER_PART -> {
                args.put("order_key", key);
                return Optional.of(ToolCall.of(ToolNames.CANCEL_ORDER, args));
            }
            case ToolNames.DISPATCH_ENGINEER -> {
                args.put("appointment_key", key);
                return Optional.of(ToolCall.of(ToolNames.CANCEL_APPOINTMENT, args));
            }
            case ToolNames.REROUTE_TRAFFIC -> {
                return Optional.of(ToolCall.of(ToolNames.RESTORE_TRAFFIC, args));
            }
            case ToolNames.OPEN_TICKET -> {
                return Optional.of(
                        ToolCall.of(
                                ToolNames.CLOSE_TICKET,
                                Map.of("case_id", CASE.value(), "resolution", "closed")));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private Optional<Instant> completion(ToolCall call, Instant at) {
        return switch (call.tool()) {
            case ToolNames.ORDER_PART -> Optional.of(arrival(call, at));
            case ToolNames.DISPATCH_ENGINEER ->
                    Optional.of(
                            Instant.parse((String) call.arguments().get("start"))
                                    .plus(Duration.ofHours(1)));
            default -> Optional.empty();
        };
    }

    private Map<String, Object> output(ToolCall call, Instant at) {
        return switch (call.tool()) {
            case ToolNames.ORDER_PART ->
                    Map.of("order_id", "PO-1", "delivery_at", arrival(call, at).toString());
            case ToolNames.DISPATCH_ENGINEER ->
                    Map.of(
                            "appointment_id",
                            "AP-1",
                            "start",
                            call.arguments().get("start"),
                            // an hour's drive to the site
                            "leaves_at",
                            Instant.parse((String) call.arguments().get("start"))
                                    .minus(Duration.ofHours(1))
                                    .toString());
            default -> Map.of();
        };
    }

    private Instant arrival(ToolCall call, Instant at) {
        FakeOperator.Source s = net.sources.get((String) call.arguments().get("source"));
        boolean expedite = Boolean.TRUE.equals(call.arguments().get("expedite"));
        return at.plus(Duration.ofMinutes(expedite ? s.expeditedLeadMinutes : s.leadMinutes));
    }
}
