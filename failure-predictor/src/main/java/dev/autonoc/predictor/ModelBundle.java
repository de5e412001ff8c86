package dev.autonoc.predictor;

import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import dev.autonoc.core.prediction.FailureMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tribuo.Model;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A trained predictor as saved in a directory: the Tribuo models (each file holds its own
 * provenance), a readable copy of each provenance, and {@code model.json} with the feature scaling,
 * operating threshold, the calibration that turns the failure model's score into the probability
 * served (Platt), training data and evaluation figures. Its {@link #version()} is a hash of the
 * model files and everything that changes a prediction, so two bundles that predict differently
 * never share a version, and a file altered after saving is refused at load.
 */
public final class ModelBundle {

    /** Where the checked-in default model lives on the classpath. */
    public static final String DEFAULT_RESOURCE = "/models/default/";

    static final String MANIFEST = "model.json";

    static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Map<Family, FamilyModel> families;
    private final Duration horizon;
    private final double threshold;
    private final Duration persistence;
    private final String modelType;
    private final Map<String, Object> training;
    private final Map<String, Object> evaluation;
    // null: the failure models' scores are served as they are
    private final Calibration calibration;
    private final Map<String, Object> calibrationRecord;
    // the serialised models, taken once: the version hashes these very bytes, and they are what is
    // written, so a saved bundle loads with the version it was saved with
    private final Map<String, byte[]> files;
    private final String version;

    ModelBundle(
            Map<Family, FamilyModel> families,
            Duration horizon,
            double threshold,
            Duration persistence,
            String modelType,
            Map<String, Object> training,
            Map<String, Object> evaluation) {
        this(
                families,
                horizon,
                threshold,
                persistence,
                modelType,
                training,
                evaluation,
                null,
                Map.of(),
                null);
    }

    /** A bundle of these models and figures; {@code files} their serialised form when read. */
    ModelBundle(
            Map<Family, FamilyModel> families,
            Duration horizon,
            double threshold,
            Duration persistence,
            String modelType,
            Map<String, Object> training,
            Map<String, Object> evaluation,
            Calibration calibration,
            Map<String, Object> calibrationRecord,
            Map<String, byte[]> files) {
        if (!(threshold > 0.0 && threshold < 1.0)) {
            throw new IllegalArgumentException("the threshold must be in (0, 1), got " + threshold);
        }
        if (calibration != null && calibration.method() != Calibration.Method.PLATT) {
            throw new IllegalArgumentException(
                    "a bundle stores Platt calibration only (two numbers, strictly increasing, so"
                            + " the threshold maps one to one), got "
                            + calibration.method());
        }
        if (files == null) {
            files = new LinkedHashMap<>();
            for (FamilyModel fm : families.values()) {
                for (Map.Entry<String, Model<?>> e : BundleFiles.models(fm).entrySet()) {
                    files.put(e.getKey(), BundleFiles.bytes(e.getValue()));
                }
            }
        }
        this.files = files;
        this.families = Collections.unmodifiableMap(new EnumMap<>(families));
        this.horizon = horizon;
        this.threshold = threshold;
        this.persistence = persistence;
        this.modelType = modelType;
        this.training = Collections.unmodifiableMap(new LinkedHashMap<>(training));
        this.evaluation = Collections.unmodifiableMap(new LinkedHashMap<>(evaluation));
        this.calibration = calibration;
        this.calibrationRecord =
                Collections.unmodifiableMap(new LinkedHashMap<>(calibrationRecord));
        this.version = modelType + "-" + fingerprint();
    }

    /** The model version named in every prediction: the model type and a hash of what predicts. */
    public String version() {
        return version;
    }

    public Duration horizon() {
        return horizon;
    }

    /**
     * The operating threshold chosen on validation runs, on the failure model's own score: the
     * scale the alarm gate runs on (its persistence and release were tuned there).
     */
    public double threshold() {
        return threshold;
    }

    /**
     * The same threshold as a calibrated probability: calibration is strictly increasing, so a
     * score at or over {@link #threshold()} is a probability at or over this. The threshold itself
     * when the bundle has no calibration.
     */
    public double calibratedThreshold() {
        return calibrate(threshold);
    }

    /**
     * The map from the failure model's score to a calibrated probability, if the bundle has one.
     */
    public Optional<Calibration> calibration() {
        return Optional.ofNullable(calibration);
    }

    /** The probability served for a failure model's score: calibrated if the bundle has a map. */
    public double calibrate(double score) {
        return calibration == null ? score : calibration.apply(score);
    }

    /**
     * The same models with a calibration fitted on validation rows (a new version: predictions
     * change).
     *
     * @param fittedOn where it was fitted (runs, seeds, rows), recorded in {@code model.json}
     */
    public ModelBundle withCalibration(Calibration newCalibration, Map<String, Object> fittedOn) {
        Objects.requireNonNull(newCalibration, "newCalibration");
        return sameModels(threshold, persistence, evaluation, newCalibration, fittedOn);
    }

    /**
     * The same models with each mode's time-to-failure interval refitted on how far the estimates
     * this bundle serves fell from the truth where they are read: live, over the hours after each
     * fault's first alarm, on runs it was not trained on. Per mode, the median residual recentres
     * the estimate and its 10th and 90th percentiles make the 80 % interval; a mode with fewer than
     * {@link TtfInterval#MIN_BIN_ROWS} residuals keeps its interval. A new version.
     *
     * @param residuals per mode (the mode the estimate was made for), {@code log(estimate / truth)}
     *     of the estimates this bundle served
     * @param fittedOn where they were measured, recorded in {@code model.json}'s calibration
     * @throws IllegalStateException if an interval to refit has more than one bin
     */
    public ModelBundle withTimeToFailureCalibration(
            Map<FailureMode, double[]> residuals, Map<String, Object> fittedOn) {
        Objects.requireNonNull(residuals, "residuals");
        Map<Family, FamilyModel> refitted = new EnumMap<>(Family.class);
        for (Map.Entry<Family, FamilyModel> e : families.entrySet()) {
            FamilyModel fm = e.getValue();
            Map<FailureMode, TtfInterval> intervals = new EnumMap<>(FailureMode.class);
            intervals.putAll(fm.ttfIntervals);
            for (Map.Entry<FailureMode, TtfInterval> t : fm.ttfIntervals.entrySet()) {
                double[] r = residuals.get(t.getKey());
                if (r == null || r.length < TtfInterval.MIN_BIN_ROWS) {
                    continue;
                }
                intervals.put(t.getKey(), t.getValue().refitted(r));
            }
            refitted.put(
                    e.getKey(),
                    new FamilyModel(
                            fm.family,
                            fm.features,
                            fm.means,
                            fm.stds,
                            fm.failure,
                            fm.mode,
                            fm.fixedMode,
                            fm.ttf,
                            intervals));
        }
        Map<String, Object> record = new LinkedHashMap<>(calibrationRecord);
        record.put("ttf_intervals", Map.copyOf(fittedOn));
        return new ModelBundle(
                refitted,
                horizon,
                threshold,
                persistence,
                modelType,
                training,
                evaluation,
                calibration,
                record,
                files);
    }

    /** The same models serving their raw scores (for fitting a calibration anew). */
    public ModelBundle withoutCalibration() {
        return sameModels(threshold, persistence, evaluation, null, Map.of());
    }

    /**
     * Each mode's time-to-failure interval, for reading: per mode the centre and the 10th and 90th
     * percentiles of {@code log(tree estimate / truth)} (a bin each where there are several).
     */
    public Map<String, Object> timeToFailureIntervals() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (FamilyModel fm : families.values()) {
            fm.ttfIntervals.forEach((mode, t) -> out.put(mode.name(), t.json()));
        }
        return out;
    }

    /** The scorer of a family, with the bundle's calibration. */
    Optional<Scorer> scorer(Family family) {
        return family(family).map(fm -> new Scorer(fm, horizon, calibration));
    }

    /** How long the probability must stay over the threshold before an element is reported. */
    public Duration persistence() {
        return persistence;
    }

    /** How the training data was made (seeds, runs, rows). */
    public Map<String, Object> training() {
        return training;
    }

    /**
     * The same models with more said of how their training data was made, beside what the trainer
     * recorded (the version does not change: the same models predict).
     */
    public ModelBundle withTrainingData(Map<String, Object> more) {
        Map<String, Object> t = new LinkedHashMap<>(training);
        t.putAll(more);
        return new ModelBundle(
                families,
                horizon,
                threshold,
                persistence,
                modelType,
                t,
                evaluation,
                calibration,
                calibrationRecord,
                files);
    }

    /** The evaluation figures recorded with the bundle. */
    public Map<String, Object> evaluation() {
        return evaluation;
    }

    /** The same bundle with other evaluation figures (the version does not change: same models). */
    public ModelBundle withEvaluation(Map<String, Object> figures) {
        return sameModels(threshold, persistence, figures, calibration, calibrationRecord);
    }

    /** The same models with another operating threshold and persistence (a new version). */
    public ModelBundle withOperatingPoint(double newThreshold, Duration newPersistence) {
        return sameModels(newThreshold, newPersistence, evaluation, calibration, calibrationRecord);
    }

    /**
     * These models (their serialised bytes reused, so the version changes only with what is given)
     * with another operating point, figures or calibration: what every {@code with...} varies.
     */
    private ModelBundle sameModels(
            double newThreshold,
            Duration newPersistence,
            Map<String, Object> newEvaluation,
            Calibration newCalibration,
            Map<String, Object> newCalibrationRecord) {
        return new ModelBundle(
                families,
                horizon,
                newThreshold,
                newPersistence,
                modelType,
                training,
                newEvaluation,
                newCalibration,
                newCalibrationRecord,
                files);
    }

    /** The Tribuo provenance of each model, in Tribuo's readable form, by file name. */
    public Map<String, String> provenance() {
        Map<String, String> out = new LinkedHashMap<>();
        for (FamilyModel fm : families.values()) {
            for (Map.Entry<String, Model<?>> e : BundleFiles.models(fm).entrySet()) {
                out.put(
                        e.getKey(),
                        ProvenanceUtil.formattedProvenanceString(e.getValue().getProvenance()));
            }
        }
        return out;
    }

    Optional<FamilyModel> family(Family family) {
        return Optional.ofNullable(families.get(family));
    }

    Map<Family, FamilyModel> families() {
        return families;
    }

    // ---------------------------------------------------------------------------------------
    // saving and loading

    /** Saves the bundle into {@code dir} (created if needed; files of the same names replaced). */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (FamilyModel fm : families.values()) {
            for (Map.Entry<String, Model<?>> e : BundleFiles.models(fm).entrySet()) {
                Files.write(dir.resolve(e.getKey()), files.get(e.getKey()));
                Files.writeString(
                        dir.resolve(e.getKey().replace(".tribuo", ".provenance.txt")),
                        ProvenanceUtil.formattedProvenanceString(e.getValue().getProvenance())
                                + "\n");
            }
        }
        Files.writeString(dir.resolve(MANIFEST), JSON.writeValueAsString(manifest()) + "\n");
    }

    /** Loads a bundle saved by {@link #save}. */
    public static ModelBundle load(Path dir) throws IOException {
        return BundleReader.load(dir);
    }

    /** Loads the checked-in default model from the classpath. */
    public static ModelBundle loadDefault() {
        return BundleReader.loadDefault();
    }

    ModelManifest manifest() {
        List<ModelManifest.FamilyEntry> entries = new ArrayList<>();
        for (FamilyModel fm : families.values()) {
            String prefix = fm.family.name().toLowerCase(Locale.ROOT);
            entries.add(
                    new ModelManifest.FamilyEntry(
                            fm.family.name(),
                            fm.features,
                            fm.means,
                            fm.stds,
                            prefix + "-failure.tribuo",
                            fm.mode == null ? null : prefix + "-mode.tribuo",
                            fm.fixedMode == null ? null : fm.fixedMode.name(),
                            BundleFiles.ttfFiles(fm),
                            null,
                            BundleFiles.intervalsByName(fm)));
        }
        return new ModelManifest(
                ModelManifest.FORMAT,
                version,
                modelType,
                horizon.toHours(),
                threshold,
                persistence.toMinutes(),
                entries,
                training,
                evaluation,
                calibration == null ? null : calibrationJson());
    }

    /**
     * The calibration as {@code model.json} records it: its parameters, then where it came from.
     */
    private Map<String, Object> calibrationJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", "platt");
        m.put("slope", calibration.slope());
        m.put("intercept", calibration.intercept());
        m.put("fitted_rows", calibration.fittedRows());
        m.put("threshold_as_probability", calibratedThreshold());
        calibrationRecord.forEach(
                (k, v) -> {
                    if (!m.containsKey(k)) {
                        m.put(k, v);
                    }
                });
        return m;
    }

    /**
     * A hash of what decides a prediction: the models' serialised form (provenance included) and
     * the scaling, calibration, threshold and persistence around them. A bundle without calibration
     * hashes as it did before calibration existed, so older bundles keep their versions.
     */
    private String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ByteBuffer buf = ByteBuffer.allocate(8);
            for (FamilyModel fm : families.values()) {
                sha.update(fm.family.name().getBytes(StandardCharsets.UTF_8));
                for (String name : BundleFiles.models(fm).keySet()) {
                    sha.update(name.getBytes(StandardCharsets.UTF_8));
                    sha.update(files.get(name));
                }
                sha.update(String.join(",", fm.features).getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < fm.means.length; i++) {
                    sha.update(buf.clear().putDouble(0, fm.means[i]).array());
                    sha.update(buf.clear().putDouble(0, fm.stds[i]).array());
                }
                for (Map.Entry<FailureMode, TtfInterval> e : fm.ttfIntervals.entrySet()) {
                    sha.update(e.getKey().name().getBytes(StandardCharsets.UTF_8));
                    TtfInterval t = e.getValue();
                    for (double[] part :
                            new double[][] {t.upper(), t.centre(), t.low(), t.high()}) {
                        for (double v : part) {
                            sha.update(buf.clear().putDouble(0, v).array());
                        }
                    }
                }
                sha.update(String.valueOf(fm.fixedMode).getBytes(StandardCharsets.UTF_8));
            }
            if (calibration != null) {
                sha.update("platt".getBytes(StandardCharsets.UTF_8));
                sha.update(buf.clear().putDouble(0, calibration.slope()).array());
                sha.update(buf.clear().putDouble(0, calibration.intercept()).array());
            }
            sha.update(buf.clear().putDouble(0, threshold).array());
            sha.update(buf.clear().putLong(0, horizon.toMinutes()).array());
            sha.update(buf.clear().putLong(0, persistence.toMinutes()).array());
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
