package dev.autonoc.evals.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.prediction.DataQuality.State;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.simulators.Disturbance;
import dev.autonoc.simulators.ElementSelector;
import dev.autonoc.simulators.FaultSpec;
import dev.autonoc.simulators.FaultTruth;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.Preset;
import dev.autonoc.simulators.TwinSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default model on twin runs where a region's telemetry stops for hours and comes back
 * (docs/data-quality.md, "Settling"): the healthy elements it comes back to raise no alarm while
 * the windows the model reads still span the gap, and a real fault degrading through the gap is
 * still warned.
 */
class GapSettlingTest {

    @BeforeAll
    static void load() {
        // the runs go through DefaultModelOnScenariosTest's, on its copy of the default model
        DefaultModelOnScenariosTest.load();
    }

    /** What one run showed: first alarms, and the data quality of one element at some times. */
    record Run(
            OperatorTwin twin,
            Map<ElementId, Prediction> firstAlarms,
            Map<Instant, State> watched) {}

    static TwinSpec spec(
            Preset preset, long seed, List<FaultSpec> faults, List<Disturbance> disturbances) {
        return DefaultModelOnScenariosTest.spec(preset, seed, faults, disturbances);
    }

    static Disturbance regionalGap(String region, long fromHour, long hours) {
        return new Disturbance.TelemetryGap(
                Disturbance.Scope.region(region),
                Duration.ofHours(fromHour),
                Duration.ofHours(fromHour + hours));
    }

    /**
     * Runs the twin with the predictor asked at the end of every tick until {@code until}; the data
     * quality of {@code watch} is read at each of {@code at} (whole ticks).
     */
    static Run run(TwinSpec spec, Duration until, ElementId watch, List<Duration> at) {
        Map<Instant, State> watched = new TreeMap<>();
        List<Instant> times = at.stream().map(OperatorTwin.EPOCH::plus).toList();
        DefaultModelOnScenariosTest.Run run =
                DefaultModelOnScenariosTest.run(
                        spec,
                        until,
                        (predictor, now) -> {
                            if (watch != null && times.contains(now)) {
                                watched.put(
                                        now,
                                        predictor.dataQuality(watch, now).orElseThrow().state());
                            }
                        });
        return new Run(run.twin(), run.firstAlarms(), watched);
    }

    static ElementId firstIn(OperatorTwin twin, String region, ElementKind kind) {
        return twin.elements().stream()
                .filter(e -> e.region().equals(region) && e.kind() == kind)
                .map(Element::id)
                .findFirst()
                .orElseThrow();
    }

    /**
     * The case seen on a generated scenario: an 8 h gap over a regional network's east region; the
     * first sample back weighs the whole silence in the short windows, and a day later the 24 h
     * slopes read the snapshots taken just after it. Without settling, healthy east elements
     * alarmed about 2 h after the gap's end on jitter, spikes and 6 h slopes (raw scores up to
     * 0.94, probe seed 2,000,103) and again a day later on the PSU ripple's 24 h slope (0.99).
     */
    @Test
    void healthy_elements_back_from_an_eight_hour_regional_gap_raise_no_alarm() {
        long seed = 2_000_103L;
        TwinSpec spec = spec(Preset.REGIONAL, seed, List.of(), List.of(regionalGap("east", 50, 8)));
        ElementId watch = firstIn(OperatorTwin.create(spec), "east", ElementKind.RADIO);
        Run run =
                run(
                        spec,
                        Duration.ofHours(58 + 34),
                        watch,
                        List.of(
                                Duration.ofHours(54),
                                Duration.ofHours(59),
                                Duration.ofHours(58 + 10),
                                Duration.ofHours(58 + 25),
                                Duration.ofHours(58 + 31)));

        assertThat(run.firstAlarms()).as("elements alarmed").isEmpty();
        assertThat(run.watched().values())
                .as("gappy in the gap, settling for 6 h after it and a day later, fresh between")
                .containsExactly(
                        State.GAPPY, State.SETTLING, State.FRESH, State.SETTLING, State.FRESH);
    }

    /**
     * Over gap lengths and positions, on a metro network with no fault: whatever the gap, no
     * healthy element is alarmed in the day and a half after it.
     */
    @Property(tries = 6, seed = "20261206")
    void no_healthy_element_alarms_after_a_regional_gap_of_any_length(
            @ForAll @IntRange(min = 1, max = 12) int hours,
            @ForAll @IntRange(min = 30, max = 60) int fromHour,
            @ForAll @IntRange(min = 0, max = 3) int regionIndex) {
        TwinSpec quiet = TwinSpec.quiet(Preset.METRO, 7);
        List<String> regions =
                OperatorTwin.topology(quiet.preset(), quiet.sites(), quiet.seed()).stream()
                        .map(Element::region)
                        .distinct()
                        .sorted()
                        .toList();
        String region = regions.get(regionIndex % regions.size());
        Run run =
                run(
                        spec(
                                Preset.METRO,
                                7,
                                List.of(),
                                List.of(regionalGap(region, fromHour, hours))),
                        Duration.ofHours(fromHour + hours + 32),
                        null,
                        List.of());
        assertThat(run.firstAlarms())
                .as("alarms after a %d h gap over %s from hour %d", hours, region, fromHour)
                .isEmpty();
    }

    /**
     * A failing PSU in the region, its ripple rising through the gap: it is still warned, later by
     * at most the settling's first spell and the persistence after the data return.
     */
    @Test
    void a_fault_degrading_through_the_gap_is_still_warned() {
        long seed = 2_000_103L;
        FaultSpec psu =
                new FaultSpec(
                        new ElementSelector.ByMatch(
                                Optional.of(ElementKind.RADIO),
                                Optional.empty(),
                                Optional.of("east")),
                        FailureMode.PSU_DEGRADATION,
                        Duration.ofHours(24),
                        Duration.ofDays(3));
        Run clean =
                run(
                        spec(Preset.REGIONAL, seed, List.of(psu), List.of()),
                        Duration.ofDays(4),
                        null,
                        List.of());
        FaultTruth fault = clean.twin().groundTruth().faults().get(0);
        Prediction cleanWarning = clean.firstAlarms().get(fault.element());
        assertThat(cleanWarning).as("warned on clean streams").isNotNull();
        // the gap ends before the clean warning: the warning must come through settling
        long cleanHour = Duration.between(OperatorTwin.EPOCH, cleanWarning.at()).toHours();
        long gapFrom = cleanHour - 10;
        Run gapped =
                run(
                        spec(
                                Preset.REGIONAL,
                                seed,
                                List.of(psu),
                                List.of(regionalGap("east", gapFrom, 8))),
                        Duration.ofDays(4),
                        null,
                        List.of());

        Prediction warning = gapped.firstAlarms().get(fault.element());
        assertThat(warning).as("warned through the gap").isNotNull();
        assertThat(warning.mode()).isEqualTo(FailureMode.PSU_DEGRADATION);
        Instant back = OperatorTwin.EPOCH.plus(Duration.ofHours(gapFrom + 8));
        assertThat(warning.at())
                .as("warned within the first spell and the persistence after the data return")
                .isBeforeOrEqualTo(back.plus(Duration.ofHours(6 + 2)).plus(Duration.ofMinutes(5)));
        assertThat(gapped.firstAlarms()).as("elements alarmed").containsOnlyKeys(fault.element());
        System.out.printf(
                "%s: warned at %s on clean streams, at %s after a gap ending %s (%d h before"
                        + " failure)%n",
                fault.element(),
                cleanWarning.at(),
                warning.at(),
                back,
                Duration.between(warning.at(), fault.failsAt()).toHours());
    }
}
