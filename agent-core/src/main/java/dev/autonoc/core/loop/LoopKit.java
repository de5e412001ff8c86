package dev.autonoc.core.loop;

import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.casefile.Commitment;
import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.core.tool.ToolNames;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What the parts of the loop share: its ports, settings and books, and the ways a case ends. One
 * instance per {@link RemediationLoop}. Its books (the case book, the circuit breaker, the gated
 * calls' look-ups) are safe to use from several threads, for a loop that works its new cases
 * concurrently ({@link RemediationLoopBuilder#workNewCasesOn}); one case is only ever worked by one
 * thread at a time, and {@link #acting} keeps a decision on an act and the act's being counted by
 * the gate's guards together.
 */
final class LoopKit {

    final FailurePredictor predictor;
    final Planner planner;
    final ApprovalQueue approvals;
    final ToolCatalogue tools;
    final AuditLog audit;
    final CaseBook cases;
    final LoopSettings settings;
    final AuditEvents events;
    final GatedToolCalls calls;
    final CircuitBreaker breaker;
    // which denials only keep an act from running (shadow mode); none unless the builder says
    final Predicate<Decision> observeOnly;
    // where a planning's independent reads are asked at once; null: one after another
    final @Nullable Executor planningReads;

    /**
     * Held from the gate's decision on an act to the act's execution being recorded with the gate:
     * a guard (a day's spend, elements under work) counts every act allowed before the next
     * decision, however many cases are worked at once. Fair, so that no case waits behind another's
     * every act. Uncontended in a loop that works its cases one at a time.
     */
    final ReentrantLock acting = new ReentrantLock(true);

    LoopKit(
            FailurePredictor predictor,
            Planner planner,
            ApprovalQueue approvals,
            ToolCatalogue tools,
            AuditLog audit,
            CaseBook cases,
            LoopSettings settings,
            AuditEvents events,
            GatedToolCalls calls,
            Predicate<Decision> observeOnly,
            @Nullable Executor planningReads) {
        this.predictor = predictor;
        this.planner = planner;
        this.approvals = approvals;
        this.tools = tools;
        this.audit = audit;
        this.cases = cases;
        this.settings = settings;
        this.events = events;
        this.calls = calls;
        this.breaker = new CircuitBreaker(settings.circuit());
        this.observeOnly = observeOnly;
        this.planningReads = planningReads;
    }

    String agent() {
        return settings.agent();
    }

    CaseRecord save(CaseRecord c) {
        return cases.save(c);
    }

    /**
     * Closes a case: its standing effects are settled (the plan finished with them), and the
     * predictor is told of work done on the element, so its return to health is not read as a
     * change in its peers.
     */
    CaseRecord close(CaseRecord c, Instant now, String why) {
        CaseRecord closed = settleAll(c).closed(now, why);
        // the event first: a crash before the save closes the case again, it does not lose it
        audit.append(events.caseEnded(agent(), closed, now));
        save(closed);
        if (workedOn(closed)) {
            predictor.maintained(c.element().id(), now);
        }
        return closed;
    }

    /** The agent stops and a person must look, with why. Standing effects stay as they are. */
    CaseRecord needsPerson(CaseRecord c, Instant now, String why) {
        CaseRecord handed = c.needsPerson(now, why);
        audit.append(events.caseEnded(agent(), handed, now));
        save(handed);
        return handed;
    }

    /**
     * Withdraws an approval request nobody answered yet (an expiry by the system, in the ledger):
     * the step it was for is no longer wanted, or a person took the case.
     */
    void withdraw(String approvalId, String why, Instant now) {
        Optional<ApprovalRequest> r = approvals.find(approvalId);
        if (r.isPresent() && approvals.answer(approvalId).isEmpty()) {
            ApprovalAnswer expiry = approvals.expire(approvalId, why, now);
            audit.append(events.approvalAnswered(r.get(), expiry));
        }
    }

    /** Withdraws the requests of the case's steps that wait for one: a new plan drops them. */
    void withdrawWaiting(CaseRecord c, String why, Instant now) {
        for (StepRecord s : c.steps()) {
            if (s.state() == StepState.WAITING_APPROVAL && s.approvalId().isPresent()) {
                withdraw(s.approvalId().get(), why, now);
            }
        }
    }

    private static CaseRecord settleAll(CaseRecord c) {
        CaseRecord out = c;
        for (StepRecord s : c.commitments()) {
            out = out.withStep(s.withCommitment(Commitment.SETTLED, s.note()));
        }
        return out;
    }

    /** Whether a repair or a restart of the element ran in the case, and was not taken back. */
    static boolean workedOn(CaseRecord c) {
        return c.steps().stream()
                .anyMatch(
                        s ->
                                s.state() == StepState.DONE
                                        && s.commitment() != Commitment.UNDONE
                                        && (s.call().tool().equals(ToolNames.DISPATCH_ENGINEER)
                                                || s.call()
                                                        .tool()
                                                        .equals(ToolNames.RESTART_ELEMENT)));
    }
}
