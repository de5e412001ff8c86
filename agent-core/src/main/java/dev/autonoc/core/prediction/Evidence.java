package dev.autonoc.core.prediction;

import java.util.Objects;

/**
 * One feature that drove a prediction.
 *
 * @param feature the feature's name ({@code fan_rpm.dev_own_baseline_24h})
 * @param value the feature's value
 * @param contribution its signed contribution to the failure score
 * @param explanation the same in words a NOC operator reads
 */
public record Evidence(String feature, double value, double contribution, String explanation) {

    public Evidence {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(explanation, "explanation");
    }
}
