package dev.autonoc.predictor;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The predictor's hot paths with the checked-in default model, on synthetic telemetry (48 elements,
 * a sample every 15 minutes, 60 days): a feature update per sample; the scoring of one element at
 * one tick by the compiled scorer and by Tribuo; a whole served tick (every element's sample, then
 * {@code atRisk}) per element; and the full prediction of an alarmed element.
 *
 * <p>Not a test. Run it as docs/predictor.md ("Speed") says:
 *
 * <pre>
 * java -cp failure-predictor/target/test-classes:failure-predictor/target/classes:$(cat /tmp/cp.txt) \
 *     org.openjdk.jmh.Main PredictorBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PredictorBenchmark {

    static final Duration DAYS = Duration.ofDays(60);
    static final int ELEMENTS = 48;

    List<Element> elements;
    List<TelemetrySample> samples;
    FeatureExtractor extractor;
    int next;

    ModelBundle bundle;
    TribuoFailurePredictor predictor;
    int tickStart;

    ElementFeatures warmNode;
    CompiledScorer compiled;
    Scorer tribuo;
    double[] nodeFeatures;

    @Setup
    public void setUp() {
        elements = SyntheticOperator.topology();
        if (elements.size() != ELEMENTS) {
            throw new IllegalStateException("the synthetic operator changed size");
        }
        samples = new ArrayList<>();
        SyntheticOperator.random(7, 4, DAYS).run(DAYS, samples::add);
        bundle = ModelBundle.loadDefault();
        extractor = tracked(new FeatureExtractor(elements));
        next = 0;
        predictor = new TribuoFailurePredictor(elements, bundle);
        tickStart = 0;

        // a warm node after two days of telemetry
        FeatureExtractor warm = new FeatureExtractor(elements);
        for (TelemetrySample s : samples) {
            if (s.at().isAfter(SyntheticOperator.EPOCH.plus(Duration.ofDays(2)))) {
                break;
            }
            warm.observe(s);
        }
        Element node =
                elements.stream()
                        .filter(e -> e.kind() == ElementKind.ROUTER)
                        .findFirst()
                        .orElseThrow();
        warmNode = warm.state(node.id());
        nodeFeatures = warm.features(node.id());
        compiled = new CompiledScorer(bundle.family(Family.NODE).orElseThrow());
        tribuo = bundle.scorer(Family.NODE).orElseThrow();
    }

    FeatureExtractor tracked(FeatureExtractor fx) {
        for (Family family : Family.values()) {
            fx.track(family, new CompiledScorer(bundle.family(family).orElseThrow()).sensitivity());
        }
        return fx;
    }

    /** One sample into the element's features, as served (movement counted). */
    @Benchmark
    public FeatureExtractor featureUpdatePerSample() {
        if (next == samples.size()) {
            next = 0;
            extractor = tracked(new FeatureExtractor(elements)); // time starts again
        }
        extractor.observe(samples.get(next++));
        return extractor;
    }

    /** One element scored by the compiled logistic regression, straight from its state. */
    @Benchmark
    public double compiledScorePerElement() {
        return CompiledScorer.probability(compiled.logit(warmNode));
    }

    /** The same by Tribuo: the vector built, standardised, and Tribuo's predict. */
    @Benchmark
    public double tribuoScorePerElement() {
        double[] v = new double[nodeFeatures.length];
        FeatureExtractor.fill(warmNode, v);
        return tribuo.rawScore(v);
    }

    /**
     * A whole served tick, per element: every element's sample into its features, then {@code
     * atRisk} (each element scored, or skipped where it cannot reach the bar, through its gate).
     */
    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public Object servedTickPerElement() {
        if (tickStart + ELEMENTS > samples.size()) {
            tickStart = 0;
            predictor = new TribuoFailurePredictor(elements, bundle); // time starts again
        }
        Instant at = samples.get(tickStart).at();
        int k = tickStart;
        while (k < samples.size() && samples.get(k).at().equals(at)) {
            predictor.observe(samples.get(k++));
        }
        tickStart = k;
        return predictor.atRisk(at);
    }

    /**
     * The served scoring alone, per element per tick: {@code atRisk} once the tick's samples are in
     * (each element that sent something scored by the compiled scorer, or skipped where its bound
     * proves it stays below the bar, and run through its gate). The samples are fed before each
     * call, outside the timing ({@link ServedTick}).
     */
    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public Object scoringPerElementPerTick(ServedTick tick) {
        return tick.predictor.atRisk(tick.at);
    }

    /** A predictor fed one tick of the benchmark's samples before each call of its benchmark. */
    @State(Scope.Thread)
    public static class ServedTick {
        TribuoFailurePredictor predictor;
        Instant at;
        private PredictorBenchmark data;
        private int next;

        @Setup
        public void setUp(PredictorBenchmark data) {
            this.data = data;
            predictor = new TribuoFailurePredictor(data.elements, data.bundle);
            next = 0;
        }

        /** Feeds the next tick's samples; time starts again when they run out. */
        @Setup(Level.Invocation)
        public void feed() {
            List<TelemetrySample> samples = data.samples;
            if (next + ELEMENTS > samples.size()) {
                next = 0;
                predictor = new TribuoFailurePredictor(data.elements, data.bundle);
            }
            at = samples.get(next).at();
            while (next < samples.size() && samples.get(next).at().equals(at)) {
                predictor.observe(samples.get(next++));
            }
        }
    }

    /** An alarmed element's full prediction: mode, time to failure and window, contributions. */
    @Benchmark
    public Scorer.Score fullScoreOfAnAlarmedElement() {
        return tribuo.score(nodeFeatures);
    }
}
