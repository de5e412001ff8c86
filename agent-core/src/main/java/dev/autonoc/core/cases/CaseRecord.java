package dev.autonoc.core.cases;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.prediction.Prediction;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one case: the element at risk, the prediction that opened it, its plan and how each
 * step went. Immutable; the loop saves a new snapshot after each change, so a stored case is always
 * a consistent point to resume from.
 */
public record CaseRecord(
        CaseId id,
        Element element,
        Prediction trigger,
        CaseStatus status,
        Optional<Plan> plan,
        List<StepRecord> steps,
        Instant openedAt,
        Optional<Instant> endedAt,
        String reason) {

    public CaseRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(reason, "reason");
        steps = List.copyOf(steps);
    }

    public static CaseRecord opened(CaseId id, Element element, Prediction trigger, Instant at) {
        return new CaseRecord(
                id,
                element,
                trigger,
                CaseStatus.ACTIVE,
                Optional.empty(),
                List.of(),
                at,
                Optional.empty(),
                "");
    }

    public CaseRecord planned(Plan newPlan) {
        List<StepRecord> records =
                newPlan.steps().stream().map(s -> StepRecord.pending(s.index(), s.call())).toList();
        return new CaseRecord(
                id,
                element,
                trigger,
                CaseStatus.ACTIVE,
                Optional.of(newPlan),
                records,
                openedAt,
                endedAt,
                reason);
    }

    public CaseRecord withStep(StepRecord step) {
        List<StepRecord> updated =
                steps.stream().map(s -> s.index() == step.index() ? step : s).toList();
        return new CaseRecord(
                id, element, trigger, status, plan, updated, openedAt, endedAt, reason);
    }

    public CaseRecord withStatus(CaseStatus newStatus) {
        return new CaseRecord(
                id, element, trigger, newStatus, plan, steps, openedAt, endedAt, reason);
    }

    public CaseRecord closed(Instant at, String why) {
        return new CaseRecord(
                id,
                element,
                trigger,
                CaseStatus.CLOSED,
                plan,
                steps,
                openedAt,
                Optional.of(at),
                why);
    }

    public CaseRecord handedOver(Instant at, String why) {
        return new CaseRecord(
                id,
                element,
                trigger,
                CaseStatus.HANDED_OVER,
                plan,
                steps,
                openedAt,
                Optional.of(at),
                why);
    }

    public StepRecord step(int index) {
        return steps.stream()
                .filter(s -> s.index() == index)
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("case " + id + " has no step " + index));
    }
}
