package dev.autonoc.predictor;

import java.util.List;
import java.util.Map;

/**
 * {@code model.json}: what a saved bundle holds and where it came from. The Tribuo models carry
 * their own provenance (trainer, its settings and seed, the data's description, the platform); this
 * file adds what sits around them: feature scaling, the operating threshold, the training runs and
 * the evaluation figures.
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
        Map<String, Object> evaluation) {

    static final int FORMAT = 1;

    /**
     * One family's files and scaling.
     *
     * @param modeModel file of the mode classifier, or null when {@code fixedMode} is set
     * @param ttfModels file of the time-to-failure regressor of each mode
     * @param ttfLogShifts the early shift of each mode's estimate, in log hours
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
            Map<String, Double> ttfLogShifts) {}
}
