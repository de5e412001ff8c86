package dev.autonoc.evals.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.evals.scenario.ScenarioException.Problem;
import dev.autonoc.simulators.Disturbance;
import dev.autonoc.simulators.Disturbance.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The bad-data kinds of {@code disturbances} (issue 18): each read into the twin's spec, and every
 * bad value refused with its key path and what is accepted.
 */
class BadDataScenarioTest {

    private static final String BASE =
            """
            id: bad-data
            description: data that lies
            duration: P4D
            network:
              preset: metro
            faults: []
            expect: {}
            disturbances:
            """;

    @Test
    void reads_every_bad_data_kind_into_the_twins_spec() throws IOException {
        Scenario s =
                load(
                        BASE
                                + """
                                  - {kind: TELEMETRY_GAP, region: north, window: [P1D, P2D]}
                                  - {kind: STUCK_SENSOR, element: core-rtr-02, metric: fan_rpm, window: [PT6H, P1D]}
                                  - {kind: SPIKES, element: agg-rtr-03, rate: 0.05, window: [P0D, P4D]}
                                  - {kind: LATE_SAMPLES, region: east, rate: 0.2, max_delay: PT30M, window: [P1D, P3D]}
                                  - {kind: CLOCK_SKEW, element: cell-02-1, drift: PT2M, window: [P1D, P2D]}
                                  - {kind: INVENTORY_DRIFT, element: agg-rtr-02, says: missing, from: P1D}
                                  - {kind: INVENTORY_DRIFT, element: agg-rtr-04, says: down}
                                  - {kind: STALE_STOCK, lag: PT12H}
                                """);

        assertThat(s.twinSpec(1).disturbances())
                .containsExactly(
                        new Disturbance.TelemetryGap(
                                Scope.region("north"), Duration.ofDays(1), Duration.ofDays(2)),
                        new Disturbance.StuckSensor(
                                "core-rtr-02",
                                Metric.FAN_RPM,
                                Duration.ofHours(6),
                                Duration.ofDays(1)),
                        new Disturbance.Spikes(
                                Scope.element("agg-rtr-03"),
                                0.05,
                                Duration.ZERO,
                                Duration.ofDays(4)),
                        new Disturbance.LateSamples(
                                Scope.region("east"),
                                0.2,
                                Duration.ofMinutes(30),
                                Duration.ofDays(1),
                                Duration.ofDays(3)),
                        new Disturbance.ClockSkew(
                                "cell-02-1",
                                Duration.ofMinutes(2),
                                Duration.ofDays(1),
                                Duration.ofDays(2)),
                        new Disturbance.InventoryDrift(
                                "agg-rtr-02",
                                Disturbance.InventoryDrift.Says.MISSING,
                                Duration.ofDays(1)),
                        new Disturbance.InventoryDrift(
                                "agg-rtr-04", Disturbance.InventoryDrift.Says.DOWN, Duration.ZERO),
                        new Disturbance.StaleStock(Duration.ofHours(12)));
    }

    @Test
    void refuses_bad_values_naming_the_key_and_what_is_accepted() throws IOException {
        ScenarioException e =
                refuse(
                        BASE
                                + """
                                  - {kind: TELEMETRY_GAP, element: core-rtr-02, region: north, window: [P1D, P2D]}
                                  - {kind: STUCK_SENSOR, element: link-core-rtr-01-core-rtr-02, metric: fan_rpm, window: [P1D, P2D]}
                                  - {kind: SPIKES, element: rtr-99, rate: 0.1, window: [P1D, P2D]}
                                  - {kind: LATE_SAMPLES, region: north, rate: 0, max_delay: PT10M, window: [P1D, P2D]}
                                  - {kind: CLOCK_SKEW, element: cell-02-1, drift: PT0S, window: [P1D, P2D]}
                                  - {kind: INVENTORY_DRIFT, element: agg-rtr-02, says: retired}
                                  - {kind: STALE_STOCK, lag: PT12H, part: PSU}
                                  - {kind: TELEMETRY_GAPS, region: north, window: [P1D, P2D]}
                                """);

        assertThat(reason(e, "disturbances[0]")).contains("both element and region given");
        assertThat(reason(e, "disturbances[1].metric"))
                .contains("fan_rpm")
                .contains("optical_rx_dbm")
                .doesNotContain("temperature_c");
        assertThat(reason(e, "disturbances[2].element")).contains("no element 'rtr-99'");
        assertThat(reason(e, "disturbances[3].rate")).contains("above 0 and at most 1");
        assertThat(reason(e, "disturbances[4].drift")).contains("a duration > 0");
        assertThat(reason(e, "disturbances[5].says")).contains("missing").contains("down");
        assertThat(reason(e, "disturbances[6].part")).contains("STALE_STOCK");
        assertThat(reason(e, "disturbances[7].kind"))
                .contains("TELEMETRY_GAP")
                .contains("STALE_STOCK");
    }

    /** Any scope, rate and window the format accepts reads back as written. */
    @Property(tries = 40)
    void a_spikes_entry_reads_back_as_written(
            @ForAll("scopes") String scope,
            @ForAll @IntRange(min = 1, max = 100) int percent,
            @ForAll @IntRange(min = 0, max = 70) int fromHour,
            @ForAll @IntRange(min = 1, max = 24) int hours)
            throws IOException {
        String yaml =
                BASE
                        + "  - {kind: SPIKES, "
                        + scope
                        + ", rate: "
                        + percent / 100.0
                        + ", window: [PT"
                        + fromHour
                        + "H, PT"
                        + (fromHour + hours)
                        + "H]}\n";
        Disturbance.Spikes s = (Disturbance.Spikes) load(yaml).twinSpec(1).disturbances().get(0);

        assertThat(s.rate()).isEqualTo(percent / 100.0);
        assertThat(s.from()).isEqualTo(Duration.ofHours(fromHour));
        assertThat(s.to()).isEqualTo(Duration.ofHours(fromHour + hours));
        assertThat(scope).contains(s.scope().element().or(() -> s.scope().region()).orElseThrow());
    }

    @Provide
    Arbitrary<String> scopes() {
        return Arbitraries.of(
                List.of(
                        "region: north",
                        "region: west",
                        "element: core-rtr-01",
                        "element: cell-03-2",
                        "element: link-agg-rtr-01-core-rtr-01"));
    }

    private static String reason(ScenarioException e, String path) {
        return e.problems().stream()
                .filter(p -> p.path().equals(path))
                .map(Problem::reason)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no problem at " + path + ": " + e));
    }

    private static Scenario load(String yaml) throws IOException {
        Path dir = Files.createTempDirectory("bad-data");
        Path file = dir.resolve("ok.yaml");
        Files.writeString(file, yaml);
        try {
            return ScenarioLoader.load(file);
        } finally {
            Files.delete(file);
            Files.delete(dir);
        }
    }

    private static ScenarioException refuse(String yaml) throws IOException {
        Throwable thrown = catchThrowable(() -> load(yaml));
        assertThat(thrown).isInstanceOf(ScenarioException.class);
        return (ScenarioException) thrown;
    }
}
