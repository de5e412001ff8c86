package dev.autonoc.predictor;

import dev.autonoc.core.prediction.FailureMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.regression.Regressor;

/**
 * Reads a saved {@link ModelBundle}: {@code model.json} (its format checked), each Tribuo model
 * file, the calibration; and refuses a bundle whose files no longer hash to the version its
 * manifest records (altered after it was saved).
 */
final class BundleReader {

    private BundleReader() {}

    /** Loads a bundle saved by {@link ModelBundle#save}. */
    static ModelBundle load(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isRegularFile(dir.resolve(ModelBundle.MANIFEST))) {
            throw new IOException(
                    "no " + ModelBundle.MANIFEST + " in " + dir + ": not a saved model bundle");
        }
        return read(name -> Files.newInputStream(dir.resolve(name)), dir.toString());
    }

    /** Loads the checked-in default model from the classpath. */
    static ModelBundle loadDefault() {
        try {
            return read(
                    name -> {
                        InputStream in =
                                ModelBundle.class.getResourceAsStream(
                                        ModelBundle.DEFAULT_RESOURCE + name);
                        if (in == null) {
                            throw new IOException(
                                    "classpath resource "
                                            + ModelBundle.DEFAULT_RESOURCE
                                            + name
                                            + " missing");
                        }
                        return in;
                    },
                    "classpath:" + ModelBundle.DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("the default model does not load", e);
        }
    }

    private interface Opener {
        InputStream open(String name) throws IOException;
    }

    @SuppressWarnings("unchecked")
    private static ModelBundle read(Opener opener, String where) throws IOException {
        ModelManifest manifest;
        try (InputStream in = opener.open(ModelBundle.MANIFEST)) {
            manifest = ModelBundle.JSON.readValue(in, ModelManifest.class);
        }
        if (manifest.format() < ModelManifest.OLDEST_FORMAT
                || manifest.format() > ModelManifest.FORMAT) {
            throw new IOException(
                    where
                            + ": model format "
                            + manifest.format()
                            + " is not supported; this build reads format "
                            + ModelManifest.FORMAT
                            + (manifest.format() < ModelManifest.OLDEST_FORMAT
                                    ? " (older bundles read features it no longer extracts):"
                                            + " retrain with `autonoc model train`"
                                    : ""));
        }
        Calibration calibration = calibrationOf(manifest.calibration(), where);
        Map<Family, FamilyModel> families = new EnumMap<>(Family.class);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (ModelManifest.FamilyEntry fe : manifest.families()) {
            Family family = Family.valueOf(fe.family());
            Model<Label> failure = (Model<Label>) model(opener, fe.failureModel(), files);
            Model<Label> mode =
                    fe.modeModel() == null
                            ? null
                            : (Model<Label>) model(opener, fe.modeModel(), files);
            Map<FailureMode, Model<Regressor>> ttf = new EnumMap<>(FailureMode.class);
            Map<FailureMode, TtfInterval> intervals = new EnumMap<>(FailureMode.class);
            for (Map.Entry<String, String> t : new TreeMap<>(fe.ttfModels()).entrySet()) {
                ttf.put(
                        FailureMode.valueOf(t.getKey()),
                        (Model<Regressor>) model(opener, t.getValue(), files));
            }
            if (fe.ttfIntervals() != null) {
                fe.ttfIntervals()
                        .forEach(
                                (m, v) ->
                                        intervals.put(
                                                FailureMode.valueOf(m), TtfInterval.fromJson(v)));
            }
            FailureMode fixed = fe.fixedMode() == null ? null : FailureMode.valueOf(fe.fixedMode());
            families.put(
                    family,
                    new FamilyModel(
                            family,
                            fe.features(),
                            fe.means(),
                            fe.stds(),
                            failure,
                            mode,
                            fixed,
                            ttf,
                            intervals));
        }
        ModelBundle bundle =
                new ModelBundle(
                        families,
                        Duration.ofHours(manifest.horizonHours()),
                        manifest.threshold(),
                        Duration.ofMinutes(manifest.persistenceMinutes()),
                        manifest.modelType(),
                        manifest.training() == null ? Map.of() : manifest.training(),
                        manifest.evaluation() == null ? Map.of() : manifest.evaluation(),
                        calibration,
                        manifest.calibration() == null ? Map.of() : manifest.calibration(),
                        files);
        if (!bundle.version().equals(manifest.version())) {
            throw new IOException(
                    where
                            + ": the files do not match the version in "
                            + ModelBundle.MANIFEST
                            + " ("
                            + manifest.version()
                            + " recorded, "
                            + bundle.version()
                            + " computed); the bundle was altered after it was saved");
        }
        return bundle;
    }

    private static Calibration calibrationOf(Map<String, Object> record, String where)
            throws IOException {
        if (record == null || record.isEmpty()) {
            return null;
        }
        Object method = record.get("method");
        if (!"platt".equals(method)) {
            throw new IOException(
                    where
                            + ": calibration method "
                            + method
                            + " is not supported; a bundle stores \"platt\" (slope, intercept)");
        }
        if (!(record.get("slope") instanceof Number slope)
                || !(record.get("intercept") instanceof Number intercept)) {
            throw new IOException(
                    where + ": a Platt calibration needs numbers \"slope\" and \"intercept\"");
        }
        long rows = record.get("fitted_rows") instanceof Number n ? n.longValue() : 0L;
        try {
            return Calibration.platt(slope.doubleValue(), intercept.doubleValue(), rows);
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": " + e.getMessage(), e);
        }
    }

    private static Model<?> model(Opener opener, String name, Map<String, byte[]> files)
            throws IOException {
        byte[] data;
        try (InputStream in = opener.open(name)) {
            data = in.readAllBytes();
        }
        files.put(name, data);
        return Model.deserializeFromStream(new ByteArrayInputStream(data));
    }
}
