package dev.autonoc.predictor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * {@link PredictorBenchmark}'s hot paths timed in CPU time of the calling thread rather than wall
 * time: on a machine shared with other builds (load 20 on 2 cores) JMH's wall-clock figures are
 * mostly the time the thread waited for a core, and their errors are as large as the figures. This
 * runs each path on the benchmark's own state, warm (a few rounds first, then the lowest of the
 * measured rounds), and prints CPU nanoseconds per operation. Not a test; a companion to the JMH
 * figures in docs/benchmarks.md, not a replacement for them on a quiet machine.
 *
 * <pre>
 * java -cp failure-predictor/target/test-classes:... dev.autonoc.predictor.PredictorCpuTime
 * </pre>
 */
public final class PredictorCpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static double sink;

    private PredictorCpuTime() {}

    public static void main(String[] args) {
        PredictorBenchmark b = new PredictorBenchmark();
        b.setUp();
        report("compiledScorePerElement", b, 2_000_000, 1, x -> x.compiledScorePerElement());
        report(
                "servedTickPerElement",
                b,
                20_000,
                PredictorBenchmark.ELEMENTS,
                x -> {
                    x.servedTickPerElement();
                    return 0.0;
                });
        report(
                "featureUpdatePerSample",
                b,
                1_000_000,
                1,
                x -> {
                    x.featureUpdatePerSample();
                    return 0.0;
                });
        report("tribuoScorePerElement", b, 20_000, 1, x -> x.tribuoScorePerElement());
        scoringPerElementPerTick(b);
        System.out.println(sink == 42.4242 ? "" : "done");
    }

    /**
     * {@code atRisk} alone, per element per tick: the tick's samples are fed outside the timing,
     * each call is timed in CPU time, and the cost of reading the clock twice is taken off.
     */
    private static void scoringPerElementPerTick(PredictorBenchmark b) {
        PredictorBenchmark.ServedTick tick = new PredictorBenchmark.ServedTick();
        tick.setUp(b);
        long clock = Long.MAX_VALUE;
        for (int i = 0; i < 10_000; i++) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            clock = Math.min(clock, THREADS.getCurrentThreadCpuTime() - t0);
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 8; round++) {
            long used = 0;
            int ticks = 20_000;
            for (int i = 0; i < ticks; i++) {
                tick.feed();
                long t0 = THREADS.getCurrentThreadCpuTime();
                sink += tick.predictor.atRisk(tick.at).size();
                used += THREADS.getCurrentThreadCpuTime() - t0 - clock;
            }
            if (round >= 3) {
                best = Math.min(best, (double) used / ((long) ticks * PredictorBenchmark.ELEMENTS));
            }
        }
        long[] counts = tick.predictor.scoringCounts();
        System.out.printf(
                Locale.ROOT,
                "%-26s %,10.1f ns CPU per operation (the last predictor's: %,d scored exactly,"
                        + " %,d skipped by the movement bound, %,d settled by the upper bound)%n",
                "scoringPerElementPerTick",
                best,
                counts[0],
                counts[1],
                counts[2]);
    }

    private static void report(
            String name,
            PredictorBenchmark b,
            int calls,
            int perCall,
            ToDoubleFunction<PredictorBenchmark> op) {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 8; round++) {
            long start = THREADS.getCurrentThreadCpuTime();
            double acc = 0.0;
            for (int i = 0; i < calls; i++) {
                acc += op.applyAsDouble(b);
            }
            long used = THREADS.getCurrentThreadCpuTime() - start;
            sink += acc;
            if (round >= 3) { // the first rounds warm the JIT up
                best = Math.min(best, (double) used / ((long) calls * perCall));
            }
        }
        System.out.printf(Locale.ROOT, "%-26s %,10.1f ns CPU per operation%n", name, best);
    }
}
