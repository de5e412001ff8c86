package dev.autonoc.evals.report;

/**
 * What the predictor's data quality did to one run (docs/data-quality.md): how often it would not
 * judge, and which faults bad data cost. Counted live from the run's predictor, not from the trail.
 *
 * @param abstentions times an element became an abstention (not alarmed, its data not fresh),
 *     checked hourly: a spell of several hours counts once
 * @param abstainedElementHours the element-hours the predictor abstained on, checked hourly
 * @param faultsMissedInGap faults that failed with no alarm from their onset to their failure,
 *     whose element's data were gappy at some point in the {@code 48 h} before it failed: missed
 *     because the data were missing, not because the predictor misread them
 */
public record DataQualityCounts(
        int abstentions, long abstainedElementHours, int faultsMissedInGap) {

    /** Nothing counted: a baseline that does not judge its data, or a run with no loop. */
    public static final DataQualityCounts NONE = new DataQualityCounts(0, 0, 0);

    public DataQualityCounts {
        if (abstentions < 0 || abstainedElementHours < abstentions || faultsMissedInGap < 0) {
            throw new IllegalArgumentException(
                    "data-quality counts must be 0 or more, with at least an element-hour per"
                            + " abstention; got "
                            + abstentions
                            + ", "
                            + abstainedElementHours
                            + ", "
                            + faultsMissedInGap);
        }
    }
}
