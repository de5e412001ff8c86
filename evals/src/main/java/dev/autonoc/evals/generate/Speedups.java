package dev.autonoc.evals.generate;

import dev.autonoc.simulators.FaultSpec;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * How a drawn fault speeds up, the same for generated scenarios and training runs: with the given
 * chance, from 30–70 % of the way from onset to failure (whole hours), the degradation runs 2, 2.5,
 * 3, 3.5 or 4 times faster, so the failure comes sooner than the pace so far said.
 */
public final class Speedups {

    private Speedups() {}

    /**
     * A speedup or none, drawn from {@code rng}: one draw for the chance, two more when it hits.
     *
     * @param share the chance that the fault speeds up, in [0, 1]
     */
    public static Optional<FaultSpec.Speedup> draw(
            SplittableRandom rng, Duration onset, Duration timeToFailure, double share) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("a speedup share must be in [0, 1], got " + share);
        }
        if (rng.nextDouble() >= share) {
            return Optional.empty();
        }
        long into = timeToFailure.toHours() * (30 + rng.nextInt(41)) / 100;
        double factor = 2.0 + 0.5 * rng.nextInt(5);
        return Optional.of(new FaultSpec.Speedup(onset.plusHours(Math.max(1, into)), factor));
    }
}
