package dev.autonoc.core.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.network.ElementId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictionWindowTest {

    private static final Instant AT = Instant.parse("2025-01-08T00:00:00Z");
    private static final ElementId ID = ElementId.of("core-rtr-01");

    @Test
    void a_prediction_without_a_window_has_its_estimate_as_both_ends() {
        Prediction p =
                new Prediction(
                        ID, AT, 0.5, FailureMode.FAN_WEAR, Duration.ofHours(40), List.of(), "m1");

        assertThat(p.window()).isEqualTo(FailureWindow.exactly(Duration.ofHours(40)));
        assertThat(p.windowOpensAt()).isEqualTo(p.expectedFailureAt());
        assertThat(p.windowClosesAt()).isEqualTo(p.expectedFailureAt());
    }

    @Test
    void the_window_gives_its_ends_and_planners_keep_the_central_estimate() {
        Prediction p =
                new Prediction(
                        ID,
                        AT,
                        0.5,
                        FailureMode.FAN_WEAR,
                        Duration.ofHours(40),
                        List.of(),
                        "m1",
                        new FailureWindow(Duration.ofHours(30), Duration.ofHours(55)));

        assertThat(p.windowOpensAt()).isEqualTo(AT.plus(Duration.ofHours(30)));
        assertThat(p.expectedFailureAt()).isEqualTo(AT.plus(Duration.ofHours(40)));
        assertThat(p.earliestFailureAt()).isEqualTo(p.expectedFailureAt());
        assertThat(p.windowClosesAt()).isEqualTo(AT.plus(Duration.ofHours(55)));
    }

    @Test
    void a_null_window_reads_as_the_point_estimate() {
        Prediction p =
                new Prediction(
                        ID,
                        AT,
                        0.5,
                        FailureMode.FAN_WEAR,
                        Duration.ofHours(40),
                        List.of(),
                        "m1",
                        null);

        assertThat(p.window().earliest()).isEqualTo(Duration.ofHours(40));
    }

    @Test
    void refuses_an_estimate_outside_its_window() {
        assertThatThrownBy(
                        () ->
                                new Prediction(
                                        ID,
                                        AT,
                                        0.5,
                                        FailureMode.FAN_WEAR,
                                        Duration.ofHours(60),
                                        List.of(),
                                        "m1",
                                        new FailureWindow(
                                                Duration.ofHours(30), Duration.ofHours(55))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT60H")
                .hasMessageContaining("inside its window");
    }

    @Test
    void refuses_a_window_whose_ends_are_reversed_or_in_the_past() {
        assertThatThrownBy(() -> new FailureWindow(Duration.ofHours(5), Duration.ofHours(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not come before its earliest");
        assertThatThrownBy(() -> new FailureWindow(Duration.ofHours(-1), Duration.ofHours(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot start in the past");
    }

    @Test
    void a_window_read_later_moves_earlier_and_stops_at_zero() {
        FailureWindow w = new FailureWindow(Duration.ofHours(2), Duration.ofHours(10));

        assertThat(w.minus(Duration.ofHours(3)))
                .isEqualTo(new FailureWindow(Duration.ZERO, Duration.ofHours(7)));
        assertThat(w.contains(Duration.ofHours(2))).isTrue();
        assertThat(w.contains(Duration.ofHours(11))).isFalse();
    }
}
