package dev.autonoc.evals;

import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.predictor.ModelBundle;
import dev.autonoc.predictor.TribuoFailurePredictor;
import dev.autonoc.predictor.quality.DataQualityTracker;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.Preset;
import dev.autonoc.simulators.TwinListener;
import dev.autonoc.simulators.TwinSpec;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The served path at a national operator's size, in one warm JVM: a quiet national twin feeding the
 * predictor with the default model every sample, and {@code atRisk} every 5-minute tick, as the
 * eval's loop does, without the agent, the ledger or the command's start. Prints per round the CPU
 * time of the calling thread per sample (the better guide on a shared machine) and the wall time;
 * {@code twin} as third argument leaves the predictor out; {@code gate} records the twin's samples
 * once and then feeds them, round after round, to a fresh ingest gate ({@link DataQualityTracker})
 * alone, its elements numbered beforehand as the predictor numbers them. Not a test (surefire skips
 * it):
 *
 * <pre>
 * benchmarks/serving [days] [rounds] [twin|gate]
 * </pre>
 *
 * Where JMH's {@code PredictorBenchmark} works on 48 elements whose state stays in cache, this one
 * has 2,430 elements' state to go through each tick: memory layout shows here.
 */
public final class NationalServingBenchmark {

    private NationalServingBenchmark() {}

    public static void main(String[] args) {
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        String mode = args.length > 2 ? args[2] : "";
        if (mode.equals("gate")) {
            gate(days, rounds);
            return;
        }
        boolean serve = !mode.equals("twin");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ModelBundle bundle = ModelBundle.loadDefault();
        for (int round = 0; round < rounds; round++) {
            OperatorTwin twin = OperatorTwin.create(TwinSpec.quiet(Preset.NATIONAL, 1 + round));
            TribuoFailurePredictor predictor =
                    serve ? new TribuoFailurePredictor(twin.elements(), bundle) : null;
            long[] samples = new long[1];
            TwinListener feed =
                    new TwinListener() {
                        @Override
                        public void onTelemetry(TelemetrySample sample) {
                            samples[0]++;
                            if (predictor != null) {
                                predictor.observe(sample);
                            }
                        }

                        @Override
                        public void onAlarm(Alarm alarm) {
                            if (predictor != null) {
                                predictor.observe(alarm);
                            }
                        }
                    };
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            Instant t = OperatorTwin.EPOCH;
            Instant end = t.plus(Duration.ofDays(days));
            long alarms = 0;
            while (t.isBefore(end)) {
                t = t.plus(Duration.ofMinutes(5));
                twin.advanceTo(t, feed);
                if (predictor != null) {
                    alarms += predictor.atRisk(t).size();
                }
            }
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            long wall = System.nanoTime() - wall0;
            System.out.printf(
                    Locale.ROOT,
                    "round %d: %d samples, CPU %.2f s (%.0f ns a sample), wall %.2f s, %d alarms"
                            + " over the ticks (load %s)%n",
                    round + 1,
                    samples[0],
                    cpu / 1e9,
                    (double) cpu / samples[0],
                    wall / 1e9,
                    alarms,
                    loadAverage());
        }
    }

    /**
     * The ingest gate alone: the samples of {@code days} of a quiet national twin, recorded as the
     * twin made them (a tick's samples share their stamp's object), fed to a fresh gate each round.
     */
    private static void gate(int days, int rounds) {
        OperatorTwin twin = OperatorTwin.create(TwinSpec.quiet(Preset.NATIONAL, 1));
        List<TelemetrySample> recorded = new ArrayList<>();
        TwinListener feed = new Recorder(recorded);
        Instant t = OperatorTwin.EPOCH;
        Instant end = t.plus(Duration.ofDays(days));
        while (t.isBefore(end)) {
            t = t.plus(Duration.ofMinutes(5));
            twin.advanceTo(t, feed);
        }
        TelemetrySample[] samples = recorded.toArray(new TelemetrySample[0]);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < rounds; round++) {
            DataQualityTracker gate = new DataQualityTracker();
            int[] numbers = new int[samples.length];
            for (int i = 0; i < samples.length; i++) {
                numbers[i] = gate.number(samples[i].element());
            }
            long admitted = 0;
            long cpu0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < samples.length; i++) {
                if (gate.admit(numbers[i], samples[i]) != null) {
                    admitted++;
                }
            }
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            System.out.printf(
                    Locale.ROOT,
                    "round %d: %d samples, %d admitted, gate CPU %.1f ns a sample (load %s)%n",
                    round + 1,
                    samples.length,
                    admitted,
                    (double) cpu / samples.length,
                    loadAverage());
        }
    }

    /** Keeps the twin's samples (a quiet twin raises no alarm worth keeping here). */
    private record Recorder(List<TelemetrySample> samples) implements TwinListener {
        @Override
        public void onTelemetry(TelemetrySample sample) {
            samples.add(sample);
        }

        @Override
        public void onAlarm(Alarm alarm) {}
    }

    private static String loadAverage() {
        return String.format(
                Locale.ROOT,
                "%.1f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
