package dev.autonoc.simulators;

import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Duration;
import java.util.Locale;

/**
 * Measures simulated time per wall time with an idle agent: a benchmark, not a test (surefire skips
 * it). Run: {@code java -cp <test classpath> dev.autonoc.simulators.TwinSpeedBenchmark [preset]
 * [days]}.
 */
public final class TwinSpeedBenchmark {

    private TwinSpeedBenchmark() {}

    public static void main(String[] args) {
        Preset preset = args.length > 0 ? Preset.fromKey(args[0]).orElseThrow() : Preset.REGIONAL;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            OperatorTwin twin = OperatorTwin.create(TwinSpec.quiet(preset, 1 + round));
            long t1 = System.nanoTime();
            long[] count = new long[1];
            double[] sink = new double[1];
            twin.advanceTo(
                    OperatorTwin.EPOCH.plus(Duration.ofDays(days)),
                    (TelemetrySample s) -> {
                        count[0]++;
                        sink[0] += s.values()[0];
                    });
            long t2 = System.nanoTime();
            System.out.printf(
                    Locale.ROOT,
                    "%s x %d days: build %.3f s, run %.3f s, %d samples (%.1f M/s)%n",
                    preset.key(),
                    days,
                    (t1 - t0) / 1e9,
                    (t2 - t1) / 1e9,
                    count[0],
                    count[0] / ((t2 - t1) / 1e9) / 1e6);
        }
    }
}
