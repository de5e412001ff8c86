package dev.autonoc.simulators;

import dev.autonoc.core.prediction.FailureMode;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A fault to inject: where, which mode, when it starts (from the run's start), how long it takes to
 * fail, and whether its degradation speeds up on the way.
 */
public record FaultSpec(
        ElementSelector target,
        FailureMode mode,
        Duration onset,
        Duration timeToFailure,
        Optional<Speedup> speedup) {

    /**
     * From {@code at} (from the run's start, after the onset and before the failure it would have
     * had) the latent degradation advances {@code factor} times faster, so the element fails
     * earlier: {@code (failsAt - at) / factor} after {@code at}.
     */
    public record Speedup(Duration at, double factor) {
        public Speedup {
            Objects.requireNonNull(at, "at");
        }
    }

    public FaultSpec {
        Objects.requireNonNull(speedup, "speedup");
    }

    /** A fault that degrades at its mode's pace to the end. */
    public FaultSpec(
            ElementSelector target, FailureMode mode, Duration onset, Duration timeToFailure) {
        this(target, mode, onset, timeToFailure, Optional.empty());
    }
}
