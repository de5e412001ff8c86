package dev.autonoc.core.loop;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.casefile.Exclusion;
import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.plan.CaseContext;
import dev.autonoc.core.plan.Holding;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.plan.PlanningRequest;
import dev.autonoc.core.plan.ReadFailed;
import dev.autonoc.core.plan.ToolReader;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plans a case, first or again (docs/agent.md, "Replanning"): asks the planner with where the case
 * stands, checks the plan before anything of it runs (numbering, what it keeps, that every standing
 * effect it does not keep is undone by its registered undo), writes it to the ledger and puts it in
 * force. Also the loop's own plan that takes everything back (a false alarm).
 */
final class Replanner {

    /** The step number of planner and check reads in the ledger: they belong to no plan step. */
    static final int READ_STEP = -1;

    private final LoopKit kit;

    /**
     * Cases whose last planning failed on a read worth another try: how many tries so far, and when
     * to plan again. Kept in memory only: after a restart (or a failover) such a case is planned at
     * once, which is no worse.
     */
    private final Map<CaseId, PlanRetry> retries = new ConcurrentHashMap<>();

    private record PlanRetry(int tries, Instant at) {}

    /**
     * How long before its element's predicted failure a case whose planning reads keep failing
     * (each time by chance: TRANSIENT or UNCERTAIN) stops being planned again and goes to a person,
     * once its read tool's tries are spent: a day leaves a person time to act.
     */
    static final Duration READS_TRIED_UNTIL_BEFORE = Duration.ofDays(1);

    Replanner(LoopKit kit) {
        this.kit = kit;
    }

    /** The longest a person took to answer one of the case's approval requests. */
    private Duration longestApprovalWait(CaseRecord c) {
        Duration longest = Duration.ZERO;
        for (StepRecord s : c.steps()) {
            if (s.approvalId().isEmpty()) {
                continue;
            }
            Optional<ApprovalRequest> asked = kit.approvals.find(s.approvalId().get());
            Optional<ApprovalAnswer> answered = kit.approvals.answer(s.approvalId().get());
            if (asked.isPresent() && answered.isPresent()) {
                Duration wait = Duration.between(asked.get().requestedAt(), answered.get().at());
                longest = wait.compareTo(longest) > 0 ? wait : longest;
            }
        }
        return longest;
    }

    /** Whether {@code c}'s planning failed on a read and waits for its backoff at {@code now}. */
    boolean waitsToPlan(CaseRecord c, Instant now) {
        PlanRetry r = retries.get(c.id());
        return r != null && now.isBefore(r.at());
    }

    /**
     * Plans {@code c} (whose {@code replanDue} says why) on {@code prediction}, with the engineer
     * time other cases hold; returns the case under its new plan, or ended (nothing to do, or a
     * person needed).
     */
    CaseRecord plan(CaseRecord c, Instant now, Prediction prediction, List<Holding> holdings) {
        return plan(c, now, prediction, holdings, "");
    }

    /**
     * As {@link #plan(CaseRecord, Instant, Prediction, List)}, the plan stating first the {@code
     * facts} it relies on and how fresh they are (from the confirmation before a first plan).
     */
    CaseRecord plan(
            CaseRecord c,
            Instant now,
            Prediction prediction,
            List<Holding> holdings,
            String facts) {
        String reason = c.replanDue().orElse("replan");
        int revision = c.nextRevision();
        if (revision > kit.settings.maxReplans()) {
            return kit.needsPerson(
                    c,
                    now,
                    "planned "
                            + revision
                            + " times already (at most "
                            + kit.settings.maxReplans()
                            + "); the last reason: "
                            + reason);
        }
        CaseContext context =
                new CaseContext(
                        revision,
                        c.nextIndex(),
                        reason,
                        c.plan(),
                        c.commitments(),
                        c.steps(),
                        exclusions(c, now),
                        holdings,
                        longestApprovalWait(c));
        Plan plan;
        try {
            plan =
                    kit.planner.plan(
                            new PlanningRequest(
                                    c.id(),
                                    c.element(),
                                    prediction,
                                    now,
                                    reader(c, revision, now),
                                    context));
        } catch (ReadFailed e) {
            return e.worthRetrying() ? later(c, now, reason, e) : couldNotPlan(c, now, reason, e);
        } catch (RuntimeException e) {
            return couldNotPlan(c, now, reason, e);
        }
        retries.remove(c.id());
        if (plan.firstIndex(c.nextIndex()) == 0
                && c.nextIndex() > 0
                && plan.keeps().isEmpty()
                && plan.steps().stream().noneMatch(s -> s.undoes().isPresent())) {
            plan = plan.renumbered(c.nextIndex(), revision); // a planner that numbers from 0
        }
        if (!facts.isEmpty()) {
            plan =
                    new Plan(
                            plan.caseId(),
                            plan.planner(),
                            plan.plannerVersion(),
                            plan.steps(),
                            "Relies on: " + facts + ". " + plan.rationale(),
                            plan.revision(),
                            plan.keeps(),
                            plan.assumptions(),
                            plan.takes(),
                            plan.escalation());
        }
        Optional<String> problem = problem(c, plan, revision);
        if (problem.isPresent()) {
            return kit.needsPerson(c, now, "the planner's plan is refused: " + problem.get());
        }
        kit.audit.stage(kit.events.plan(kit.agent(), c, plan, reason, now));
        kit.withdrawWaiting(c, "case " + c.id() + " replanned (revision " + revision + ")", now);
        CaseRecord planned = kit.save(c.planned(plan, prediction).verified(now));
        if (plan.steps().isEmpty() && !plan.waits()) {
            return plan.escalation().isPresent()
                    ? kit.needsPerson(planned, now, plan.escalation().get())
                    : kit.close(planned, now, "nothing to do: " + plan.rationale());
        }
        return planned;
    }

    private CaseRecord couldNotPlan(CaseRecord c, Instant now, String reason, RuntimeException e) {
        PlanRetry tried = retries.remove(c.id());
        return kit.needsPerson(
                c,
                now,
                "the planner could not plan ("
                        + reason
                        + "): "
                        + e.getMessage()
                        + (tried == null ? "" : " (tried " + (tried.tries() + 1) + " times)"));
    }

    /**
     * A read the planner needed failed in a way worth another try (the OSS busy or slow): the case
     * stays due for planning and is planned again after the read tool's backoff, as a failed step
     * would be tried again, until its tries run out; then a person is asked.
     */
    private CaseRecord later(CaseRecord c, Instant now, String reason, ReadFailed e) {
        RetryPolicy policy = kit.settings.retryOf(e.tool());
        int tries = retries.containsKey(c.id()) ? retries.get(c.id()).tries() + 1 : 1;
        Instant at = now.plus(policy.backoff(c.id().value(), READ_STEP, tries));
        // out of tries, a planning whose element fails days from now goes on being tried, at
        // the backoff's longest, until a day before the failure: the reads fail by chance (a
        // third of them, in the library's planning-reads-flaky), six plannings in a row failed
        // about once in 200 runs, and the case went to a person three hours after it opened with
        // two days left, and the link failed
        if (tries >= policy.maxTries()
                && at.isAfter(c.latest().earliestFailureAt().minus(READS_TRIED_UNTIL_BEFORE))) {
            return couldNotPlan(c, now, reason, e);
        }
        retries.put(c.id(), new PlanRetry(tries, at));
        return c;
    }

    /**
     * The loop's own plan when a case is dropped (a false alarm): every standing effect undone,
     * last first, then the case closes with {@code why}.
     */
    CaseRecord abandon(CaseRecord c, Instant now, String why) {
        kit.withdrawWaiting(c, "case " + c.id() + " dropped: " + why, now);
        // an effect that can no longer be undone (a delivered part, an engineer on the way)
        // stands: asking again would be refused again, and the case would never close
        List<StepRecord> commitments =
                c.commitments().stream().filter(s -> s.commitment().undoable()).toList();
        List<Integer> standing =
                c.commitments().stream()
                        .filter(s -> !s.commitment().undoable())
                        .map(StepRecord::index)
                        .toList();
        if (commitments.isEmpty()) {
            return kit.close(c.replanning(why, Optional.empty()), now, why);
        }
        List<PlanStep> steps = new ArrayList<>();
        for (int i = commitments.size() - 1; i >= 0; i--) {
            steps.add(CaseContext.undoStep(commitments.get(i), c.nextIndex() + steps.size(), now));
        }
        Plan plan =
                new Plan(
                        c.id(),
                        CaseWork.ABANDON,
                        "1",
                        steps,
                        why,
                        c.nextRevision(),
                        standing,
                        List.of(),
                        List.of(),
                        Optional.empty());
        kit.audit.stage(kit.events.plan(kit.agent(), c, plan, why, now));
        return kit.save(c.planned(plan, c.latest()).verified(now));
    }

    /**
     * What the plan must not call: the case's exclusions that hold at {@code now}, and every undo
     * the policy in force never allows, so that the planner does not count on taking back what it
     * does (a visit moved by booking the new one first stands twice when no cancel is allowed).
     */
    private List<Exclusion> exclusions(CaseRecord c, Instant now) {
        List<Exclusion> out = new ArrayList<>();
        c.exclusions().stream().filter(e -> e.holdsAt(now)).forEach(out::add);
        for (String undo : Compensations.UNDO_TOOLS) {
            if (kit.calls.refusesAlways(undo)) {
                out.add(
                        new Exclusion(
                                undo,
                                Map.of(),
                                "no rule of the policy in force allows " + undo,
                                now));
            }
        }
        return out;
    }

    /** What is wrong with a plan for {@code c}, if anything. */
    private static Optional<String> problem(CaseRecord c, Plan plan, int revision) {
        if (!plan.caseId().equals(c.id())) {
            return Optional.of("it is for another case (" + plan.caseId() + ")");
        }
        if (plan.revision() != revision) {
            return Optional.of(
                    "it is revision " + plan.revision() + "; the case needs " + revision);
        }
        int first = c.nextIndex();
        if (!plan.steps().isEmpty() && plan.steps().get(0).index() != first) {
            return Optional.of(
                    "its steps start at "
                            + plan.steps().get(0).index()
                            + "; the case's next is "
                            + first);
        }
        Map<Integer, StepRecord> standing = new java.util.HashMap<>();
        c.commitments().forEach(s -> standing.put(s.index(), s));
        Set<Integer> undone = new HashSet<>();
        for (PlanStep s : plan.steps()) {
            if (s.afterCompletionOf().isPresent() && s.afterCompletionOf().getAsInt() < first) {
                return Optional.of(
                        "step "
                                + s.index()
                                + " waits for step "
                                + s.afterCompletionOf().getAsInt()
                                + " of an earlier plan");
            }
            if (s.undoes().isPresent()) {
                int target = s.undoes().getAsInt();
                StepRecord t = standing.get(target);
                if (t == null) {
                    return Optional.of(
                            "step "
                                    + s.index()
                                    + " undoes step "
                                    + target
                                    + ", which has no standing effect");
                }
                if (!t.commitment().undoable()) {
                    return Optional.of(
                            "step "
                                    + s.index()
                                    + " undoes step "
                                    + target
                                    + ", which can no longer be undone");
                }
                if (!t.undo().map(s.call()::equals).orElse(false)) {
                    return Optional.of(
                            "step "
                                    + s.index()
                                    + " undoes step "
                                    + target
                                    + " with "
                                    + s.call()
                                    + ", not its registered undo "
                                    + t.undo().orElse(null));
                }
                undone.add(target);
            }
        }
        for (Integer kept : plan.keeps()) {
            if (!standing.containsKey(kept)) {
                return Optional.of("it keeps step " + kept + ", which has no standing effect");
            }
            if (undone.contains(kept)) {
                return Optional.of("it both keeps and undoes step " + kept);
            }
        }
        for (Integer index : standing.keySet()) {
            if (!plan.keeps().contains(index) && !undone.contains(index)) {
                StepRecord s = standing.get(index);
                return Optional.of(
                        "step "
                                + index
                                + " ("
                                + s.call().tool()
                                + ") still stands and is neither kept"
                                + " nor undone");
            }
        }
        return Optional.empty();
    }

    /** The read tools as the planner sees them: acting tools refused, every read audited. */
    private ToolReader reader(CaseRecord c, int revision, Instant now) {
        // a planning tried again reads again under new keys: the failed answers are not replayed
        int attempt = retries.containsKey(c.id()) ? retries.get(c.id()).tries() + 1 : 1;
        return new AuditedReader(c, revision, attempt, now);
    }

    /**
     * One planning's reads, numbered in the order the planner makes them: each read's key is its
     * case, the plan's revision, its number and the planning's attempt.
     */
    private final class AuditedReader implements ToolReader {
        private final CaseRecord c;
        private final int revision;
        private final int attempt;
        private final Instant now;
        private int reads;

        AuditedReader(CaseRecord c, int revision, int attempt, Instant now) {
            this.c = c;
            this.revision = revision;
            this.attempt = attempt;
            this.now = now;
        }

        @Override
        public ToolResult read(String name, Map<String, Object> arguments) {
            requireRead(name);
            return kit.calls.read(
                    c.id().value(),
                    c.element().id().value(),
                    READ_STEP,
                    invocation(ToolCall.of(name, arguments)),
                    now);
        }

        /**
         * Asked at once on the loop's executor for planning reads, when it has one ({@link
         * RemediationLoopBuilder#planningReadsOn}); written in their order, under the keys they
         * would have had one after another.
         */
        @Override
        public List<ToolResult> readTogether(List<ToolCall> calls) {
            if (kit.planningReads == null || calls.size() < 2) {
                return ToolReader.super.readTogether(calls);
            }
            calls.forEach(call -> requireRead(call.tool()));
            List<ToolInvocation> invocations = new ArrayList<>(calls.size());
            calls.forEach(call -> invocations.add(invocation(call)));
            return kit.calls.readTogether(
                    c.id().value(),
                    c.element().id().value(),
                    READ_STEP,
                    invocations,
                    now,
                    kit.planningReads);
        }

        /**
         * Asked at once like {@link #readTogether} when the loop asks planning reads at once: a
         * what-if the plan may not use is then in the trail beside the ones it does.
         */
        @Override
        public List<ToolResult> readAhead(List<ToolCall> calls) {
            if (kit.planningReads == null || calls.size() < 2) {
                return ToolReader.super.readAhead(calls);
            }
            return readTogether(calls);
        }

        private void requireRead(String name) {
            Tool tool = kit.tools.require(name);
            if (tool.descriptor().kind() != ToolKind.READ) {
                throw new IllegalArgumentException(
                        "a planner may only read; '" + name + "' acts and must be a plan step");
            }
        }

        private ToolInvocation invocation(ToolCall call) {
            reads++;
            return new ToolInvocation(
                    call,
                    new IdempotencyKey(
                            c.id().value() + "/r" + revision + "-read-" + reads + "/" + attempt),
                    kit.agent());
        }
    }
}
