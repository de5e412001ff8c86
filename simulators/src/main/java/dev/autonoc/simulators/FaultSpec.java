package dev.autonoc.simulators;

import dev.autonoc.core.prediction.FailureMode;
import java.time.Duration;

/**
 * A fault to inject: where, which mode, when it starts (from the run's start), how long it takes to
 * fail.
 */
public record FaultSpec(
        ElementSelector target, FailureMode mode, Duration onset, Duration timeToFailure) {}
