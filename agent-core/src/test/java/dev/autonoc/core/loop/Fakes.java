package dev.autonoc.core.loop;

import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.audit.AuditVerification;
import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.plan.Assumption;
import dev.autonoc.core.plan.CaseContext;
import dev.autonoc.core.plan.Holding;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.plan.PlanningRequest;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.core.testing.Fuse;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolDescriptor;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;

/** Small, real test doubles for the loop's ports. */
final class Fakes {

    /** A clock that moves only when told. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A tool that records each effect once per key and answers from a script. */
    static final class RecordingTool implements Tool {
        final String name;
        final ToolKind kind;
        final List<ToolInvocation> effects = new ArrayList<>();
        final List<ToolInvocation> calls = new ArrayList<>();
        private final Map<String, ToolResult> byKey = new HashMap<>();
        private final Deque<ToolResult> script = new ArrayDeque<>();
        private final Function<Map<String, Object>, ToolResult> answer;

        RecordingTool(
                String name, ToolKind kind, Function<Map<String, Object>, ToolResult> answer) {
            this.name = name;
            this.kind = kind;
            this.answer = answer;
        }

        static RecordingTool act(String name) {
            return new RecordingTool(
                    name, ToolKind.ACT, args -> ToolResult.succeeded(Map.of(), name + " done"));
        }

        /** The next calls answer these, in order, before the default answer. */
        RecordingTool then(ToolResult... results) {
            script.addAll(List.of(results));
            return this;
        }

        @Override
        public ToolDescriptor descriptor() {
            return new ToolDescriptor(name, kind, name, "{}", "TMF000");
        }

        @Override
        public Estimate estimate(Map<String, Object> arguments) {
            Object cost = arguments.get("cost");
            return new Estimate(
                    cost instanceof Number n ? n.doubleValue() : 0.0, Risk.LOW, Map.of());
        }

        @Override
        public ToolResult execute(ToolInvocation invocation) {
            calls.add(invocation);
            ToolResult first = byKey.get(invocation.key().value());
            if (first != null) {
                return first;
            }
            ToolResult result =
                    script.isEmpty() ? answer.apply(invocation.call().arguments()) : script.pop();
            if (result.outcome().nothingHappened()) {
                return result;
            }
            // An UNCERTAIN answer stands for a time-out after the effect: the effect happened,
            // and the retry with the same key gets the outcome the first call should have had.
            if (!byKey.containsKey(invocation.key().value())) {
                effects.add(invocation);
                byKey.put(
                        invocation.key().value(),
                        result.succeeded() ? result : answer.apply(invocation.call().arguments()));
            }
            return result;
        }
    }

    /** A gate that answers by tool name, ALLOW for the rest, and remembers what ran. */
    static final class ScriptedGate implements PolicyGate {
        final Map<String, Function<ActionRequest, Decision>> rules = new HashMap<>();
        final List<ActionRequest> evaluated = new ArrayList<>();
        final List<ActionRequest> executed = new ArrayList<>();
        private int next = 1;

        ScriptedGate requireApproval(String tool, String role) {
            rules.put(
                    tool,
                    r ->
                            Decision.requireApproval(
                                    id(),
                                    role,
                                    List.of(tool + "-approval"),
                                    List.of(tool + " needs " + role),
                                    version()));
            return this;
        }

        ScriptedGate deny(String tool) {
            rules.put(
                    tool,
                    r ->
                            Decision.deny(
                                    id(),
                                    List.of(tool + "-deny"),
                                    List.of(tool + " is not allowed"),
                                    version()));
            return this;
        }

        private String id() {
            return "dec-" + next++;
        }

        @Override
        public String version() {
            return "test-policy";
        }

        @Override
        public Decision evaluate(ActionRequest request) {
            evaluated.add(request);
            return rules.getOrDefault(
                            request.call().tool(),
                            r ->
                                    Decision.allow(
                                            id(),
                                            List.of("allow-all"),
                                            List.of("allowed"),
                                            version()))
                    .apply(request);
        }

        @Override
        public void recordExecution(ActionRequest request, ToolResult result) {
            executed.add(request);
        }

        /** Rule ids whose denials rest on the moment (a guard's count), as the test says. */
        final java.util.Set<String> forTheMoment = new java.util.HashSet<>();

        /** When every denial of the moment is over, if the test says (the day's end). */
        Optional<java.time.Instant> momentOver = Optional.empty();

        /** Tools no rule allows, as the test says. */
        final java.util.Set<String> neverAllowed = new java.util.HashSet<>();

        @Override
        public Optional<java.time.Instant> deniedUntil(Decision decision, java.time.Instant at) {
            return deniedForTheMoment(decision) ? momentOver : Optional.empty();
        }

        @Override
        public boolean refusesAlways(String tool) {
            return neverAllowed.contains(tool);
        }

        @Override
        public boolean deniedForTheMoment(Decision decision) {
            return !decision.allowed()
                    && !decision.ruleIds().isEmpty()
                    && forTheMoment.containsAll(decision.ruleIds());
        }

        @Override
        public boolean askedForTheMoment(Decision decision) {
            return decision.effect() == dev.autonoc.core.policy.Effect.REQUIRE_APPROVAL
                    && !decision.ruleIds().isEmpty()
                    && forTheMoment.containsAll(decision.ruleIds());
        }
    }

    /** A predictor that says what the test tells it to, from a given time. */
    static final class ScriptedPredictor implements FailurePredictor {
        final List<Prediction> risks = new ArrayList<>();
        final List<TelemetrySample> seen = new ArrayList<>();
        final List<ElementId> maintained = new ArrayList<>();
        final List<Alarm> alarms = new ArrayList<>();
        // the data quality per element, for a test of a predictor that judges its inputs
        final java.util.Map<ElementId, dev.autonoc.core.prediction.DataQuality> quality =
                new java.util.HashMap<>();

        @Override
        public void observe(Alarm alarm) {
            alarms.add(alarm);
        }

        @Override
        public java.util.Optional<dev.autonoc.core.prediction.DataQuality> dataQuality(
                ElementId element, Instant now) {
            return java.util.Optional.ofNullable(quality.get(element));
        }

        @Override
        public void maintained(ElementId element, Instant at) {
            maintained.add(element);
        }

        @Override
        public String modelVersion() {
            return "scripted-1";
        }

        @Override
        public void observe(TelemetrySample sample) {
            seen.add(sample);
        }

        @Override
        public List<Prediction> atRisk(Instant now) {
            return risks.stream().filter(p -> !p.at().isAfter(now)).toList();
        }

        void predict(Prediction p) {
            risks.add(p);
        }

        void clear(ElementId element) {
            risks.removeIf(p -> p.element().equals(element));
        }

        /** From now on the element's prediction is {@code p} (the earlier one is forgotten). */
        void set(Prediction p) {
            clear(p.element());
            risks.add(p);
        }
    }

    /** An audit log in memory with a toy chain; enough to see order and content. */
    static final class ListAuditLog implements AuditLog {
        final List<AuditEntry> entries = new ArrayList<>();

        /** Where the process may die: before each write. */
        Fuse fuse = new Fuse();

        @Override
        public AuditEntry append(AuditEvent event) {
            fuse.point("before writing " + event.type() + " of " + event.correlationId());
            return write(event);
        }

        /** Several events in one transaction: one point to die at before it, all or none. */
        @Override
        public List<AuditEntry> appendAll(List<AuditEvent> events) {
            AuditEvent last = events.get(events.size() - 1);
            fuse.point(
                    "before writing "
                            + events.size()
                            + " events up to "
                            + last.type()
                            + " of "
                            + last.correlationId());
            batches.add(events.size());
            return events.stream().map(this::write).toList();
        }

        /** The sizes of the {@link #appendAll} calls, in order. */
        final List<Integer> batches = new ArrayList<>();

        private AuditEntry write(AuditEvent event) {
            String prev = entries.isEmpty() ? "0" : entries.get(entries.size() - 1).hash();
            AuditEntry e =
                    new AuditEntry(
                            entries.size() + 1,
                            event,
                            event.simTime(),
                            prev,
                            Integer.toHexString((prev + event).hashCode()));
            entries.add(e);
            return e;
        }

        @Override
        public List<AuditEntry> query(AuditQuery query) {
            return entries.stream()
                    .filter(
                            e ->
                                    query.correlationId()
                                            .map(c -> c.equals(e.event().correlationId()))
                                            .orElse(true))
                    .toList();
        }

        @Override
        public AuditVerification verify() {
            return AuditVerification.intact(entries.size());
        }

        List<String> types(String caseId) {
            return entries.stream()
                    .filter(e -> e.event().correlationId().equals(caseId))
                    .map(e -> e.event().type().name())
                    .toList();
        }

        /** The events of one type, of one case, in order. */
        List<AuditEvent> events(String caseId, AuditEventType type) {
            return entries.stream()
                    .map(AuditEntry::event)
                    .filter(e -> e.correlationId().equals(caseId) && e.type() == type)
                    .toList();
        }

        /** The events of one type, in order. */
        List<AuditEvent> events(AuditEventType type) {
            return entries.stream().map(AuditEntry::event).filter(e -> e.type() == type).toList();
        }
    }

    /** A step a {@link SagaPlanner} intends, {@code after} naming an earlier intent (or -1). */
    record Intent(ToolCall call, Instant notBefore, int after, String purpose) {
        static Intent now(String tool, Map<String, Object> arguments) {
            return new Intent(ToolCall.of(tool, arguments), Instant.MIN, -1, tool);
        }

        static Intent at(Instant when, String tool, Map<String, Object> arguments) {
            return new Intent(ToolCall.of(tool, arguments), when, -1, tool);
        }

        Intent after(int intent) {
            return new Intent(call, notBefore, intent, purpose);
        }
    }

    /**
     * A planner that plans as a saga should (docs/agent.md, "Compensation"): it keeps the standing
     * effects {@link #keep} says, undoes the others first (last first, with their registered
     * undos), then adds the steps {@link #intents} asks for, numbered on from the case's steps,
     * with the assumptions {@link #assumptions} states. Every request is kept in {@link #asked}.
     */
    static final class SagaPlanner implements Planner {
        final List<PlanningRequest> asked = new ArrayList<>();
        Function<PlanningRequest, List<Intent>> intents;
        BiPredicate<PlanningRequest, StepRecord> keep =
                (r, s) -> s.call().tool().equals(ToolNames.OPEN_TICKET);
        BiFunction<PlanningRequest, List<Integer>, List<Assumption>> assumptions =
                (r, steps) -> List.of();
        Function<PlanningRequest, Optional<String>> escalation = r -> Optional.empty();
        Function<PlanningRequest, List<Holding>> takes = r -> List.of();

        SagaPlanner(Function<PlanningRequest, List<Intent>> intents) {
            this.intents = intents;
        }

        @Override
        public String name() {
            return "saga";
        }

        @Override
        public String version() {
            return "1";
        }

        /** What the planner reads before it plans. */
        Consumer<PlanningRequest> reads = r -> {};

        @Override
        public Plan plan(PlanningRequest r) {
            asked.add(r);
            reads.accept(r);
            CaseContext ctx = r.context();
            List<PlanStep> steps = new ArrayList<>();
            List<Integer> keeps = new ArrayList<>();
            List<StepRecord> standing = ctx.commitments();
            for (StepRecord s : standing) {
                if (keep.test(r, s)) {
                    keeps.add(s.index());
                }
            }
            for (int i = standing.size() - 1; i >= 0; i--) {
                if (!keeps.contains(standing.get(i).index())) {
                    steps.add(
                            CaseContext.undoStep(
                                    standing.get(i), ctx.nextIndex() + steps.size(), r.now()));
                }
            }
            List<Integer> indexes = new ArrayList<>();
            for (Intent in : intents.apply(r)) {
                int index = ctx.nextIndex() + steps.size();
                steps.add(
                        new PlanStep(
                                index,
                                in.call(),
                                in.notBefore().isBefore(r.now()) ? r.now() : in.notBefore(),
                                in.after() < 0
                                        ? OptionalInt.empty()
                                        : OptionalInt.of(indexes.get(in.after())),
                                in.purpose()));
                indexes.add(index);
            }
            return new Plan(
                    r.caseId(),
                    name(),
                    version(),
                    steps,
                    "saga plan (" + ctx.reason() + ")",
                    ctx.revision(),
                    keeps,
                    assumptions.apply(r, indexes),
                    takes.apply(r),
                    escalation.apply(r));
        }

        /** The latest request. */
        PlanningRequest last() {
            return asked.get(asked.size() - 1);
        }
    }

    /** A planner whose steps come from a function, named as given, at version 1. */
    static Planner planner(String name, Function<PlanningRequest, List<PlanStep>> steps) {
        return new Planner() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String version() {
                return "1";
            }

            @Override
            public Plan plan(PlanningRequest request) {
                return new Plan(request.caseId(), name, "1", steps.apply(request), name + " plan");
            }
        };
    }

    private Fakes() {}
}
