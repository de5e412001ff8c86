package dev.autonoc.service.api;

import static dev.autonoc.service.api.Views.plannedStep;

import dev.autonoc.core.casefile.Commitment;
import dev.autonoc.core.casefile.Exclusion;
import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.plan.Assumption;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.service.api.Views.ElementView;
import dev.autonoc.service.api.Views.PredictionView;
import dev.autonoc.service.simulation.PredictorHorizon;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cases' response bodies: a case in the list ({@link CaseSummary}, with what mitigation stands
 * for a person to take on) and one case whole ({@link CaseView}: who has it and why, the plan in
 * force with its assumptions, what the case learnt, each step with its attempts, retries and undo).
 */
final class CaseViews {

    private CaseViews() {}

    /**
     * A step in a case list: what it calls, where it is, and whether its effect stands.
     *
     * @param commitment {@code NONE}, {@code REGISTERED}, {@code LIVE}, {@code SETTLED} or {@code
     *     UNDONE} (docs/agent.md, "Compensation")
     */
    record StepSummary(int index, String tool, String state, String commitment, String note) {
        static StepSummary of(StepRecord s) {
            return new StepSummary(
                    s.index(), s.call().tool(), s.state().name(), s.commitment().name(), s.note());
        }
    }

    /**
     * A case in the list.
     *
     * @param status {@code ACTIVE}, {@code WAITING_APPROVAL} (the agent works it), {@code
     *     NEEDS_PERSON} (the agent stopped and asks for a person: {@code reason} says why), {@code
     *     TAKEN_OVER} (a person, {@code owner}, works it) or {@code CLOSED}
     * @param owner the person who took the case over
     * @param reason why the case went to a person or ended; empty while the agent works it
     * @param revision the revision of the plan in force (0 for the first plan, one more per replan)
     * @param mitigation the steps whose effect stands: what is done (traffic moved, a part ordered,
     *     customers warned), for the person who takes the case
     * @param shadow {@code observing}, {@code observed} or null ({@link #shadowOf})
     */
    record CaseSummary(
            String id,
            ElementView element,
            String status,
            String owner,
            String mode,
            double probability,
            Instant openedAt,
            Instant endedAt,
            String reason,
            Integer revision,
            String replanDue,
            int stepsTotal,
            int stepsDone,
            List<StepSummary> mitigation,
            List<StepSummary> steps,
            String shadow) {
        static CaseSummary of(CaseRecord c) {
            return new CaseSummary(
                    c.id().value(),
                    ElementView.of(c.element()),
                    c.status().name(),
                    c.owner().orElse(null),
                    c.trigger().mode().name(),
                    c.trigger().probability(),
                    c.openedAt(),
                    c.endedAt().orElse(null),
                    c.reason(),
                    c.plan().map(Plan::revision).orElse(null),
                    c.replanDue().orElse(null),
                    c.steps().size(),
                    (int) c.steps().stream().filter(s -> s.state() == StepState.DONE).count(),
                    c.steps().stream().filter(CaseViews::stands).map(StepSummary::of).toList(),
                    c.steps().stream().map(StepSummary::of).toList(),
                    shadowOf(c));
        }
    }

    /**
     * The case in shadow mode (connected mode's observe level): {@code observing} while the agent,
     * its plan judged through, follows the fault's course until the element fails or recovers;
     * {@code observed} once some of its acts were only observed (nothing of those ran); null for a
     * case the agent acts on.
     */
    static String shadowOf(CaseRecord c) {
        if (c.status().isAgentWorking() && c.observedThrough()) {
            return "observing";
        }
        return c.steps().stream().anyMatch(s -> s.state() == StepState.OBSERVED)
                ? "observed"
                : null;
    }

    /** A step that ran and whose effect was not taken back. */
    private static boolean stands(StepRecord s) {
        return s.state() == StepState.DONE && s.commitment() != Commitment.UNDONE;
    }

    record CallView(String tool, Map<String, Object> arguments) {
        static CallView of(ToolCall c) {
            return new CallView(c.tool(), c.arguments());
        }
    }

    /**
     * A plan step as planned and as it went.
     *
     * @param arguments the arguments as they ran (an approver may have amended the planned ones)
     * @param revision the plan revision the step belongs to
     * @param tries how many calls the step made, over all attempts
     * @param retryAt not before when the step calls again, after a transient or uncertain outcome
     *     (or while its tool's circuit is open)
     * @param commitment where the step's effect stands: {@code NONE}, {@code REGISTERED} (its undo
     *     is registered, the call is under way or its outcome uncertain), {@code LIVE}, {@code
     *     SETTLED} or {@code UNDONE}
     * @param undo the call that takes the step's effect back, registered before it ran
     * @param undoes the step whose effect this one takes back, when it is an undo
     */
    record StepView(
            int index,
            int revision,
            String tool,
            Map<String, Object> arguments,
            String purpose,
            Instant notBefore,
            Integer afterCompletionOf,
            String state,
            int attempt,
            int tries,
            Instant retryAt,
            String approvalId,
            Instant completesAt,
            String commitment,
            CallView undo,
            Integer undoes,
            String note) {
        static StepView of(StepRecord s, Optional<PlanStep> planned) {
            return new StepView(
                    s.index(),
                    s.revision(),
                    s.call().tool(),
                    s.call().arguments(),
                    planned.map(PlanStep::purpose).orElse(""),
                    planned.map(PlanStep::notBefore).orElse(null),
                    planned.filter(p -> p.afterCompletionOf().isPresent())
                            .map(p -> p.afterCompletionOf().getAsInt())
                            .orElse(null),
                    s.state().name(),
                    s.attempt(),
                    s.tries(),
                    s.retryAt().orElse(null),
                    s.approvalId().orElse(null),
                    s.completesAt().orElse(null),
                    s.commitment().name(),
                    s.undo().map(CallView::of).orElse(null),
                    s.undoes().orElse(null),
                    s.note());
        }
    }

    /**
     * What a plan rests on: when one breaks, the case is planned again.
     *
     * @param kind {@code FAILURE_NOT_BEFORE}, {@code PART_ARRIVES_BY}, {@code APPOINTMENT_HOLDS},
     *     {@code WORK_SAFE}, {@code RECONSIDER_AT} or {@code WATCH}
     * @param step the step it is about, if any
     * @param at the time it names
     * @param threshold for a watch, the probability it stays below
     */
    record AssumptionView(String kind, Integer step, Instant at, Double threshold, String text) {
        static AssumptionView of(Assumption a) {
            return new AssumptionView(
                    a.kind().name(),
                    a.step().isPresent() ? a.step().getAsInt() : null,
                    a.at(),
                    a.kind() == Assumption.Kind.WATCH ? a.threshold() : null,
                    a.text());
        }
    }

    /**
     * @param revision 0 for the case's first plan, one more for each replan
     * @param keeps the earlier steps whose effects this plan keeps (the others it undoes)
     * @param escalation when present, a person takes the case once the steps are done, for this
     *     reason
     */
    record PlanView(
            String planner,
            String plannerVersion,
            String rationale,
            int revision,
            List<Integer> keeps,
            List<AssumptionView> assumptions,
            String escalation) {
        static PlanView of(Plan p) {
            return new PlanView(
                    p.planner(),
                    p.plannerVersion(),
                    p.rationale(),
                    p.revision(),
                    p.keeps(),
                    p.assumptions().stream().map(AssumptionView::of).toList(),
                    p.escalation().orElse(null));
        }
    }

    /**
     * A call the case learnt not to make again: refused, denied or rejected.
     *
     * @param match the arguments a call must have to be excluded (none: the whole tool)
     * @param until when it lapses; absent for good
     * @param untilDataTrusted whether it lapses sooner, once the element's data are trusted again
     *     (a person's answer to a question asked only because they were not)
     */
    record ExclusionView(
            String tool,
            Map<String, Object> match,
            String reason,
            Instant at,
            Instant until,
            boolean untilDataTrusted) {
        static ExclusionView of(Exclusion e) {
            return new ExclusionView(
                    e.tool(),
                    e.match(),
                    e.reason(),
                    e.at(),
                    e.until().orElse(null),
                    e.untilDataTrusted());
        }
    }

    /**
     * One case: who has it and why, its trigger, the plan in force with what it rests on, what the
     * case learnt, and every step of every plan as it went.
     *
     * @param owner the person who took the case over
     * @param reason why it went to a person or ended; empty while the agent works it
     * @param latest the prediction the plan in force was made on
     * @param replanDue why the case is planned again at the next tick, if it is
     * @param exclusions calls the case learnt not to make again
     * @param verifiedAt when the plan's assumptions were last checked with the network and the OSS
     * @param modelConsultations every time the planner asked a language model about the case, as
     *     the ledger's MODEL_CONSULTED events say it: why it was asked (the playbook's reason), the
     *     model's plan, the playbook's beside it, which was taken and why (docs/llm-planner.md)
     * @param shadow {@code observing}, {@code observed} or null ({@link #shadowOf})
     */
    record CaseView(
            String id,
            ElementView element,
            String status,
            String owner,
            PredictionView trigger,
            PredictionView latest,
            Instant openedAt,
            Instant endedAt,
            String reason,
            PlanView plan,
            String replanDue,
            List<ExclusionView> exclusions,
            Instant verifiedAt,
            List<StepView> steps,
            List<Map<String, Object>> modelConsultations,
            String shadow) {

        CaseView withModelConsultations(List<Map<String, Object>> consultations) {
            return new CaseView(
                    id,
                    element,
                    status,
                    owner,
                    trigger,
                    latest,
                    openedAt,
                    endedAt,
                    reason,
                    plan,
                    replanDue,
                    exclusions,
                    verifiedAt,
                    steps,
                    List.copyOf(consultations),
                    shadow);
        }

        static CaseView of(CaseRecord c, PredictorHorizon horizon) {
            return new CaseView(
                    c.id().value(),
                    ElementView.of(c.element()),
                    c.status().name(),
                    c.owner().orElse(null),
                    PredictionView.of(c.trigger(), Optional.of(c.element()), horizon),
                    PredictionView.of(c.latest(), Optional.of(c.element()), horizon),
                    c.openedAt(),
                    c.endedAt().orElse(null),
                    c.reason(),
                    c.plan().map(PlanView::of).orElse(null),
                    c.replanDue().orElse(null),
                    c.exclusions().stream().map(ExclusionView::of).toList(),
                    c.verifiedAt().orElse(null),
                    c.steps().stream().map(s -> StepView.of(s, plannedStep(c, s.index()))).toList(),
                    List.of(),
                    shadowOf(c));
        }
    }
}
