package dev.autonoc.core.plan;

import dev.autonoc.core.casefile.Exclusion;
import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.tool.ToolCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where a case stands when it is planned: for a first plan, nowhere; for a replan, why it is
 * replanned, what earlier steps left in the world (to keep, or to undo), what it learnt not to try
 * again, and what other open cases count on.
 *
 * @param revision the revision the plan must carry
 * @param nextIndex the index the plan's first step takes
 * @param reason why the case is (re)planned
 * @param commitments earlier steps whose effect stands, or may stand: each one is kept (listed in
 *     {@link Plan#keeps()}) or undone by a step of the plan that {@link PlanStep#undoes() undoes}
 *     it with its registered undo
 * @param history every earlier step, as it went
 * @param exclusions calls the plan must not make again
 * @param holdings engineer time that other open cases count on
 * @param previous the plan in force until now, if any
 * @param approvalWait the longest a person took to answer one of the case's approval requests (zero
 *     when none was answered): how long a step that waits for one may wait again
 */
public record CaseContext(
        int revision,
        int nextIndex,
        String reason,
        Optional<Plan> previous,
        List<StepRecord> commitments,
        List<StepRecord> history,
        List<Exclusion> exclusions,
        List<Holding> holdings,
        Duration approvalWait) {

    public CaseContext {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(approvalWait, "approvalWait");
        if (approvalWait.isNegative()) {
            throw new IllegalArgumentException("approvalWait must be >= 0, got " + approvalWait);
        }
        commitments = List.copyOf(commitments);
        history = List.copyOf(history);
        exclusions = List.copyOf(exclusions);
        holdings = List.copyOf(holdings);
    }

    /** A context in which no approval was answered yet. */
    public CaseContext(
            int revision,
            int nextIndex,
            String reason,
            Optional<Plan> previous,
            List<StepRecord> commitments,
            List<StepRecord> history,
            List<Exclusion> exclusions,
            List<Holding> holdings) {
        this(
                revision,
                nextIndex,
                reason,
                previous,
                commitments,
                history,
                exclusions,
                holdings,
                Duration.ZERO);
    }

    /** A case planned for the first time, alone. */
    public static CaseContext first() {
        return new CaseContext(
                0, 0, "opened", Optional.empty(), List.of(), List.of(), List.of(), List.of());
    }

    public boolean isReplan() {
        return revision > 0;
    }

    /** Whether the plan in force until now was a watch. */
    public boolean wasWatching() {
        return previous.map(
                        p ->
                                p.assumptions().stream()
                                        .anyMatch(a -> a.kind() == Assumption.Kind.WATCH))
                .orElse(false);
    }

    /**
     * Until when every call of {@code tool} on the case's element is paused (a policy denial that
     * may lift), if it is.
     */
    public Optional<Instant> pausedUntil(String tool) {
        return exclusions.stream()
                .filter(e -> e.tool().equals(tool) && e.until().isPresent())
                .filter(e -> e.match().keySet().stream().allMatch(k -> k.equals("element_id")))
                .map(e -> e.until().get())
                .max(Instant::compareTo);
    }

    /** Whether an exclusion for good (not a pause) forbids this call. */
    public boolean excludedForGood(String tool, Map<String, Object> arguments) {
        return exclusions.stream()
                .anyMatch(e -> e.until().isEmpty() && e.excludes(tool, arguments));
    }

    /** Whether an exclusion forbids this call. */
    public boolean excluded(String tool, Map<String, Object> arguments) {
        return exclusions.stream().anyMatch(e -> e.excludes(tool, arguments));
    }

    /** The standing effect of a successful earlier call of {@code tool}, latest first. */
    public Optional<StepRecord> commitmentOf(String tool) {
        for (int i = commitments.size() - 1; i >= 0; i--) {
            if (commitments.get(i).call().tool().equals(tool)) {
                return Optional.of(commitments.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * The step that takes {@code commitment} back, at {@code index}: its undo as registered before
     * it ran.
     *
     * @throws IllegalArgumentException if the step has no registered undo
     */
    public static PlanStep undoStep(StepRecord commitment, int index, Instant now) {
        ToolCall undo =
                commitment
                        .undo()
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "step " + commitment.index() + " has no undo"));
        return new PlanStep(
                index,
                undo,
                now,
                OptionalInt.empty(),
                "undo step "
                        + commitment.index()
                        + " ("
                        + commitment.call().tool()
                        + "): no longer wanted",
                OptionalInt.of(commitment.index()));
    }
}
