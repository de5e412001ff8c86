package dev.autonoc.core.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.approval.Approver;
import dev.autonoc.core.approval.InMemoryApprovalQueue;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.InMemoryCaseStore;
import dev.autonoc.core.loop.Fakes.Intent;
import dev.autonoc.core.loop.Fakes.ListAuditLog;
import dev.autonoc.core.loop.Fakes.MutableClock;
import dev.autonoc.core.loop.Fakes.SagaPlanner;
import dev.autonoc.core.loop.Fakes.ScriptedGate;
import dev.autonoc.core.loop.Fakes.ScriptedPredictor;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.plan.PlanningRequest;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.testing.FakeOperator;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.core.tool.ToolNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One loop's world for a test: the ports (a clock, a scripted predictor and gate, an approval
 * queue, a ledger and a case store that outlive any one loop), the operator's south region ({@link
 * FakeOperator#south}) as the tool catalogue, a planner, and the settings. {@link #restart()}
 * builds a fresh loop over the same stores, as a restarted process would.
 */
final class LoopWorld {

    // Tuesday 7 January 2025, 10:00 UTC
    static final Instant T0 = Instant.parse("2025-01-07T10:00:00Z");
    static final Element ROUTER =
            new Element(
                    ElementId.of("core-rtr-02"), ElementKind.ROUTER, "core", "south", "site-02");
    static final Element ROUTER_3 =
            new Element(
                    ElementId.of("core-rtr-03"), ElementKind.ROUTER, "core", "south", "site-03");
    static final Approver SUPERVISOR = new Approver("sam", Set.of(RoleHierarchy.NOC_SUPERVISOR));
    static final Approver OPERATOR = new Approver("olga", Set.of(RoleHierarchy.NOC_OPERATOR));
    static final String CASE = "case-0001";

    final MutableClock clock = new MutableClock(T0);
    final ScriptedPredictor predictor = new ScriptedPredictor();
    final ScriptedGate gate = new ScriptedGate();

    /** The gate the loop asks: the scripted one unless a test puts another in front. */
    PolicyGate policy = gate;

    InMemoryApprovalQueue approvals = new InMemoryApprovalQueue(RoleHierarchy.operatorDefault());
    final ListAuditLog audit = new ListAuditLog();
    final InMemoryCaseStore cases = new InMemoryCaseStore();
    final FakeOperator net = FakeOperator.south(clock::instant);
    Planner planner;

    /** What the catalogue is made of: the operator's tools, unless a test changes some. */
    java.util.function.UnaryOperator<List<dev.autonoc.core.tool.Tool>> catalogue = t -> t;

    LoopSettings settings = LoopSettings.defaults();

    /** The denials that only keep an act from running (shadow mode): none unless a test says. */
    java.util.function.Predicate<dev.autonoc.core.policy.Decision> observeOnly = d -> false;

    List<Element> elements = List.of(ROUTER, ROUTER_3);

    /** Whether the loop holds a unit's writes back to its effects (connected mode's way). */
    boolean staged;

    /** Where a planning's independent reads are asked at once (connected mode's way); null: not. */
    java.util.concurrent.Executor planningReads;

    private RemediationLoop loop;

    /** A world planned by a saga planner with these intents. */
    LoopWorld(SagaPlanner planner) {
        this.planner = planner;
    }

    LoopWorld(Planner planner) {
        this.planner = planner;
    }

    RemediationLoop loop() {
        if (loop == null) {
            loop = build();
        }
        return loop;
    }

    RemediationLoop build() {
        RemediationLoopBuilder b = RemediationLoop.builder();
        if (staged) {
            b.stageUntilEffects();
        }
        if (planningReads != null) {
            b.planningReadsOn(planningReads);
        }
        return b.predictor(predictor)
                .planner(planner)
                .gate(policy)
                .approvals(approvals)
                .tools(ToolCatalogue.of(catalogue.apply(net.tools())))
                .audit(audit)
                .cases(cases)
                .clock(clock)
                .elements(elements)
                .settings(settings)
                .observeOnly(observeOnly)
                .build();
    }

    /** A new process over the same stores: nothing of the old loop's memory survives. */
    RemediationLoop restart() {
        loop = build();
        return loop;
    }

    Instant now() {
        return clock.instant();
    }

    void tick() {
        loop().tick(now());
    }

    /** Ticks every {@code step} until {@code total} has passed, the first tick after one step. */
    void run(Duration step, Duration total) {
        Instant end = now().plus(total);
        while (now().isBefore(end)) {
            clock.advance(step);
            tick();
        }
    }

    /** Moves the clock to {@code at} and ticks there. */
    void tickAt(Instant at) {
        clock.advance(Duration.between(now(), at));
        tick();
    }

    // ---------------------------------------------------------------- predictions

    static Prediction risk(Element e, Instant at, double p, FailureMode mode, Duration ttf) {
        return new Prediction(e.id(), at, p, mode, ttf, List.of(), "scripted-1");
    }

    /** The element's fan is to fail {@code ttf} from now, with probability {@code p}. */
    void predict(Element e, double p, Duration ttf) {
        predictor.set(risk(e, now(), p, FailureMode.FAN_WEAR, ttf));
    }

    /** The element's fan is to fail at {@code at}, as predicted now. */
    void predictFailureAt(Element e, double p, Instant at) {
        predictor.set(risk(e, now(), p, FailureMode.FAN_WEAR, Duration.between(now(), at)));
    }

    // ---------------------------------------------------------------- reading the outcome

    CaseRecord only() {
        assertThat(cases.all()).hasSize(1);
        return cases.all().get(0);
    }

    CaseRecord of(String id) {
        return cases.find(new CaseId(id)).orElseThrow();
    }

    StepRecord step(int index) {
        return only().step(index);
    }

    List<AuditEvent> events(AuditEventType type) {
        return audit.events(CASE, type);
    }

    /** The tools the ledger shows the case called, acts and reads, in order. */
    List<String> calledTools(String caseId) {
        return audit.events(caseId, AuditEventType.TOOL_CALL).stream()
                .map(e -> (String) e.payload().get("tool"))
                .toList();
    }

    /** The pending requests' ids. */
    List<String> pending() {
        return approvals.pending().stream().map(r -> r.id()).toList();
    }

    void approveAll(Approver who) {
        for (var r : approvals.pending()) {
            approvals.approve(r.id(), who, "ok", now(), java.util.Optional.empty());
        }
    }

    // ---------------------------------------------------------------- saga intents

    static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The case's ticket, unless one stands already. */
    static List<Intent> ticket(PlanningRequest r) {
        List<Intent> out = new ArrayList<>();
        if (r.context().commitmentOf(ToolNames.OPEN_TICKET).isEmpty()) {
            out.add(
                    Intent.now(
                            ToolNames.OPEN_TICKET,
                            args(
                                    "case_id",
                                    r.caseId().value(),
                                    "element_id",
                                    r.element().id().value(),
                                    "summary",
                                    "fan",
                                    "severity",
                                    "major")));
        }
        return out;
    }

    static Map<String, Object> order(PlanningRequest r, String source) {
        return args(
                "part",
                "FAN-TRAY",
                "source",
                source,
                "site",
                r.element().site(),
                "element_id",
                r.element().id().value(),
                "expedite",
                false);
    }

    static Map<String, Object> dispatch(PlanningRequest r, String engineer, Instant start) {
        return args(
                "engineer_id",
                engineer,
                "element_id",
                r.element().id().value(),
                "site",
                r.element().site(),
                "start",
                start.toString(),
                "task",
                "replace FAN-TRAY",
                "part",
                "FAN-TRAY");
    }

    static Map<String, Object> close(PlanningRequest r) {
        return args("case_id", r.caseId().value(), "resolution", "done");
    }

    /**
     * Ticket, an order from the first source the case has not learnt to avoid, the ticket closed: a
     * small plan every outcome test can follow.
     */
    static List<Intent> orderPlan(PlanningRequest r) {
        List<Intent> out = new ArrayList<>(ticket(r));
        for (String source : List.of("south", "central", "supplier")) {
            if (!r.context().excluded(ToolNames.ORDER_PART, order(r, source))) {
                out.add(Intent.now(ToolNames.ORDER_PART, order(r, source)));
                break;
            }
        }
        out.add(Intent.now(ToolNames.CLOSE_TICKET, close(r)));
        return out;
    }

    /** A step of a fixed plan, its call carrying only its number. */
    static dev.autonoc.core.plan.PlanStep step(int i, String tool, Instant notBefore) {
        return new dev.autonoc.core.plan.PlanStep(
                i,
                dev.autonoc.core.tool.ToolCall.of(tool, Map.of("n", (long) i)),
                notBefore,
                java.util.OptionalInt.empty(),
                "step " + i);
    }

    /** The router's fan, p = 0.9, failing two days from {@code at}. */
    static Prediction risk(Instant at) {
        return risk(ROUTER, at, 0.9, FailureMode.FAN_WEAR, Duration.ofDays(2));
    }

    static String key(int step, int attempt) {
        return FakeOperator.key(CASE, step, attempt);
    }

    static Duration hours(long h) {
        return Duration.ofHours(h);
    }

    static Duration minutes(long m) {
        return Duration.ofMinutes(m);
    }
}
