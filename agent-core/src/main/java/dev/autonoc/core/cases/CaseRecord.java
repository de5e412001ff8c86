package dev.autonoc.core.cases;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.casefile.Exclusion;
import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.prediction.Prediction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one case: the element at risk, the predictions it acts on, the plan in force, every
 * step any of its plans had and how each went, and what the agent learnt on the way. Immutable; the
 * loop saves a new snapshot after each change, so a stored case is always a consistent point to
 * resume from, after a restart as after a tick (docs/agent.md, "Durable steps").
 *
 * @param trigger the prediction that opened the case
 * @param latest the prediction the plan in force was made on
 * @param plan the plan in force (its steps are among {@code steps})
 * @param steps every step of every plan the case had, by index
 * @param reason why the case ended or went to a person; empty while the agent works it
 * @param exclusions calls refused, denied or rejected, which later plans avoid
 * @param replanDue why the case must be planned again at the next tick, if it must
 * @param owner the person who took the case over
 * @param quietSince since when the element is no longer at risk, while it is not
 * @param verifiedAt when the plan's assumptions were last checked against the OSS
 */
public record CaseRecord(
        CaseId id,
        Element element,
        Prediction trigger,
        Prediction latest,
        CaseStatus status,
        Optional<Plan> plan,
        List<StepRecord> steps,
        Instant openedAt,
        Optional<Instant> endedAt,
        String reason,
        List<Exclusion> exclusions,
        Optional<String> replanDue,
        Optional<String> owner,
        Optional<Instant> quietSince,
        Optional<Instant> verifiedAt) {

    public CaseRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(latest, "latest");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(replanDue, "replanDue");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(quietSince, "quietSince");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        steps = List.copyOf(steps);
        exclusions = List.copyOf(exclusions);
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).index() != i) {
                throw new IllegalArgumentException(
                        "case " + id + ": step " + i + " has index " + steps.get(i).index());
            }
        }
    }

    /** A new case, to be planned at once. */
    public static CaseRecord opened(CaseId id, Element element, Prediction trigger, Instant at) {
        return new CaseRecord(
                id,
                element,
                trigger,
                trigger,
                CaseStatus.ACTIVE,
                Optional.empty(),
                List.of(),
                at,
                Optional.empty(),
                "",
                List.of(),
                Optional.of("opened"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /**
     * The case under {@code newPlan}, made on {@code prediction}: the plan's steps are added after
     * the case's earlier ones, the earlier steps still to run are superseded, and the replan is no
     * longer due.
     *
     * @throws IllegalArgumentException if the plan's steps do not start at {@link #nextIndex()}
     */
    public CaseRecord planned(Plan newPlan, Prediction prediction) {
        if (!newPlan.steps().isEmpty() && newPlan.steps().get(0).index() != nextIndex()) {
            throw new IllegalArgumentException(
                    "case "
                            + id
                            + ": the new plan's steps must start at "
                            + nextIndex()
                            + ", not "
                            + newPlan.steps().get(0).index());
        }
        List<StepRecord> all = new ArrayList<>();
        for (StepRecord s : steps) {
            all.add(
                    s.state().isFinal()
                            ? s
                            : s.with(
                                    StepState.SUPERSEDED,
                                    "dropped by revision " + newPlan.revision()));
        }
        newPlan.steps()
                .forEach(
                        s ->
                                all.add(
                                        StepRecord.pending(
                                                s.index(),
                                                newPlan.revision(),
                                                s.call(),
                                                s.undoes().isPresent()
                                                        ? Optional.of(s.undoes().getAsInt())
                                                        : Optional.empty())));
        return new CaseRecord(
                id,
                element,
                trigger,
                prediction,
                CaseStatus.ACTIVE,
                Optional.of(newPlan),
                all,
                openedAt,
                endedAt,
                reason,
                exclusions,
                Optional.empty(),
                owner,
                quietSince,
                Optional.empty());
    }

    /** Compatibility for a first plan made on the trigger. */
    public CaseRecord planned(Plan newPlan) {
        return planned(newPlan, latest);
    }

    public CaseRecord withStep(StepRecord step) {
        List<StepRecord> updated = new ArrayList<>(steps);
        updated.set(step.index(), step);
        return new CaseRecord(
                id,
                element,
                trigger,
                latest,
                status,
                plan,
                updated,
                openedAt,
                endedAt,
                reason,
                exclusions,
                replanDue,
                owner,
                quietSince,
                verifiedAt);
    }

    public CaseRecord withStatus(CaseStatus newStatus) {
        return new CaseRecord(
                id,
                element,
                trigger,
                latest,
                newStatus,
                plan,
                steps,
                openedAt,
                endedAt,
                reason,
                exclusions,
                replanDue,
                owner,
                quietSince,
                verifiedAt);
    }

    /** To be planned again, for {@code why}; what was learnt, if anything, is kept. */
    public CaseRecord replanning(String why, Optional<Exclusion> learnt) {
        return replanning(why, learnt.map(List::of).orElse(List.of()));
    }

    /** To be planned again, for {@code why}, with what was learnt. */
    public CaseRecord replanning(String why, List<Exclusion> learnt) {
        List<Exclusion> more = new ArrayList<>(exclusions);
        more.addAll(learnt);
        return new CaseRecord(
                id,
                element,
                trigger,
                latest,
                CaseStatus.ACTIVE,
                plan,
                steps,
                openedAt,
                endedAt,
                reason,
                more,
                Optional.of(why),
                owner,
                quietSince,
                verifiedAt);
    }

    /** With its pauses that waited for trusted data lapsed at {@code now}. */
    public CaseRecord withDataPausesLapsed(Instant now) {
        List<Exclusion> lapsed =
                exclusions.stream()
                        .map(e -> e.waitsForTrustedData(now) ? e.lapsedAt(now) : e)
                        .toList();
        return new CaseRecord(
                id,
                element,
                trigger,
                latest,
                status,
                plan,
                steps,
                openedAt,
                endedAt,
                reason,
                lapsed,
                replanDue,
                owner,
                quietSince,
                verifiedAt);
    }

    public CaseRecord withQuietSince(Optional<Instant> since) {
        return new CaseRecord(
                id,
                element,
                trigger,
                latest,
                status,
                plan,
                steps,
                openedAt,
                endedAt,
                reason,
                exclusions,
                replanDue,
                owner,
                since,
                verifiedAt);
    }

    public CaseRecord verified(Instant at) {
        return new CaseRecord(
                id,
                element,
                trigger,
                latest,
                status,
                plan,
                steps,
                openedAt,
                endedAt,
                reason,
                exclusions,
                replanDue,
                owner,
                quietSince,
                Optional.of(at));
    }

    public CaseRecord closed(Instant at, String why) {
        return new CaseRecord(
                id,
                element,
                trigger,
                latest,
                CaseStatus.CLOSED,
                plan,
                steps,
                openedAt,
                Optional.of(at),
                why,
                exclusions,
                Optional.empty(),
                owner,
                quietSince,
                verifiedAt);
    }

    /** The agent stops and asks for a person, saying why. */
    public CaseRecord needsPerson(Instant at, String why) {
        return new CaseRecord(
                id,
                element,
                trigger,
                latest,
                CaseStatus.NEEDS_PERSON,
                plan,
                steps,
                openedAt,
                Optional.of(at),
                why,
                exclusions,
                Optional.empty(),
                owner,
                quietSince,
                verifiedAt);
    }

    /** A person took the case: the agent stops acting on it. */
    public CaseRecord takenOver(String person, Instant at, String why) {
        return new CaseRecord(
                id,
                element,
                trigger,
                latest,
                CaseStatus.TAKEN_OVER,
                plan,
                steps,
                openedAt,
                endedAt.or(() -> Optional.of(at)),
                why,
                exclusions,
                Optional.empty(),
                Optional.of(person),
                quietSince,
                verifiedAt);
    }

    /** A person gave the case back: the agent plans it again from where it is. */
    public CaseRecord handedBack(String why) {
        return new CaseRecord(
                id,
                element,
                trigger,
                latest,
                CaseStatus.ACTIVE,
                plan,
                steps,
                openedAt,
                Optional.empty(),
                "",
                exclusions,
                Optional.of(why),
                Optional.empty(),
                quietSince,
                verifiedAt);
    }

    public StepRecord step(int index) {
        if (index < 0 || index >= steps.size()) {
            throw new IllegalArgumentException("case " + id + " has no step " + index);
        }
        return steps.get(index);
    }

    /** The index the next plan's first step takes. */
    public int nextIndex() {
        return steps.size();
    }

    /** The revision the next plan takes. */
    public int nextRevision() {
        return plan.map(p -> p.revision() + 1).orElse(0);
    }

    /**
     * Whether the agent could only observe this case (shadow mode) and has judged its plan through:
     * some step of the plan in force was {@link StepState#OBSERVED} and none is left to run. Such a
     * case follows the fault's course until the element fails or recovers. A plan that waits (a
     * watch, a hold) is never through: its alarm may be confirmed or its decision time come, and
     * the plan that follows holds the acts the agent would have done.
     */
    public boolean observedThrough() {
        if (plan.isEmpty() || replanDue.isPresent() || plan.get().waits()) {
            return false;
        }
        boolean observed = false;
        for (var s : plan.get().steps()) {
            StepState state = steps.get(s.index()).state();
            if (!state.isFinal()) {
                return false;
            }
            observed |= state == StepState.OBSERVED;
        }
        return observed;
    }

    /** Whether the agent could only observe some step of this case (shadow mode). */
    public boolean observedSome() {
        return steps.stream().anyMatch(s -> s.state() == StepState.OBSERVED);
    }

    /** Steps whose effect a newer plan must keep or undo. */
    public List<StepRecord> commitments() {
        return steps.stream().filter(s -> s.commitment().needsUndoUnlessKept()).toList();
    }
}
