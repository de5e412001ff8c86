package dev.autonoc.simulators;

import static java.time.Duration.ofDays;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Part;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpecValidationTest {

    @Test
    void an_unknown_element_is_refused_with_examples_of_valid_ids() {
        assertThatThrownBy(
                        () ->
                                Specs.metro(1)
                                        .fault(
                                                "core-rtr-09",
                                                FailureMode.FAN_WEAR,
                                                ofDays(1),
                                                ofDays(2))
                                        .twin())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown element 'core-rtr-09'")
                .hasMessageContaining("core-rtr-01");
    }

    @Test
    void a_mode_the_element_cannot_have_is_refused() {
        assertThatThrownBy(
                        () ->
                                Specs.metro(1)
                                        .fault(
                                                "core-rtr-01",
                                                FailureMode.LASER_AGING,
                                                ofDays(1),
                                                ofDays(2))
                                        .twin())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LASER_AGING cannot strike core-rtr-01")
                .hasMessageContaining("LASER_AGING strikes links");
    }

    @Test
    void a_selector_with_no_match_is_refused() {
        var selector =
                new ElementSelector.ByMatch(
                        Optional.of(ElementKind.LINK), Optional.of("core"), Optional.empty());

        assertThatThrownBy(
                        () ->
                                Specs.metro(1)
                                        .fault(
                                                new FaultSpec(
                                                        selector,
                                                        FailureMode.LASER_AGING,
                                                        ofDays(1),
                                                        ofDays(2)))
                                        .twin())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matches no element");
    }

    @Test
    void an_unknown_region_or_warehouse_is_refused_naming_the_accepted_ones() {
        assertThatThrownBy(
                        () ->
                                Specs.metro(1)
                                        .disturb(
                                                new Disturbance.Heatwave(
                                                        "mars", ofDays(1), ofDays(2)))
                                        .twin())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown region 'mars'")
                .hasMessageContaining("north, south, east, west");
        assertThatThrownBy(() -> Specs.metro(1).stock(new StockLevel("attic", Part.PSU, 1)).twin())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown warehouse 'attic'")
                .hasMessageContaining("central");
    }

    @Test
    void an_unknown_tool_in_tool_faults_is_refused() {
        assertThatThrownBy(
                        () ->
                                Specs.metro(1)
                                        .disturb(new Disturbance.ToolFaults("launch_rocket", 0.1))
                                        .twin())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dispatch_engineer");
    }
}
