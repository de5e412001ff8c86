package dev.autonoc.simulators;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the twin knows of a run, for the evals' ground-truth and metrics export: the faults as
 * they really played out (onset, when each would fail, when it failed or was mended) and what the
 * run cost (failures, customer impact by cause, costs by kind, dispatches to healthy elements, SLA
 * statements and credits). Never visible through the OSS/BSS APIs.
 *
 * @param start the run's start (its spec's {@link TwinSpec#start()})
 * @param end the twin's time when the truth was taken
 */
public record RunTruth(
        Preset preset,
        long seed,
        Instant start,
        Instant end,
        List<FaultTruth> faults,
        RunOutcome outcome) {

    public RunTruth {
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        faults = List.copyOf(faults);
        Objects.requireNonNull(outcome, "outcome");
    }
}
