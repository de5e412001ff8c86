package dev.autonoc.simulators;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.tools.oss.AppointmentRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A twin's clock starts at its spec's start instant: every offset in the spec counts from it, and
 * the week (the traffic's daily cycle, the engineers' shifts) follows the calendar.
 */
class TwinStartTest {

    private static final Instant WEDNESDAY_AFTERNOON = Instant.parse("2025-01-08T14:30:00Z");

    private static TwinSpec faulty() {
        return Specs.metro(5)
                .fault("core-rtr-02", FailureMode.FAN_WEAR, ofDays(1), ofDays(2))
                .fault("agg-rtr-03", FailureMode.MEMORY_LEAK, ofHours(6), ofDays(1))
                .spec();
    }

    /** What a run emits, each instant as an offset from the twin's start. */
    private record Run(List<String> stream, RunOutcome outcome) {}

    private static Run run(TwinSpec spec, Duration length) {
        OperatorTwin twin = OperatorTwin.create(spec);
        Instant start = spec.start();
        List<String> stream = new ArrayList<>();
        TwinListener listener =
                new TwinListener() {
                    @Override
                    public void onTelemetry(TelemetrySample s) {
                        stream.add(
                                s.element()
                                        + " +"
                                        + Duration.between(start, s.at())
                                        + " "
                                        + java.util.Arrays.toString(s.values()));
                    }

                    @Override
                    public void onAlarm(Alarm a) {
                        stream.add(
                                a.element()
                                        + " +"
                                        + Duration.between(start, a.at())
                                        + " "
                                        + a.kind()
                                        + " "
                                        + a.probableCause());
                    }
                };
        twin.advanceTo(start.plus(length), listener);
        assertThat(twin.now()).isEqualTo(start.plus(length));
        return new Run(stream, twin.outcome());
    }

    @Test
    void a_twin_started_a_week_later_runs_the_same_run_a_week_later() {
        TwinSpec atEpoch = faulty();
        TwinSpec weekLater = atEpoch.startingAt(OperatorTwin.EPOCH.plus(ofDays(7)));
        assertThat(atEpoch.start()).isEqualTo(OperatorTwin.EPOCH);

        Run first = run(atEpoch, ofDays(4));
        Run second = run(weekLater, ofDays(4));

        assertThat(first.stream()).hasSizeGreaterThan(1000);
        assertThat(second.stream()).containsExactlyElementsOf(first.stream());
        assertThat(second.outcome().failures())
                .extracting(f -> Duration.between(weekLater.start(), f.at()))
                .containsExactlyElementsOf(
                        first.outcome().failures().stream()
                                .map(f -> Duration.between(OperatorTwin.EPOCH, f.at()))
                                .toList());
        assertThat(first.outcome().failures()).isNotEmpty();
        assertThat(second.outcome().customerImpactMinutes())
                .isEqualTo(first.outcome().customerImpactMinutes());
        assertThat(second.outcome().impactByCause()).isEqualTo(first.outcome().impactByCause());
        assertThat(OperatorTwin.create(weekLater).truth().start()).isEqualTo(weekLater.start());
    }

    @Test
    void a_twin_started_on_a_wednesday_afternoon_counts_its_faults_from_then() {
        TwinSpec wednesday = faulty().startingAt(WEDNESDAY_AFTERNOON);
        Run monday = run(faulty(), ofDays(4));
        Run shifted = run(wednesday, ofDays(4));

        assertThat(shifted.outcome().failures())
                .extracting(f -> Duration.between(WEDNESDAY_AFTERNOON, f.at()))
                .containsExactlyElementsOf(
                        monday.outcome().failures().stream()
                                .map(f -> Duration.between(OperatorTwin.EPOCH, f.at()))
                                .toList());
        assertThat(OperatorTwin.create(wednesday).now()).isEqualTo(WEDNESDAY_AFTERNOON);
    }

    @Test
    void a_twin_started_on_a_wednesday_afternoon_carries_wednesday_afternoons_traffic() {
        // the first tick: Monday 00:05 (a quiet night, 0.45 of the peak) against Wednesday
        // 14:35 (0.76 of it), on the same element with the same seed
        double night = firstTraffic(Specs.metro(5).spec());
        double afternoon = firstTraffic(Specs.metro(5).spec().startingAt(WEDNESDAY_AFTERNOON));
        assertThat(afternoon / night).isBetween(1.4, 2.0);
    }

    private static double firstTraffic(TwinSpec spec) {
        OperatorTwin twin = OperatorTwin.create(spec);
        List<Double> traffic = new ArrayList<>();
        twin.advanceTo(
                spec.start().plus(spec.tick()),
                new TwinListener() {
                    @Override
                    public void onTelemetry(TelemetrySample s) {
                        if (s.element().value().equals("core-rtr-01")) {
                            traffic.add(s.values()[Metric.TRAFFIC_GBPS.ordinal()]);
                        }
                    }

                    @Override
                    public void onAlarm(Alarm a) {}
                });
        assertThat(traffic).hasSize(1);
        return traffic.get(0);
    }

    @Test
    void the_engineers_shifts_follow_the_calendar_not_the_start() {
        // 19 h 30 after the start: Monday 19:30 (after the shift) for a twin started on the
        // epoch, Thursday 10:00 (in it) for one started on Wednesday 14:30
        Duration later = ofHours(19).plusMinutes(30);
        var monday = book(Specs.metro(1).spec(), later);
        var thursday = book(Specs.metro(1).spec().startingAt(WEDNESDAY_AFTERNOON), later);

        assertThat(monday.inShift()).isFalse();
        assertThat(monday.cost().value()).isEqualTo(600.0);
        assertThat(thursday.inShift()).isTrue();
        assertThat(thursday.cost().value()).isEqualTo(300.0);
    }

    private static dev.autonoc.tools.oss.BookedAppointment book(TwinSpec spec, Duration after) {
        OperatorTwin twin = OperatorTwin.create(spec);
        return twin.ossBss()
                .appointment()
                .book(
                        new AppointmentRequest(
                                "eng-north-1",
                                "agg-rtr-01",
                                "site-01",
                                spec.start().plus(after),
                                "replace",
                                Optional.empty()),
                        "k1");
    }
}
