package dev.autonoc.simulators;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailureMode;
import java.time.Instant;
import java.util.Optional;

/**
 * The ground truth of one fault, for the oracle and the evals; never visible through the OSS/BSS
 * APIs.
 *
 * @param failsAt when the element fails unless repaired first
 * @param failedAt when it did fail, if it did
 * @param repairedAt when it was mended (part replaced, or restarted), if it was
 */
public record FaultTruth(
        ElementId element,
        FailureMode mode,
        Instant onset,
        Instant failsAt,
        Optional<Instant> failedAt,
        Optional<Instant> repairedAt) {}
