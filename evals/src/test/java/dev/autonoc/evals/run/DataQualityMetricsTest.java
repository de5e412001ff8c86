package dev.autonoc.evals.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.DataQuality;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.evals.TestPaths;
import dev.autonoc.evals.report.DataQualityCounts;
import dev.autonoc.evals.report.EvalReport;
import dev.autonoc.evals.report.ReportWriter;
import dev.autonoc.evals.report.RunMetrics;
import dev.autonoc.evals.report.RunReport;
import dev.autonoc.evals.scenario.Scenario;
import dev.autonoc.evals.scenario.ScenarioLoader;
import dev.autonoc.simulators.FaultTruth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The eval's data-quality metrics: abstentions, and faults missed because of a gap. First the
 * counting against a scripted predictor (a port), then whole runs of the twin with the playbook.
 */
class DataQualityMetricsTest {

    private static final Instant T0 = Instant.parse("2025-01-06T00:00:00Z");
    private static final ElementId WORN = ElementId.of("core-rtr-02");
    private static final ElementId OTHER = ElementId.of("agg-rtr-01");

    /** A predictor whose alarms, gaps and abstentions the test sets tick by tick. */
    private static final class Scripted implements FailurePredictor {
        final Set<ElementId> alarmed = new HashSet<>();
        final Set<ElementId> gappy = new HashSet<>();
        final Set<ElementId> abstaining = new HashSet<>();

        @Override
        public String modelVersion() {
            return "scripted";
        }

        @Override
        public void observe(TelemetrySample sample) {}

        @Override
        public List<Prediction> atRisk(Instant now) {
            List<Prediction> out = new ArrayList<>();
            for (ElementId e : alarmed) {
                out.add(
                        new Prediction(
                                e,
                                now,
                                0.9,
                                FailureMode.FAN_WEAR,
                                Duration.ofHours(30),
                                List.of(),
                                "scripted"));
            }
            return out;
        }

        @Override
        public Optional<DataQuality> dataQuality(ElementId element, Instant now) {
            return Optional.of(
                    gappy.contains(element)
                            ? new DataQuality(
                                    element, DataQuality.State.GAPPY, Optional.of(T0), "silent")
                            : DataQuality.fresh(element, now));
        }

        @Override
        public List<DataQuality> abstentions(Instant now) {
            return abstaining.stream()
                    .sorted()
                    .map(e -> new DataQuality(e, DataQuality.State.GAPPY, Optional.of(T0), "x"))
                    .toList();
        }
    }

    private static FaultTruth fault(Instant onset, Optional<Instant> failedAt) {
        return new FaultTruth(
                WORN,
                FailureMode.FAN_WEAR,
                onset,
                failedAt.orElse(onset.plus(Duration.ofDays(3))),
                failedAt,
                Optional.empty());
    }

    private static Instant hour(int h) {
        return T0.plus(Duration.ofHours(h));
    }

    /** Asks the watch every 5 minutes from {@code from} to {@code to} (hours). */
    private static void ask(DataQualityWatch watch, int from, int to) {
        for (Instant t = hour(from); t.isBefore(hour(to)); t = t.plus(Duration.ofMinutes(5))) {
            watch.atRisk(t);
        }
    }

    @Test
    void a_fault_that_failed_unwarned_with_a_gap_before_its_failure_was_missed_in_a_gap() {
        FaultTruth f = fault(hour(10), Optional.of(hour(60)));
        Scripted p = new Scripted();
        DataQualityWatch watch = new DataQualityWatch(p, List.of(f));
        ask(watch, 0, 30);
        p.gappy.add(WORN); // silent from hour 30 to the failure, inside the 48 h before it
        ask(watch, 30, 60);
        assertThat(watch.counts(List.of(f)).faultsMissedInGap()).isEqualTo(1);
    }

    @Test
    void a_warned_fault_or_one_whose_gap_was_long_before_its_failure_was_not_missed_in_a_gap() {
        FaultTruth f = fault(hour(10), Optional.of(hour(100)));
        Scripted p = new Scripted();
        DataQualityWatch gapEarly = new DataQualityWatch(p, List.of(f));
        p.gappy.add(WORN);
        ask(gapEarly, 0, 20); // the gap ends 80 h before the failure
        p.gappy.clear();
        ask(gapEarly, 20, 100);
        assertThat(gapEarly.counts(List.of(f)).faultsMissedInGap()).isZero();

        Scripted q = new Scripted();
        DataQualityWatch warned = new DataQualityWatch(q, List.of(f));
        q.alarmed.add(WORN);
        ask(warned, 12, 13); // one alarm after the onset
        q.alarmed.clear();
        q.gappy.add(WORN);
        ask(warned, 13, 100);
        assertThat(warned.counts(List.of(f)).faultsMissedInGap()).isZero();

        FaultTruth mended = fault(hour(10), Optional.empty());
        assertThat(warned.counts(List.of(mended)).faultsMissedInGap()).isZero();
    }

    @Test
    void an_alarm_before_the_onset_does_not_count_as_a_warning() {
        FaultTruth f = fault(hour(10), Optional.of(hour(40)));
        Scripted p = new Scripted();
        DataQualityWatch watch = new DataQualityWatch(p, List.of(f));
        p.alarmed.add(WORN);
        ask(watch, 0, 5);
        p.alarmed.clear();
        p.gappy.add(WORN);
        ask(watch, 5, 40);
        assertThat(watch.counts(List.of(f)).faultsMissedInGap()).isEqualTo(1);
    }

    @Test
    void abstentions_count_each_spell_once_and_every_hour_of_it() {
        Scripted p = new Scripted();
        DataQualityWatch watch = new DataQualityWatch(p, List.of());
        p.abstaining.add(OTHER);
        ask(watch, 0, 3); // three hourly checks, one spell
        p.abstaining.clear();
        ask(watch, 3, 4);
        p.abstaining.add(OTHER);
        p.abstaining.add(WORN);
        ask(watch, 4, 6); // a second spell of OTHER, and WORN's first
        DataQualityCounts counts = watch.counts(List.of());
        assertThat(counts.abstentions()).isEqualTo(3);
        assertThat(counts.abstainedElementHours()).isEqualTo(3 + 2 * 2);
    }

    private static RunReport runOne(Scenario scenario) {
        EvalReport report =
                new EvalRunner(
                                new EvalRunner.Options(
                                        List.of(PlannerName.PLAYBOOK),
                                        1,
                                        1,
                                        false,
                                        Optional.empty()))
                        .run(List.of(scenario));
        return report.runs().get(0);
    }

    @Test
    void the_playbook_confirms_a_stuck_link_from_its_neighbours_view_before_it_acts()
            throws Exception {
        RunReport run =
                runOne(
                        ScenarioLoader.load(
                                TestPaths.ownScenarios()
                                        .resolve("bad-data-stuck-link-neighbour-sees.yaml")));
        assertThat(run.passed()).as("%s", run.violations()).isTrue();
        assertThat(run.metrics().orElseThrow().conduct().callsByTool())
                .containsKey("get_neighbour_view")
                .containsKey("order_part");
        assertThat(run.metrics().orElseThrow().conduct().actsOnUntrustedData()).isZero();
    }

    @Test
    void a_regional_gap_shows_as_abstentions_in_the_runs_metrics_and_report(@TempDir Path out)
            throws Exception {
        Scenario gap =
                ScenarioLoader.load(TestPaths.ownScenarios().resolve("bad-data-gap-fan-wear.yaml"));
        EvalReport report =
                new EvalRunner(
                                new EvalRunner.Options(
                                        List.of(PlannerName.PLAYBOOK),
                                        1,
                                        1,
                                        false,
                                        Optional.empty()))
                        .run(List.of(gap));
        RunMetrics m = report.runs().get(0).metrics().orElseThrow();
        // the south's collector is silent for 6 h: its elements abstain for most of those hours
        assertThat(m.dataQuality().abstentions()).isGreaterThanOrEqualTo(5);
        assertThat(m.dataQuality().abstainedElementHours())
                .isGreaterThanOrEqualTo(5L * m.dataQuality().abstentions());
        assertThat(m.dataQuality().faultsMissedInGap()).isZero();
        ReportWriter.write(report, out);
        assertThat(Files.readString(out.resolve(ReportWriter.JSON_FILE)))
                .contains(
                        "\"abstentions\" : " + m.dataQuality().abstentions(),
                        "\"faults_missed_in_gap\" : 0");
        assertThat(Files.readString(out.resolve(ReportWriter.MARKDOWN_FILE)))
                .contains("## Data quality", "| bad-data-gap-fan-wear | playbook | 101 | 0 | 0 | ");
    }

    @Test
    void a_fault_whose_element_is_silent_until_it_fails_is_missed_in_a_gap(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("silent-until-it-fails.yaml");
        Files.writeString(
                file,
                """
                id: silent-until-it-fails
                description: A fan wears out in a day while its router sends nothing.
                seed: 7
                duration: P3D
                network:
                  preset: metro
                faults:
                  - element: core-rtr-02
                    mode: FAN_WEAR
                    onset: P1D
                    time_to_failure: P1D
                disturbances:
                  - kind: TELEMETRY_GAP
                    element: core-rtr-02
                    window: [PT20H, P3D]
                expect:
                  max_failures: 1
                """);
        RunReport run = runOne(ScenarioLoader.load(file));
        RunMetrics m = run.metrics().orElseThrow();
        assertThat(m.failures()).isEqualTo(1);
        assertThat(m.dataQuality().faultsMissedInGap()).isEqualTo(1);
        assertThat(m.dataQuality().abstentions()).isPositive();
    }
}
