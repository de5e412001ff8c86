package dev.autonoc.predictor;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.LongProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import dev.autonoc.core.prediction.FailureMode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * Trains a {@link ModelBundle} from a {@link TrainingSet}: per family a logistic regression for
 * "fails within the horizon", a logistic regression for the mode, and per mode a regression tree of
 * log hours to failure. Runs are split into training and validation runs (never rows of one run
 * across both); the validation runs pick the operating threshold (the lowest that raises no alarm
 * on a healthy element through the alarm gate, plus a margin) and calibrate the time to failure:
 * its estimate recentred so it is as often early as late, and the interval that held 80 % of the
 * truths, on the rows the model alarms on ({@link TtfInterval}).
 */
public final class PredictorTrainer {

    // Tribuo's SGD trainers log every few thousand steps at INFO through java.util.logging; a
    // strong reference keeps the level set (JUL holds loggers weakly)
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(Level.WARNING);
    }

    /**
     * How to train.
     *
     * @param negativesPerPositive healthy and not-yet-failing rows kept per row that fails within
     *     the horizon (the rest are dropped at random, seeded), so the rare class is not drowned
     * @param validationShare share of the runs held out to choose the operating point
     * @param epochs SGD epochs of the classifiers
     * @param persistence how long the probability must stay over the threshold to alarm
     * @param ttfIntervalBins at most this many bins of the estimate, each with its own interval
     * @param ttfTreeDepth depth of the time-to-failure regression tree
     * @param minThreshold the operating threshold never goes below this, whatever the validation
     *     runs allow: a few validation runs rarely hold the rare healthy situations (a core router
     *     taking a failed neighbour's traffic) that push a healthy element's score up. 0.9 is where
     *     a live sweep on calibration seeds met 1 false alarm per 10,000 element-days (see the
     *     default model's {@code model.json})
     */
    public record Settings(
            double negativesPerPositive,
            double validationShare,
            int epochs,
            Duration persistence,
            int ttfIntervalBins,
            int ttfTreeDepth,
            double minThreshold) {

        public Settings {
            if (ttfIntervalBins < 1) {
                throw new IllegalArgumentException(
                        "ttfIntervalBins must be at least 1, got " + ttfIntervalBins);
            }
        }

        public static Settings defaults() {
            return new Settings(4.0, 0.25, 6, Duration.ofHours(2), 1, 8, 0.9);
        }

        /** The settings as recorded in a bundle's {@code training} section. */
        Map<String, Object> record() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("negatives_per_positive", negativesPerPositive);
            m.put("validation_share", validationShare);
            m.put("epochs", epochs);
            m.put("persistence_minutes", persistence.toMinutes());
            m.put("ttf_interval_bins", ttfIntervalBins);
            m.put("ttf_tree_depth", ttfTreeDepth);
            m.put("min_threshold", minThreshold);
            return m;
        }

        /**
         * The settings a bundle was trained with, from its {@code training} section; a setting
         * recorded by no older bundle takes its default (the value that trained it).
         */
        static Settings recorded(Map<String, Object> training) {
            Settings d = defaults();
            return new Settings(
                    number(training, "negatives_per_positive", d.negativesPerPositive()),
                    number(training, "validation_share", d.validationShare()),
                    (int) number(training, "epochs", d.epochs()),
                    Duration.ofMinutes(
                            (long)
                                    number(
                                            training,
                                            "persistence_minutes",
                                            d.persistence().toMinutes())),
                    (int) number(training, "ttf_interval_bins", d.ttfIntervalBins()),
                    (int) number(training, "ttf_tree_depth", d.ttfTreeDepth()),
                    number(training, "min_threshold", d.minThreshold()));
        }

        private static double number(Map<String, Object> m, String key, double fallback) {
            return m.get(key) instanceof Number n ? n.doubleValue() : fallback;
        }
    }

    static final String MODEL_TYPE = "tribuo-lr";
    static final String FEATURES_VERSION = "autonoc-features-v2";
    private static final OffsetDateTime DATA_TIME =
            OffsetDateTime.of(2025, 1, 6, 0, 0, 0, 0, ZoneOffset.UTC);

    private PredictorTrainer() {}

    public static ModelBundle train(TrainingSet set, long seed) {
        return train(set, seed, Settings.defaults());
    }

    public static ModelBundle train(TrainingSet set, long seed, Settings settings) {
        return train(set, seed, settings, Trainers.fromSettings(settings, seed));
    }

    /**
     * Trains the bundle again on the same data with the Tribuo trainers recovered from its models'
     * provenance (their classes, settings, seeds and invocation counts), the trainer seed and the
     * settings recorded in its {@code training} section. On the data it was trained on, the rebuilt
     * bundle predicts the same; its version differs only by the training time in the provenance.
     */
    public static ModelBundle rebuild(ModelBundle bundle, TrainingSet set) {
        Object seed = bundle.training().get("seed");
        if (!(seed instanceof Number n)) {
            throw new IllegalArgumentException(
                    "the bundle " + bundle.version() + " records no trainer seed in its training");
        }
        Settings settings = Settings.recorded(bundle.training());
        return train(set, n.longValue(), settings, Trainers.fromProvenance(bundle));
    }

    private static ModelBundle train(
            TrainingSet set, long seed, Settings settings, Trainers trainers) {
        if (set.size() == 0) {
            throw new IllegalArgumentException("the training set is empty");
        }
        if (set.positives() == 0) {
            throw new IllegalArgumentException(
                    "the training set has no row that fails within the horizon: add faults");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Set<Long> validationRuns =
                validationRuns(set.runs(), settings.validationShare(), rng.split());
        TrainingSet train = set.runs(r -> !validationRuns.contains(r));
        TrainingSet validation =
                validationRuns.isEmpty() ? train : set.runs(validationRuns::contains);

        Map<Family, FamilyModel> families = new EnumMap<>(Family.class);
        for (Family family : Family.values()) {
            List<TrainingSet.Row> rows =
                    train.rows().stream().filter(r -> r.family() == family).toList();
            if (rows.isEmpty()) {
                continue;
            }
            families.put(
                    family,
                    trainFamily(
                            family,
                            train,
                            rows,
                            seed,
                            settings,
                            trainers,
                            rng.split(),
                            train.horizon()));
        }

        double threshold =
                Math.max(
                        settings.minThreshold(),
                        ValidationCalibration.threshold(
                                families, validation, settings.persistence(), set.horizon()));

        // the time-to-failure intervals, from validation residuals on the rows the model alarms on
        Map<Family, FamilyModel> shifted = new EnumMap<>(Family.class);
        for (Map.Entry<Family, FamilyModel> e : families.entrySet()) {
            FamilyModel fm = e.getValue();
            Map<FailureMode, TtfInterval> intervals = new EnumMap<>(FailureMode.class);
            for (FailureMode m : fm.ttf.keySet()) {
                TtfInterval interval =
                        ValidationCalibration.ttfInterval(
                                fm,
                                m,
                                validation,
                                threshold,
                                settings.persistence(),
                                settings.ttfIntervalBins(),
                                set.horizon());
                if (interval != null) {
                    intervals.put(m, interval);
                }
            }
            shifted.put(
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
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("seed", seed);
        training.put("runs", set.runs());
        training.put("validation_runs", new ArrayList<>(new TreeSet<>(validationRuns)));
        training.put("rows", set.size());
        training.put("positives", set.positives());
        training.put("horizon_hours", set.horizon().toHours());
        training.putAll(settings.record());
        ModelBundle bundle =
                new ModelBundle(
                        shifted,
                        set.horizon(),
                        threshold,
                        settings.persistence(),
                        MODEL_TYPE,
                        training,
                        Map.of());
        bundle = ValidationCalibration.calibrated(bundle, validation, validationRuns.isEmpty());
        PredictorEvaluation onValidation = PredictorEvaluation.of(bundle, validation);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(
                "on",
                validationRuns.isEmpty() ? "training runs (no held-out run)" : "validation runs");
        figures.putAll(onValidation.figures());
        return bundle.withEvaluation(figures);
    }

    static Set<Long> validationRuns(List<Long> runs, double share, SplittableRandom rng) {
        if (runs.size() < 2 || share <= 0) {
            return Set.of();
        }
        List<Long> shuffled = new ArrayList<>(new TreeSet<>(runs));
        for (int i = shuffled.size() - 1; i > 0; i--) {
            Collections.swap(shuffled, i, rng.nextInt(i + 1)); // Fisher–Yates on the seeded stream
        }
        int k = Math.max(1, (int) Math.round(shuffled.size() * share));
        k = Math.min(k, shuffled.size() - 1);
        return Set.copyOf(shuffled.subList(0, k));
    }

    private static FamilyModel trainFamily(
            Family family,
            TrainingSet set,
            List<TrainingSet.Row> rows,
            long seed,
            Settings settings,
            Trainers trainers,
            SplittableRandom rng,
            Duration horizon) {
        List<String> names = ModelFeatures.of(family);
        int[] columns = ModelFeatures.columns(family, names);
        int d = names.size();
        double[] means = new double[d];
        double[] stds = new double[d];
        for (TrainingSet.Row r : rows) {
            for (int i = 0; i < d; i++) {
                means[i] += r.feature(columns[i]);
            }
        }
        for (int i = 0; i < d; i++) {
            means[i] /= rows.size();
        }
        for (TrainingSet.Row r : rows) {
            for (int i = 0; i < d; i++) {
                double x = r.feature(columns[i]) - means[i];
                stds[i] += x * x;
            }
        }
        for (int i = 0; i < d; i++) {
            stds[i] = Math.sqrt(stds[i] / rows.size());
            if (!(stds[i] > 1e-9)) {
                stds[i] = 1.0; // a constant feature: leave it at 0 after centring
            }
        }
        FamilyModel scaling =
                new FamilyModel(
                        family,
                        names,
                        means,
                        stds,
                        null,
                        null,
                        FailureMode.LASER_AGING,
                        Map.of(),
                        Map.of());
        String[] featureNames = names.toArray(String[]::new);

        // "fails within the horizon"
        long positives = rows.stream().filter(r -> r.label().failsWithinHorizon()).count();
        long negatives = rows.size() - positives;
        double keep =
                Math.min(
                        1.0,
                        settings.negativesPerPositive()
                                * Math.max(positives, 1)
                                / Math.max(negatives, 1));
        SplittableRandom sampler = rng.split();
        MutableDataset<Label> failureData =
                new MutableDataset<>(
                        source(family, "failure", set, new LabelFactory()), new LabelFactory());
        for (TrainingSet.Row r : rows) {
            boolean pos = r.label().failsWithinHorizon();
            if (pos || sampler.nextDouble() < keep) {
                failureData.add(
                        example(
                                new Label(pos ? FamilyModel.FAIL : FamilyModel.OK),
                                featureNames,
                                scaling,
                                r));
            }
        }
        Model<Label> failure =
                trainers.failure(family, failureData, instance(family, "failure", seed));

        // the mode, learnt where it matters: rows that fail within the horizon
        Set<FailureMode> modes = EnumSet.noneOf(FailureMode.class);
        MutableDataset<Label> modeData =
                new MutableDataset<>(
                        source(family, "mode", set, new LabelFactory()), new LabelFactory());
        int[] modeColumns = modeColumns(names);
        String[] modeNames = new String[modeColumns.length];
        for (int i = 0; i < modeColumns.length; i++) {
            modeNames[i] = featureNames[modeColumns[i]];
        }
        for (TrainingSet.Row r : rows) {
            if (r.label().failsWithinHorizon() && r.label().mode().isPresent()) {
                FailureMode m = r.label().mode().get();
                modes.add(m);
                double[] z = scaling.scale(Scorer.toDouble(r.features()));
                double[] picked = new double[modeColumns.length];
                for (int i = 0; i < modeColumns.length; i++) {
                    picked[i] = z[modeColumns[i]];
                }
                modeData.add(new ArrayExample<>(new Label(m.name()), modeNames, picked));
            }
        }
        Model<Label> mode = null;
        FailureMode fixed = null;
        if (modes.size() >= 2) {
            mode = trainers.mode(family, modeData, instance(family, "mode", seed));
        } else {
            fixed = modes.isEmpty() ? firstModeOf(family) : modes.iterator().next();
        }

        // log hours to failure, per mode, learnt on rows of started faults up to four horizons
        // out (the slowest faults are first warned about four days ahead); a regression tree on
        // the features as they are: the time left is a bent function of how far the signal has
        // gone and how fast it moves, which a straight line does not follow
        Map<FailureMode, Model<Regressor>> ttf = new EnumMap<>(FailureMode.class);
        long cap = ValidationCalibration.TTF_HORIZONS * horizon.toMinutes();
        for (FailureMode m : FailureMode.values()) {
            MutableDataset<Regressor> ttfData =
                    new MutableDataset<>(
                            source(family, "ttf " + m, set, new RegressionFactory()),
                            new RegressionFactory());
            for (TrainingSet.Row r : rows) {
                TrainingSet.Label l = r.label();
                if (l.faultActive()
                        && l.mode().equals(Optional.of(m))
                        && l.timeToFailure().isPresent()) {
                    long minutes = l.timeToFailure().get().toMinutes();
                    if (minutes > 0 && minutes <= cap) {
                        double target = Math.log(minutes / 60.0);
                        ttfData.add(
                                new ArrayExample<>(
                                        new Regressor("log_hours", target),
                                        featureNames,
                                        scaling.unscaled(Scorer.toDouble(r.features()))));
                    }
                }
            }
            if (ttfData.size() >= 50) {
                ttf.put(
                        m,
                        trainers.timeToFailure(
                                family, m, ttfData, instance(family, "ttf " + m, seed)));
            }
        }
        return new FamilyModel(family, names, means, stds, failure, mode, fixed, ttf, Map.of());
    }

    private static FailureMode firstModeOf(Family family) {
        for (FailureMode m : FailureMode.values()) {
            if (m.strikes(
                    family == Family.LINK
                            ? dev.autonoc.core.network.ElementKind.LINK
                            : dev.autonoc.core.network.ElementKind.ROUTER)) {
                return m;
            }
        }
        throw new IllegalStateException("no failure mode strikes " + family);
    }

    /**
     * Where the features the mode model learns from sit among a family model's features: how the
     * element's metrics moved against its own past and against its peers (deviations and slopes).
     * Not its levels, jitter, spike counts or surroundings, which for one element stay much what
     * they always were: learnt from a few dozen faulted elements, a linear model took those for the
     * mode (a router with a noisy CRC counter and a failing PSU was read as fan wear, its ripple
     * rising at five deviations notwithstanding). Serving needs no change: Tribuo's model ignores
     * the features it was not trained on.
     */
    static int[] modeColumns(List<String> names) {
        Set<String> movement = new HashSet<>();
        for (FeatureKind kind : MODE_KINDS) {
            movement.add("." + kind.suffix());
        }
        return IntStream.range(0, names.size())
                .filter(
                        i -> {
                            String n = names.get(i);
                            int dot = n.lastIndexOf('.');
                            return dot > 0 && movement.contains(n.substring(dot));
                        })
                .toArray();
    }

    /** The kinds of feature the mode model reads ({@link #modeColumns}). */
    static final Set<FeatureKind> MODE_KINDS =
            EnumSet.of(
                    FeatureKind.DEV_OWN_6H,
                    FeatureKind.DEV_OWN_24H,
                    FeatureKind.SLOPE_6H,
                    FeatureKind.SLOPE_24H,
                    FeatureKind.PEER_DEV_6H,
                    FeatureKind.PEER_DEV_24H,
                    FeatureKind.DEV_OWN_LONG,
                    FeatureKind.PEER_DEV_LONG);

    private static <T extends org.tribuo.Output<T>> Example<T> example(
            T output, String[] names, FamilyModel scaling, TrainingSet.Row row) {
        return new ArrayExample<>(output, names, scaling.scale(Scorer.toDouble(row.features())));
    }

    /**
     * What the data was, recorded in each model's provenance. The time is the twin's fixed start
     * rather than the wall clock, so the same inputs describe the same data.
     */
    private static <T extends org.tribuo.Output<T>> SimpleDataSourceProvenance source(
            Family family, String task, TrainingSet set, org.tribuo.OutputFactory<T> factory) {
        String description =
                String.format(
                        Locale.ROOT,
                        "autonoc twin runs %s; family %s; task %s; horizon %d h; features %s",
                        set.runs(),
                        family,
                        task,
                        set.horizon().toHours(),
                        FEATURES_VERSION);
        return new SimpleDataSourceProvenance(description, DATA_TIME, factory);
    }

    /** Extra entries in each model's instance provenance. */
    private static Map<String, Provenance> instance(Family family, String task, long seed) {
        Map<String, Provenance> m = new LinkedHashMap<>();
        m.put("family", new StringProvenance("family", family.name()));
        m.put("task", new StringProvenance("task", task));
        m.put("trainerSeed", new LongProvenance("trainerSeed", seed));
        m.put("features", new StringProvenance("features", FEATURES_VERSION));
        return m;
    }
}
