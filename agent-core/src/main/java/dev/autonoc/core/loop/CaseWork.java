package dev.autonoc.core.loop;

import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.Verdict;
import dev.autonoc.core.casefile.Commitment;
import dev.autonoc.core.casefile.Exclusion;
import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.loop.GatedToolCalls.Answered;
import dev.autonoc.core.loop.GatedToolCalls.Clearance;
import dev.autonoc.core.plan.Assumption;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.prediction.DataQuality;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Works one case's plan forward at a time (docs/agent.md, "Outcome classes"): each step in order,
 * when it is due; acting steps through the gate (or a person's approval) with their undo registered
 * before they run; every outcome followed by what it calls for. A refusal, a rejection or a denial
 * marks the case for a replan and says what it learnt; a wrong call sends it to a person; a
 * TRANSIENT or UNCERTAIN outcome is tried again after a backoff.
 *
 * <p>Over 500 lines on purpose: it is one state machine over a step's record (due, asked, cleared,
 * run, each outcome class, undone), and each transition reads and writes the same record and the
 * case's backoff; the replan, the watch and the confirmation it hands over to are classes of their
 * own ({@link Replanner}, {@link Watchman}, {@link Confirmation}).
 */
final class CaseWork {

    /** A plan of the loop's own that takes a case's standing effects back before closing it. */
    static final String ABANDON = "loop:abandon";

    private final LoopKit kit;

    private final Refusals refusals;

    CaseWork(LoopKit kit) {
        this.kit = kit;
        this.refusals = new Refusals(kit);
    }

    /** Runs every step of the plan in force that is due at {@code now}, in order. */
    CaseRecord advance(CaseRecord current, Instant now) {
        return advance(current, now, false);
    }

    /**
     * {@link #advance}, stopping after the first act put to the gate when {@code firstActOnly}: a
     * new case brought to its first proposal, the rest of its due steps left for later in the tick.
     */
    CaseRecord advance(CaseRecord current, Instant now, boolean firstActOnly) {
        CaseRecord c = current;
        Plan plan = c.plan().orElseThrow();
        for (PlanStep planned : plan.steps()) {
            StepRecord step = c.step(planned.index());
            if (step.state() == StepState.DONE || step.state() == StepState.OBSERVED) {
                continue;
            }
            if (step.state().isFinal()) {
                return c; // refused, denied or rejected: the case replans
            }
            if (!StepFacts.isDue(c, planned, step, now)) {
                return c;
            }
            Optional<Tool> tool = kit.tools.find(step.call().tool());
            if (tool.isEmpty()) {
                return kit.needsPerson(
                        c.withStep(step.failed(StepState.FAILED, false, "unknown tool")),
                        now,
                        "step "
                                + step.index()
                                + " names a tool the catalogue does not have: '"
                                + step.call().tool()
                                + "'");
            }
            if (step.state() == StepState.WAITING_APPROVAL) {
                kit.acting.lock();
                try {
                    c = answered(c, step, tool.get(), now);
                } finally {
                    kit.acting.unlock();
                }
            } else {
                String name = tool.get().name();
                Optional<Instant> open = kit.breaker.openUntil(name, now);
                if (open.isPresent()) {
                    return waiting(c, step, open.get(), name + " looks down (circuit open until");
                }
                Optional<Instant> paused = StepFacts.undoPaused(c, step, now);
                if (paused.isPresent()) {
                    return waiting(
                            c,
                            step,
                            paused.get(),
                            name + " is paused for " + c.element().id().value() + " (until");
                }
                if (tool.get().descriptor().kind() == ToolKind.READ) {
                    c = read(c, step, now);
                } else {
                    c = act(c, step, tool.get(), now);
                    if (firstActOnly) {
                        return c;
                    }
                }
            }
            StepState after = c.step(planned.index()).state();
            if (!c.status().isAgentWorking()
                    || c.replanDue().isPresent()
                    || (after != StepState.DONE && after != StepState.OBSERVED)) {
                return c;
            }
        }
        return finish(c, now);
    }

    private CaseRecord finish(CaseRecord c, Instant now) {
        Plan plan = c.plan().orElseThrow();
        if (plan.planner().equals(ABANDON)) {
            return kit.close(c, now, plan.rationale());
        }
        if (plan.escalation().isPresent()) {
            return kit.needsPerson(c, now, plan.escalation().get());
        }
        if (plan.waits() || c.observedThrough()) {
            // a watch or a wait is over when its alarm is confirmed, its time comes, or the
            // alarm goes away; an observed plan when the element fails or recovers
            return c;
        }
        return kit.close(c, now, "every step done");
    }

    /** The step waits until {@code until}, its note saying why ({@code why} and the time). */
    private CaseRecord waiting(CaseRecord c, StepRecord step, Instant until, String why) {
        return kit.save(
                c.withStep(step.waitingUntil(until, "waiting: " + why + " " + until + ")")));
    }

    // ---------------------------------------------------------------- reads

    private CaseRecord read(CaseRecord c, StepRecord step, Instant now) {
        ToolInvocation inv =
                new ToolInvocation(
                        step.call(),
                        IdempotencyKey.of(c.id(), step.index(), step.attempt()),
                        kit.agent());
        ToolResult result =
                kit.calls.read(c.id().value(), c.element().id().value(), step.index(), inv, now);
        return followed(c, step, step.call().tool(), result, now);
    }

    // ---------------------------------------------------------------- acts

    /**
     * An act: what the network would say to it (the do-no-harm check, the act's estimate; each a
     * what-if over the operator's systems, no effect) is asked before {@link LoopKit#acting} is
     * taken, and the decision and the act's execution under it. The estimate is the tick's view of
     * the act's own cost and risk at {@code now}, as fresh as when it was asked under the lock:
     * acts of this instance's other cases in between change what the gate's guards count (which the
     * lock keeps exact, from the gate's own records), not this act's cost, and acts of other
     * instances on the same network were never under this lock (docs/connected-mode.md, "Fewer
     * commits").
     */
    private CaseRecord act(CaseRecord c, StepRecord step, Tool tool, Instant now) {
        Optional<String> harm = harmNow(c, step, now);
        if (harm.isPresent()) {
            return kit.save(c.replanning(harm.get(), Optional.empty()));
        }
        ActionRequest request;
        try {
            request = request(c, step, step.call(), tool, now);
        } catch (IllegalArgumentException e) {
            return invalid(c, step, tool.name(), "has bad arguments: " + e.getMessage(), now);
        }
        // a call started before a crash, its outcome unsaved: run again under its key, not
        // re-judged. Looked up in the ledger before the lock: only this case's worker (its case
        // lock) writes the case's events
        Optional<Clearance> started = kit.calls.startedEarlier(request, step.attempt());
        kit.acting.lock();
        try {
            return decided(c, step, tool, request, started, now);
        } finally {
            kit.acting.unlock();
        }
    }

    /** The gate's part of an act, under {@link LoopKit#acting}. */
    private CaseRecord decided(
            CaseRecord c,
            StepRecord step,
            Tool tool,
            ActionRequest request,
            Optional<Clearance> started,
            Instant now) {
        if (started.isPresent()) {
            return execute(c, step, tool, started.get(), now);
        }
        if (step.approvalId().isPresent()) {
            Optional<Clearance> earlier =
                    kit.calls.approvedEarlier(step.approvalId().get(), request);
            if (earlier.isPresent()) {
                return execute(c, step, tool, earlier.get(), now);
            }
            step = step.withoutApproval();
        }
        CaseRecord asked = c;
        return gated(
                c,
                step,
                tool,
                kit.calls.propose(request, d -> refusals.refusedBefore(asked, tool.name(), d)),
                now);
    }

    /**
     * Do no harm: before traffic is moved off an element or it is restarted, the network is asked
     * once more what that does now. A plan that counted on harmless work ({@code WORK_SAFE}) and
     * would now cut customers off or overload a link is planned again instead; a plan that accepted
     * the harm as smaller than the failure's goes ahead.
     */
    private Optional<String> harmNow(CaseRecord c, StepRecord step, Instant now) {
        String tool = step.call().tool();
        boolean takesOut =
                tool.equals(ToolNames.REROUTE_TRAFFIC) || tool.equals(ToolNames.RESTART_ELEMENT);
        boolean countedOnSafe =
                c.plan().get().assumptions().stream()
                        .anyMatch(a -> a.kind() == Assumption.Kind.WORK_SAFE);
        if (!takesOut || !countedOnSafe || step.undoes().isPresent()) {
            return Optional.empty();
        }
        if (!step.call().arguments().containsKey("element_id")) {
            return Optional.empty();
        }
        return Outage.preview(kit, c, now, now)
                .filter(r -> Boolean.FALSE.equals(r.output().get("safe")))
                .map(
                        r ->
                                "do no harm: "
                                        + tool
                                        + " on "
                                        + c.element().id()
                                        + " now would harm customers ("
                                        + r.summary()
                                        + ")");
    }

    private CaseRecord gated(CaseRecord c, StepRecord step, Tool tool, Gated gated, Instant now) {
        if (gated instanceof Gated.Allowed allowed) {
            return execute(c, step, tool, allowed.clearance(), now);
        }
        if (gated instanceof Gated.Parked parked) {
            return kit.save(
                    c.withStep(step.withApproval(parked.approval().id()))
                            .withStatus(CaseStatus.WAITING_APPROVAL));
        }
        if (gated instanceof Gated.Refused refused) {
            ApprovalAnswer earlier = refused.earlier().answer();
            String why =
                    "not asked again: "
                            + earlier.by()
                            + " refused it at "
                            + earlier.at()
                            + " ("
                            + refused.earlier().request().id()
                            + ") for the same reasons, which still hold: "
                            + String.join("; ", refused.decision().reasons());
            return refused(
                    c,
                    step.failed(StepState.REJECTED, false, why),
                    tool.name(),
                    why,
                    now,
                    List.of(
                            refusals.pause(
                                    c, tool.name(), why, now, refusals.dataUntrusted(c, now))));
        }
        Decision decision = gated.decision();
        if (kit.observeOnly.test(decision)) {
            // shadow mode: recorded as what would have been done, and the plan goes on
            return kit.save(
                    c.withStep(
                            step.with(
                                    StepState.OBSERVED,
                                    "observed, not run: "
                                            + String.join("; ", decision.reasons()))));
        }
        String why =
                "denied by policy "
                        + decision.ruleIds()
                        + ": "
                        + String.join("; ", decision.reasons());
        // its tool on this element paused, as the denial may be one of the moment (other work in
        // the region, the day's act calls); the denied call itself never again, unless the gate
        // says the denial rests only on the moment, when it may be asked once the pause is over
        boolean ofTheMoment = kit.calls.deniedForTheMoment(decision);
        Exclusion pause =
                refusals.pause(
                        c,
                        tool.name(),
                        why,
                        now,
                        ofTheMoment && refusals.dataUntrusted(c, now),
                        ofTheMoment ? kit.calls.deniedUntil(decision, now) : Optional.empty());
        if (ofTheMoment && step.undoes().isPresent()) {
            // the effect can still be taken back once the moment is over: it is not fixed (the
            // day's act calls had denied a visit's cancel, and the engineer came to a mended
            // router), and the next plan asks for the undo again when the pause ends
            return kit.save(
                    c.withStep(step.failed(StepState.DENIED, StepFacts.mayHaveActed(step), why))
                            .replanning(
                                    "undo step "
                                            + step.index()
                                            + " ("
                                            + tool.name()
                                            + ") "
                                            + why
                                            + "; asked again from "
                                            + pause.until().orElseThrow(),
                                    List.of(pause)));
        }
        return refused(
                c,
                step.failed(StepState.DENIED, StepFacts.mayHaveActed(step), why),
                tool.name(),
                why,
                now,
                ofTheMoment ? List.of(pause) : List.of(exclusionOf(step.call(), why, now), pause));
    }

    private ActionRequest request(
            CaseRecord c, StepRecord step, ToolCall call, Tool tool, Instant now) {
        Estimate estimate = withDataQuality(tool.estimate(call.arguments()), c, now);
        return new ActionRequest(
                c.id(),
                step.index(),
                call,
                estimate,
                c.element(),
                now,
                kit.agent(),
                Optional.of(c.latest()));
    }

    /**
     * The act's estimate with the data quality of its element as a fact ({@code
     * facts.data_quality}: fresh, gappy, settling, stuck, skewed or contradicted), so that a rule
     * can ask for a person when an act rests on data that cannot be trusted; unchanged with a
     * predictor that does not judge its inputs.
     */
    private Estimate withDataQuality(Estimate estimate, CaseRecord c, Instant now) {
        Optional<DataQuality> q = kit.predictor.dataQuality(c.element().id(), now);
        if (q.isEmpty() || estimate.facts().containsKey(DATA_QUALITY)) {
            return estimate;
        }
        java.util.Map<String, Object> facts = new java.util.LinkedHashMap<>(estimate.facts());
        facts.put(DATA_QUALITY, q.get().state().key());
        return new Estimate(estimate.costGbp(), estimate.risk(), facts);
    }

    /** The fact naming the data quality of an act's element (docs/data-quality.md). */
    static final String DATA_QUALITY = "data_quality";

    /**
     * Runs a cleared act with its undo registered (and saved) first, then follows the outcome. The
     * undo names the call by its key, which moves with the attempt, so it is registered again for
     * every new attempt.
     */
    private CaseRecord execute(
            CaseRecord c, StepRecord step, Tool tool, Clearance clearance, Instant now) {
        IdempotencyKey key = IdempotencyKey.of(c.id(), step.index(), step.attempt());
        Optional<ToolCall> undo =
                step.undoes().isPresent()
                        ? Optional.empty()
                        : Compensations.undoFor(c.id().value(), step.call(), key);
        CaseRecord before = c;
        // registered again when it changed, and when a retry after a TRANSIENT outcome dropped it
        // (nothing had happened): an undo that does not name the key (restore_traffic) is the same
        // call for every attempt, and without this the next attempt ran with none registered, so a
        // drain that then timed out and was given up was left standing by the replan
        if (undo.isPresent()
                && (!undo.equals(step.undo()) || !step.commitment().needsUndoUnlessKept())) {
            step = step.registering(undo.get());
            before = kit.save(c.withStep(step));
        }
        ToolResult result = kit.calls.execute(clearance, step.attempt(), now);
        return followed(before.withStatus(CaseStatus.ACTIVE), step, tool.name(), result, now);
    }

    // ---------------------------------------------------------------- outcomes

    /** What a result calls for: the next step, a retry, a replan or a person. */
    private CaseRecord followed(
            CaseRecord c, StepRecord step, String tool, ToolResult result, Instant now) {
        kit.breaker.record(tool, result.outcome(), now);
        return switch (result.outcome()) {
            case SUCCEEDED -> succeeded(c, step, result, now);
            case TRANSIENT, UNCERTAIN -> retry(c, step, tool, result, now);
            case REFUSED -> {
                StepRecord failed = step.failed(StepState.FAILED, false, result.summary());
                yield refused(c, failed, tool, "refused: " + result.summary(), now);
            }
            case INVALID -> invalid(c, step, tool, "is invalid: " + result.summary(), now);
        };
    }

    private CaseRecord succeeded(CaseRecord c, StepRecord step, ToolResult result, Instant now) {
        CaseRecord out =
                c.withStep(step.done(result.completesAt(), result.output(), result.summary()));
        if (step.undoes().isPresent()) {
            StepRecord undone = out.step(step.undoes().get());
            out =
                    out.withStep(
                            undone.withCommitment(
                                    Commitment.UNDONE, "undone by step " + step.index()));
        }
        out = StepFacts.settledBy(out, step);
        Optional<String> late = StepFacts.arrivesTooLate(out, step, result);
        return kit.save(late.isPresent() ? out.replanning(late.get(), Optional.empty()) : out);
    }

    private CaseRecord retry(
            CaseRecord c, StepRecord step, String tool, ToolResult result, Instant now) {
        RetryPolicy policy = kit.settings.retryOf(tool);
        boolean uncertain =
                result.outcome() == ToolResult.Outcome.UNCERTAIN || StepFacts.mayHaveActed(step);
        if (step.tries() + 1 >= policy.maxTries()) {
            String why = "gave up after " + (step.tries() + 1) + " tries: " + result.summary();
            StepRecord failed = step.failed(StepState.FAILED, uncertain, why);
            if (step.undoes().isPresent()) {
                // the effect it was to take back still stands: plan again with it
                return kit.save(
                        c.withStep(failed)
                                .replanning(
                                        "undo step " + step.index() + " (" + tool + ") " + why,
                                        List.of()));
            }
            return kit.save(
                    c.withStep(failed)
                            .replanning(
                                    "step " + step.index() + " (" + tool + ") " + why,
                                    Optional.empty()));
        }
        Duration wait = policy.backoff(c.id().value(), step.index(), step.tries() + 1);
        // nothing happened after a TRANSIENT outcome: the next call is a new attempt with a new
        // key; after an UNCERTAIN one (this call's or an earlier one's under the same key) the
        // far side may have acted, so the key stays
        StepRecord again =
                step.retrying(
                        !uncertain,
                        now.plus(wait),
                        (uncertain
                                        ? "uncertain, retrying with the same key: "
                                        : "unavailable, retrying: ")
                                + result.summary());
        return kit.save(c.withStep(again).withStatus(CaseStatus.ACTIVE));
    }

    /**
     * A refusal on the merits (or a denial): an undo that comes too late leaves its effect standing
     * and the plan goes on; any other step sends the case to a replan that avoids the call.
     */
    private CaseRecord refused(
            CaseRecord c, StepRecord failed, String tool, String why, Instant now) {
        return refused(c, failed, tool, why, now, List.of(exclusionOf(failed.call(), why, now)));
    }

    private CaseRecord refused(
            CaseRecord c,
            StepRecord failed,
            String tool,
            String why,
            Instant now,
            List<Exclusion> learnt) {
        if (failed.undoes().isPresent()) {
            // the effect stands for good: the plan that counted on its undo is made again
            StepRecord target = c.step(failed.undoes().get());
            CaseRecord out =
                    c.withStep(failed)
                            .withStep(
                                    target.withCommitment(
                                            Commitment.FIXED, "could not be undone: " + why));
            return kit.save(
                    out.replanning(
                            "step "
                                    + target.index()
                                    + " ("
                                    + target.call().tool()
                                    + ") could not be undone, it stands: "
                                    + why,
                            List.of()));
        }
        return kit.save(
                c.withStep(failed)
                        .replanning("step " + failed.index() + " (" + tool + ") " + why, learnt));
    }

    private CaseRecord invalid(
            CaseRecord c, StepRecord step, String tool, String why, Instant now) {
        return kit.needsPerson(
                c.withStep(step.failed(StepState.FAILED, false, why)),
                now,
                "step " + step.index() + " (" + tool + ") " + why);
    }

    /** What not to try again: this call, free text aside. */
    static Exclusion exclusionOf(ToolCall call, String why, Instant now) {
        Map<String, Object> match = new LinkedHashMap<>(call.arguments());
        match.keySet().removeIf(k -> k.equals("message") || k.equals("reason") || k.equals("task"));
        return new Exclusion(call.tool(), match, why, now);
    }

    // ---------------------------------------------------------------- approvals

    /** Follows a person's answer to a parked step; no answer yet leaves the case waiting. */
    private CaseRecord answered(CaseRecord c, StepRecord step, Tool tool, Instant now) {
        String approvalId = step.approvalId().orElseThrow();
        Optional<Answered> answer = kit.calls.answer(approvalId);
        if (answer.isEmpty()) {
            Optional<Instant> visit = StepFacts.visitStart(step);
            if (visit.isPresent() && !now.isBefore(visit.get())) {
                // an answer now would book a visit in the past: nobody approved it in time
                String why =
                        "nobody answered before the visit's start at "
                                + visit.get()
                                + "; the slot has passed";
                kit.calls.expire(approvalId, why, now);
                String failed = "waited for approval in vain: " + why;
                return refused(
                        c,
                        step.failed(StepState.REJECTED, false, failed),
                        tool.name(),
                        failed,
                        now);
            }
            Optional<Instant> leaves = StepFacts.leavesWhileDrainWaits(c, step, now);
            if (leaves.isPresent()) {
                // approved later, the drain would come after the engineer took the element out
                // with its traffic on (360,360 customer-minutes at a fresh seed of
                // order-approved-after-visit-booked, the approval an hour and three quarters
                // slow): the request is withdrawn and the replan, while the visit can still be
                // cancelled, asks for the drain as long before a visit as people take to answer
                String why =
                        "nobody approved moving the traffic off before the engineer leaves for"
                                + " the work at "
                                + leaves.get();
                kit.calls.expire(approvalId, why, now);
                String failed = "waited for approval in vain: " + why;
                return kit.save(
                        c.withStep(step.failed(StepState.REJECTED, false, failed))
                                .replanning(
                                        "step " + step.index() + " (" + tool.name() + ") " + failed,
                                        List.of()));
            }
            ApprovalRequest request = kit.approvals.find(approvalId).orElseThrow();
            Duration timeout = kit.settings.approvalTimeout();
            boolean expired =
                    !timeout.isZero() && !now.isBefore(request.requestedAt().plus(timeout));
            return expired
                    ? escalate(c, step, tool, kit.calls.expire(approvalId, timeout, now), now)
                    : c;
        }
        Answered answered = answer.get();
        ApprovalAnswer a = answered.answer();
        if (a.verdict() == Verdict.EXPIRED) {
            return escalate(c, step, tool, answered, now);
        }
        if (a.verdict() == Verdict.REJECTED) {
            String why = "rejected by " + a.by() + ": " + a.comment();
            StepRecord rejected = step.failed(StepState.REJECTED, false, why);
            if (kit.calls.askedForTheMoment(answered.request().decision())) {
                // the person answered a question of the moment (untrusted data): the tool waits on
                // the element, and the call may go ahead once the gate no longer asks
                return refused(
                        c,
                        rejected,
                        tool.name(),
                        why,
                        now,
                        List.of(
                                refusals.pause(
                                        c,
                                        tool.name(),
                                        why,
                                        now,
                                        Refusals.askedOnUntrustedData(answered.request()))));
            }
            return refused(c, rejected, tool.name(), why, now);
        }
        CaseRecord active = c.withStatus(CaseStatus.ACTIVE);
        if (a.amended().isEmpty()) {
            StepRecord approved = step.approved("approved by " + a.by());
            return execute(
                    active.withStep(approved),
                    approved,
                    tool,
                    kit.calls.approved(answered, now),
                    now);
        }
        // An amended action is a new action: it passes the gate again before it runs.
        StepRecord amended = step.withCall(a.amended().get()).approved("amended by " + a.by());
        CaseRecord withAmended = active.withStep(amended);
        ActionRequest again;
        try {
            again = request(withAmended, amended, amended.call(), tool, now);
        } catch (IllegalArgumentException e) {
            return invalid(
                    withAmended,
                    amended,
                    tool.name(),
                    "as amended has bad arguments: " + e.getMessage(),
                    now);
        }
        return gated(withAmended, amended, tool, kit.calls.amended(answered, again), now);
    }

    /**
     * An expired request goes to the role above; at the top nobody is left to ask, and the step is
     * taken as rejected: the case replans without it.
     */
    private CaseRecord escalate(
            CaseRecord c, StepRecord step, Tool tool, Answered expired, Instant now) {
        Optional<ApprovalRequest> next = kit.calls.escalate(expired, now);
        if (next.isEmpty()) {
            String why = "waited for approval in vain: " + expired.answer().comment();
            return refused(c, step.failed(StepState.REJECTED, false, why), tool.name(), why, now);
        }
        return kit.save(c.withStep(step.withApproval(next.get().id())));
    }
}
