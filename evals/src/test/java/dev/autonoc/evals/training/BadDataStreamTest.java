package dev.autonoc.evals.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.predictor.LatentOracle;
import dev.autonoc.predictor.ModelBundle;
import dev.autonoc.simulators.Disturbance;
import dev.autonoc.simulators.ElementSelector;
import dev.autonoc.simulators.FaultSpec;
import dev.autonoc.simulators.TwinSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-data variants of {@code model evaluate}: what each lays over a held-out run, and the
 * default model live on a short metro run clean, gappy and stuck, with the table they make.
 */
class BadDataStreamTest {

    /** Three days of a metro run: long enough for a gap, a stuck sensor and some alarms. */
    static final TrainingDataGenerator.Settings SHORT =
            new TrainingDataGenerator.Settings(
                    Duration.ofDays(3),
                    Duration.ofHours(48),
                    0,
                    6,
                    12,
                    Duration.ofDays(2),
                    Duration.ofDays(4),
                    0.0,
                    0.6,
                    Duration.ofHours(1));

    static final List<Long> SEEDS = List.of(ModelTraining.FIRST_TEST_SEED + 1);

    static ModelBundle bundle;
    static ModelTraining.Comparison clean;
    static BadDataStream.Row gap;
    static BadDataStream.Row stuck;

    @BeforeAll
    static void run() {
        bundle = ModelBundle.loadDefault();
        LatentOracle oracle = ModelTraining.fitOracle(ModelTraining.trainingSeeds(1), SHORT);
        clean = ModelTraining.compareWithOracle(bundle, oracle, SEEDS, SHORT);
        gap = BadDataStream.TELEMETRY_GAP.evaluate(bundle, SEEDS, SHORT);
        stuck = BadDataStream.STUCK_SENSOR.evaluate(bundle, SEEDS, SHORT);
    }

    private static TwinSpec spec(long seed) {
        return new TrainingDataGenerator(SHORT).spec(seed);
    }

    @Test
    void each_kind_is_drawn_from_the_seed_alone_and_keeps_the_runs_own_disturbances() {
        TwinSpec base = spec(SEEDS.get(0));
        for (BadDataStream kind : BadDataStream.values()) {
            TwinSpec once = kind.applyTo(base, SHORT.duration());
            assertThat(kind.applyTo(base, SHORT.duration())).as(kind.name()).isEqualTo(once);
            assertThat(once.disturbances().subList(0, base.disturbances().size()))
                    .as(kind.name())
                    .isEqualTo(base.disturbances());
            assertThat(once.disturbances().size())
                    .as(kind.name())
                    .isGreaterThan(base.disturbances().size());
            assertThat(once.faults()).isEqualTo(base.faults());
            assertThat(
                            once.disturbances()
                                    .subList(
                                            base.disturbances().size(), once.disturbances().size()))
                    .as(kind.name())
                    .allMatch(d -> d instanceof Disturbance.BadData);
        }
        TwinSpec other = spec(SEEDS.get(0) + 1);
        assertThat(BadDataStream.STUCK_SENSOR.applyTo(other, SHORT.duration()).disturbances())
                .isNotEqualTo(
                        BadDataStream.STUCK_SENSOR.applyTo(base, SHORT.duration()).disturbances());
    }

    @Test
    void a_stuck_sensor_hides_each_faults_evidence_inside_its_degradation() {
        TwinSpec base = spec(SEEDS.get(0));
        List<Disturbance> added =
                BadDataStream.STUCK_SENSOR.applyTo(base, SHORT.duration()).disturbances();
        for (FaultSpec f : base.faults()) {
            ElementId id = ((ElementSelector.ById) f.target()).id();
            Duration end = f.onset().plus(f.timeToFailure());
            if (end.compareTo(SHORT.duration()) > 0) {
                end = SHORT.duration();
            }
            if (end.minus(f.onset()).compareTo(Duration.ofHours(12)) < 0) {
                continue;
            }
            Duration degradationEnd = end;
            assertThat(added)
                    .as("a stuck %s on %s", BadDataStream.evidence(f.mode()), id)
                    .anySatisfy(
                            d -> {
                                assertThat(d).isInstanceOf(Disturbance.StuckSensor.class);
                                Disturbance.StuckSensor s = (Disturbance.StuckSensor) d;
                                assertThat(s.element()).isEqualTo(id.value());
                                assertThat(s.metric()).isEqualTo(BadDataStream.evidence(f.mode()));
                                assertThat(s.from()).isGreaterThanOrEqualTo(f.onset());
                                assertThat(s.to()).isLessThanOrEqualTo(degradationEnd);
                            });
        }
    }

    @Test
    void the_collector_kinds_strike_every_region() {
        TwinSpec base = spec(SEEDS.get(0));
        List<String> regions = new ArrayList<>();
        for (Disturbance d :
                BadDataStream.TELEMETRY_GAP.applyTo(base, SHORT.duration()).disturbances()) {
            if (d instanceof Disturbance.TelemetryGap g) {
                g.scope().region().ifPresent(regions::add);
                assertThat(g.to().minus(g.from())).isEqualTo(Duration.ofHours(6));
                assertThat(g.to()).isLessThanOrEqualTo(SHORT.duration());
            }
        }
        assertThat(regions).containsExactlyInAnyOrder("north", "south", "east", "west");
    }

    @Test
    void a_gap_and_a_stuck_sensor_make_the_predictor_abstain_where_clean_streams_do_not() {
        Abstentions none = clean.abstentions();
        assertThat(none.elementHours()).isPositive();
        assertThat(gap.abstentions().elementHours()).isEqualTo(none.elementHours());
        // four regions silent for 6 h each: at least the hours after the first 15 min of each
        assertThat(gap.abstentions().abstained()).isGreaterThan(none.abstained() + 100);
        // 12 h on each stuck element, abstaining once 6 samples repeat (unless already alarmed)
        assertThat(stuck.abstentions().abstained()).isGreaterThan(none.abstained() + 20);
        assertThat(gap.figures().faults()).isEqualTo(clean.model().faults());
        assertThat(stuck.figures().faults()).isEqualTo(clean.model().faults());
    }

    @Test
    void the_report_puts_the_bad_data_table_in_json_markdown_and_html(@TempDir Path dir)
            throws IOException {
        BadDataTable table = new BadDataTable(List.of(BadDataStream.clean(clean), gap, stuck));
        ModelReport report =
                new ModelReport(
                        bundle,
                        clean,
                        ModelTraining.trainingSeeds(1),
                        Optional.empty(),
                        Optional.of(table));
        report.write(dir);
        String md = Files.readString(dir.resolve("model-report.md"));
        assertThat(md)
                .contains(
                        "## On streams with bad data",
                        "| streams | AUC | false alarms / 10,000 healthy element-days |",
                        "| clean | ",
                        "| TELEMETRY_GAP | ",
                        "| STUCK_SENSOR | ",
                        "no variant for INVENTORY_DRIFT");
        assertThat(md)
                .contains(
                        "| "
                                + gap.abstentions().abstained()
                                + " | "
                                + gap.abstainedPercent()
                                + " | "
                                + gap.figures().faultsWarned()
                                + "/"
                                + gap.figures().faults()
                                + " |");
        @SuppressWarnings("unchecked")
        Map<String, Object> bad = (Map<String, Object>) report.json().get("bad_data");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) bad.get("rows");
        assertThat(rows)
                .extracting(r -> r.get("variant"))
                .containsExactly("clean", "TELEMETRY_GAP", "STUCK_SENSOR");
        assertThat(rows.get(1))
                .containsEntry("abstained_element_hours", gap.abstentions().abstained())
                .containsKeys("auc", "false_alarms_per_10k_healthy_element_days", "faults_warned");
        assertThat(Files.readString(dir.resolve("model-report.html")))
                .contains("On streams with bad data", "<td><span title=\"");
        assertThat(report.text()).contains("on streams with bad data", "TELEMETRY_GAP");
    }
}
