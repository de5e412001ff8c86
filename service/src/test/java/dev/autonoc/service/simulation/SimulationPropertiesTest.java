package dev.autonoc.service.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.simulators.ElementSelector;
import dev.autonoc.simulators.Preset;
import dev.autonoc.simulators.TwinSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimulationPropertiesTest {

    private static SimulationProperties with(
            String preset, Duration tick, double pace, List<SimulationProperties.Fault> faults) {
        return new SimulationProperties(
                preset, 7, tick, pace, true, Duration.ofDays(30), Duration.ofMillis(100), faults);
    }

    private static SimulationProperties.Fault fault(
            String element, ElementKind kind, FailureMode mode) {
        return new SimulationProperties.Fault(
                element, kind, null, null, mode, Duration.ofDays(1), Duration.ofDays(4));
    }

    @Test
    void the_twin_spec_carries_preset_seed_tick_and_faults() {
        SimulationProperties settings =
                with(
                        "regional",
                        Duration.ofMinutes(10),
                        3600,
                        List.of(
                                fault("core-rtr-02", null, FailureMode.FAN_WEAR),
                                fault(null, ElementKind.LINK, FailureMode.LASER_AGING)));

        TwinSpec spec = settings.twinSpec();

        assertThat(spec.preset()).isEqualTo(Preset.REGIONAL);
        assertThat(spec.seed()).isEqualTo(7);
        assertThat(spec.tick()).isEqualTo(Duration.ofMinutes(10));
        assertThat(spec.faults()).hasSize(2);
        assertThat(spec.faults().get(0).target())
                .isEqualTo(new ElementSelector.ById(ElementId.of("core-rtr-02")));
        assertThat(spec.faults().get(0).onset()).isEqualTo(Duration.ofDays(1));
        assertThat(spec.faults().get(1).target())
                .isEqualTo(
                        new ElementSelector.ByMatch(
                                Optional.of(ElementKind.LINK), Optional.empty(), Optional.empty()));
    }

    @Test
    void an_unknown_preset_names_the_accepted_ones() {
        assertThatThrownBy(() -> with("galactic", Duration.ofMinutes(5), 3600, List.of()))
                .hasMessageContaining("autonoc.simulation.preset")
                .hasMessageContaining("accepted: metro, regional, national");
    }

    @Test
    void pace_and_tick_must_be_positive() {
        assertThatThrownBy(() -> with("metro", Duration.ofMinutes(5), 0, List.of()))
                .hasMessageContaining("autonoc.simulation.pace");
        assertThatThrownBy(() -> with("metro", Duration.ZERO, 3600, List.of()))
                .hasMessageContaining("autonoc.simulation.tick");
    }

    @Test
    void a_fault_needs_a_mode_and_an_element_or_a_match_but_not_both() {
        assertThatThrownBy(
                        () ->
                                with(
                                        "metro",
                                        Duration.ofMinutes(5),
                                        3600,
                                        List.of(fault("core-rtr-02", null, null))))
                .hasMessageContaining("faults[0].mode is required")
                .hasMessageContaining("FAN_WEAR");
        assertThatThrownBy(
                        () ->
                                with(
                                        "metro",
                                        Duration.ofMinutes(5),
                                        3600,
                                        List.of(fault(null, null, FailureMode.FAN_WEAR))))
                .hasMessageContaining("faults[0] needs an element id");
        assertThatThrownBy(
                        () ->
                                with(
                                        "metro",
                                        Duration.ofMinutes(5),
                                        3600,
                                        List.of(
                                                fault(
                                                        "core-rtr-02",
                                                        ElementKind.ROUTER,
                                                        FailureMode.FAN_WEAR))))
                .hasMessageContaining("give one or the other");
    }
}
