package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The checked-in default model must keep loading and predicting the same: its version, threshold,
 * and its raw scores, calibrated probabilities, modes and times to failure on fixed feature vectors
 * are recorded in {@code golden-default-model.properties}. After retraining the default model on
 * purpose, rewrite the file with {@code -Dautonoc.golden.write=true}.
 */
class DefaultModelGoldenTest {

    static final String FILE = "golden-default-model.properties";

    /** A fixed, varied feature vector: no training data needed to rebuild it. */
    static double[] vector(Family family, int k) {
        double[] raw = new double[FeatureExtractor.featureNames(family).size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = Math.sin(1.7 * i + 0.9 * k) * (1 + k);
        }
        return raw;
    }

    static Properties compute(ModelBundle bundle) {
        Properties p = new Properties();
        p.setProperty("version", bundle.version());
        p.setProperty("threshold", Double.toString(bundle.threshold()));
        p.setProperty("calibrated_threshold", Double.toString(bundle.calibratedThreshold()));
        for (Family family : Family.values()) {
            Scorer scorer = bundle.scorer(family).orElseThrow();
            for (int k = 0; k < 4; k++) {
                Scorer.Score s = scorer.score(vector(family, k));
                String key = family.name().toLowerCase(Locale.ROOT) + "." + k;
                p.setProperty(key + ".raw_score", Double.toString(s.rawScore()));
                p.setProperty(key + ".probability", Double.toString(s.probability()));
                p.setProperty(key + ".mode", s.mode().name());
                p.setProperty(key + ".ttf_minutes", Long.toString(s.timeToFailure().toMinutes()));
            }
        }
        return p;
    }

    @Test
    void the_default_model_loads_and_predicts_as_it_did_when_it_was_checked_in()
            throws IOException {
        Properties now = compute(ModelBundle.loadDefault());
        if (Boolean.getBoolean("autonoc.golden.write")) {
            Path file = Path.of("src/test/resources", FILE);
            try (Writer w = Files.newBufferedWriter(file)) {
                for (var e : new TreeMap<>(now).entrySet()) {
                    w.write(e.getKey() + "=" + e.getValue() + "\n");
                }
            }
        }
        Properties golden = new Properties();
        try (InputStream in =
                Boolean.getBoolean("autonoc.golden.write")
                        ? Files.newInputStream(Path.of("src/test/resources", FILE))
                        : getClass().getResourceAsStream("/" + FILE)) {
            assertThat(in).as(FILE + " on the test class path").isNotNull();
            golden.load(in);
        }
        assertThat(now.getProperty("version"))
                .as("the default model changed: if on purpose, rewrite " + FILE)
                .isEqualTo(golden.getProperty("version"));
        assertThat(new TreeMap<>(now)).isEqualTo(new TreeMap<>(golden));
    }
}
