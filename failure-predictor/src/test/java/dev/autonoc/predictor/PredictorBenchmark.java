package dev.autonoc.predictor;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The predictor's hot paths with the checked-in default model, on synthetic telemetry (52 elements,
 * a sample every 15 minutes): a feature update per sample, the scoring of one element at one tick
 * (what {@code atRisk} does for each element that sent something), and the full prediction of an
 * alarmed element.
 *
 * <p>Not a test. Run after {@code mvn -pl failure-predictor install}:
 *
 * <pre>
 * mvn -B -q dependency:build-classpath -pl failure-predictor -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cp.txt
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

    List<Element> elements;
    List<TelemetrySample> samples;
    FeatureExtractor extractor;
    int next;

    Scorer scorer;
    double[] nodeFeatures;

    @Setup
    public void setUp() {
        elements = SyntheticOperator.topology();
        samples = new ArrayList<>();
        SyntheticOperator.random(7, 4, DAYS).run(DAYS, samples::add);
        extractor = new FeatureExtractor(elements);
        next = 0;

        // a warm node's features after two days of telemetry
        FeatureExtractor warm = new FeatureExtractor(elements);
        ElementId node =
                elements.stream()
                        .filter(e -> e.kind() == ElementKind.ROUTER)
                        .findFirst()
                        .orElseThrow()
                        .id();
        for (TelemetrySample s : samples) {
            if (s.at().isAfter(SyntheticOperator.EPOCH.plus(Duration.ofDays(2)))) {
                break;
            }
            warm.observe(s);
        }
        nodeFeatures = warm.features(node);
        ModelBundle bundle = ModelBundle.loadDefault();
        scorer = bundle.scorer(Family.NODE).orElseThrow();
    }

    /** One sample into the element's features (windows, baselines, peer sums). */
    @Benchmark
    public FeatureExtractor featureUpdatePerSample() {
        if (next == samples.size()) {
            next = 0;
            extractor = new FeatureExtractor(elements); // time starts again: start afresh
        }
        extractor.observe(samples.get(next++));
        return extractor;
    }

    /**
     * One element at one tick: what atRisk computes for each element that sent something (its
     * features standardised, the failure model's score, calibrated).
     */
    @Benchmark
    public double inferencePerElementAndTick() {
        return scorer.calibrate(scorer.rawScore(nodeFeatures));
    }

    /** The same without the calibration: what the stored Platt map costs is the difference. */
    @Benchmark
    public double rawScorePerElementAndTick() {
        return scorer.rawScore(nodeFeatures);
    }

    /**
     * An alarmed element's full prediction: probability, mode, time to failure, contributions (only
     * alarmed elements need it).
     */
    @Benchmark
    public Scorer.Score fullScoreOfAnAlarmedElement() {
        return scorer.score(nodeFeatures);
    }
}
