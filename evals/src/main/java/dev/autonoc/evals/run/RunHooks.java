package dev.autonoc.evals.run;

import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.evals.report.RunTelemetry;
import dev.autonoc.simulators.OperatorTwin;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Where the runner reaches into one run without changing how the run is wired: it records the
 * faulted elements' telemetry and predicted probability for the report's timeline, and it may swap
 * the planner for a variant (to compare a changed planner against the shipped one).
 *
 * <p>{@link SingleRun} asks {@link #current()} at the two points where it builds the loop. The
 * runner binds a fresh instance to the worker thread for exactly one run ({@link #around}); a run
 * lives on one thread from start to end, so the binding is that run's alone. Outside the runner (a
 * test driving a {@code SingleRun} directly) {@link #current()} changes nothing.
 */
final class RunHooks {

    private static final ThreadLocal<RunHooks> BOUND = new ThreadLocal<>();
    private static final RunHooks PASS_THROUGH = new RunHooks(UnaryOperator.identity(), false);

    private final UnaryOperator<Planner> plannerVariant;
    private final boolean record;
    private RecordingPredictor recorder;

    RunHooks(UnaryOperator<Planner> plannerVariant, boolean record) {
        this.plannerVariant = Objects.requireNonNull(plannerVariant, "plannerVariant");
        this.record = record;
    }

    /** The hooks of the run on this thread; hooks that change nothing when none is bound. */
    static RunHooks current() {
        RunHooks bound = BOUND.get();
        return bound == null ? PASS_THROUGH : bound;
    }

    /** {@link SingleRun}'s hook where it builds the loop's predictor. */
    static FailurePredictor watch(FailurePredictor predictor, OperatorTwin twin) {
        return current().predictor(predictor, twin);
    }

    /** {@link SingleRun}'s hook where it builds the loop's planner. */
    static Planner plan(Planner planner) {
        return current().planner(planner);
    }

    /** Runs {@code run} with these hooks bound to this thread, and unbinds them after. */
    <T> T around(Supplier<T> run) {
        RunHooks before = BOUND.get();
        BOUND.set(this);
        try {
            return run.get();
        } finally {
            if (before == null) {
                BOUND.remove();
            } else {
                BOUND.set(before);
            }
        }
    }

    /** The run's predictor, recording what the faulted elements show when recording is on. */
    FailurePredictor predictor(FailurePredictor predictor, OperatorTwin twin) {
        if (!record) {
            return predictor;
        }
        recorder =
                new RecordingPredictor(predictor, twin.groundTruth().faults(), OperatorTwin.EPOCH);
        return recorder;
    }

    /** The run's planner, or the variant the runner was given. */
    Planner planner(Planner planner) {
        return Objects.requireNonNull(plannerVariant.apply(planner), "the planner variant");
    }

    /** What was recorded; empty when nothing was (recording off, or no predictor ran). */
    Optional<RunTelemetry> telemetry() {
        return Optional.ofNullable(recorder).map(RecordingPredictor::recording);
    }
}
