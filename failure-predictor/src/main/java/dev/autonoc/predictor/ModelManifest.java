package dev.autonoc.predictor;

import java.util.List;
import java.util.Map;

/**
 * {@code model.json}: what a saved bundle holds and where it came from. The Tribuo models carry
 * their own provenance (trainer, its settings and seed, the data's description, the platform); this
 * file adds what sits around them: feature scaling, the operating threshold, the training runs and
 * the evaluation figures, and the calibration that maps the failure model's score to a probability
 * that means what it says (Platt: {@code method}, {@code slope}, {@code intercept}, {@code
 * fitted_rows}, and where it was fitted).
 */
record ModelManifest(
        int format,
        String version,
        String modelType,
        long horizonHours,
        double threshold,
        long persistenceMinutes,
        List<FamilyEntry> families,
        Map<String, Object> training,
        Map<String, Object> evaluation,
        Map<String, Object> calibration) {

    /**
     * 2 added {@code calibration}; 3 replaced each mode's early shift of the time to failure with
     * its calibrated interval ({@code ttfIntervals}), and came with features older bundles do not
     * read (the jitter, the load from the element's own CPU, the topology): formats 1 and 2 are
     * refused with a word to retrain.
     */
    static final int FORMAT = 3;

    static final int OLDEST_FORMAT = 3;

    /**
     * One family's files and scaling.
     *
     * @param modeModel file of the mode classifier, or null when {@code fixedMode} is set
     * @param ttfModels file of the time-to-failure regressor of each mode
     * @param ttfLogShifts formats 1 and 2 only (read so that their format can be refused clearly)
     * @param ttfIntervals format 3: each mode's residual percentiles by bin ({@link TtfInterval})
     */
    record FamilyEntry(
            String family,
            List<String> features,
            double[] means,
            double[] stds,
            String failureModel,
            String modeModel,
            String fixedMode,
            Map<String, String> ttfModels,
            Map<String, Double> ttfLogShifts,
            Map<String, Map<String, Object>> ttfIntervals) {}
}
