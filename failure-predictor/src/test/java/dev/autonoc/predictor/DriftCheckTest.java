package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DriftCheckTest {

    static TrainingSet reference;
    static TrainingSet sameWorld;

    @BeforeAll
    static void sets() {
        TrainingSet heldOut = SyntheticModels.heldOut();
        List<Long> runs = heldOut.runs();
        // a handful of synthetic runs differ in their absolute levels (memory) more than the
        // twin's many do: the reference holds all of them, the live rows half of them
        reference = heldOut;
        sameWorld = heldOut.runs(r -> r >= runs.get(2));
    }

    static int column(Family family, String feature) {
        return ModelFeatures.columns(family, List.of(feature))[0];
    }

    static void feed(DriftCheck check, TrainingSet rows, String feature, double offset) {
        for (TrainingSet.Row r : rows.rows()) {
            double[] f = Scorer.toDouble(r.features());
            if (feature != null && r.family() == Family.NODE) {
                f[column(Family.NODE, feature)] += offset;
            }
            check.observe(r.family(), f);
        }
    }

    @Test
    void rows_drawn_from_the_reference_fit_it() {
        DriftCheck check = DriftCheck.reference(reference);
        feed(check, sameWorld, null, 0);
        DriftCheck.Report report = check.report();
        assertThat(report.fits()).as(report.summary()).isTrue();
        assertThat(report.worst()).isNotEmpty();
        assertThat(report.worst().get(0).psi()).isLessThan(DriftCheck.SHIFT);
        assertThat(report.summary()).contains("still look like the training data");
    }

    @Test
    void a_recalibrated_temperature_sensor_is_named_as_the_drift() {
        // every node now reads 3 °C hotter than its region's peers would explain
        DriftCheck check = DriftCheck.reference(reference);
        feed(check, sameWorld, "temperature_c.peer_dev_24h", 3.0);
        DriftCheck.Report report = check.report();
        assertThat(report.fits()).isFalse();
        assertThat(report.worst().get(0).feature()).isEqualTo("temperature_c.peer_dev_24h");
        assertThat(report.worst().get(0).family()).isEqualTo(Family.NODE);
        assertThat(report.summary())
                .contains("no longer fits", "temperature_c.peer_dev_24h", "retrain");
        assertThat(report.json()).containsEntry("fits", false);
    }

    @Test
    void says_nothing_before_it_has_seen_enough_rows_and_starts_afresh_when_cleared() {
        DriftCheck check = DriftCheck.reference(reference);
        List<TrainingSet.Row> few = sameWorld.rows().subList(0, 10);
        for (TrainingSet.Row r : few) {
            check.observe(r.family(), Scorer.toDouble(r.features()));
        }
        assertThat(check.report().worst()).isEmpty();
        assertThat(check.report().summary()).contains("too few live rows");
        feed(check, sameWorld, "temperature_c.peer_dev_24h", 3.0);
        assertThat(check.report().fits()).isFalse();
        check.clear();
        feed(check, sameWorld, null, 0);
        assertThat(check.report().fits()).isTrue();
    }
}
