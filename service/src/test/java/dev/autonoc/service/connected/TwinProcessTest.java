package dev.autonoc.service.connected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.simulators.ElementSelector;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.Preset;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TwinProcessTest {

    @Test
    void reads_its_command_line() {
        TwinProcess.Options o =
                TwinProcess.Options.parse(
                        new String[] {
                            "--bootstrap-servers", "k1:9092", "--topic", "t", "--port", "9001",
                            "--preset", "regional", "--seed", "7", "--pace", "3600",
                            "--fault", "core-rtr-02:fan_wear:1d:4d"
                        });
        assertThat(o.servers).isEqualTo("k1:9092");
        assertThat(o.topic).isEqualTo("t");
        assertThat(o.port).isEqualTo(9001);
        assertThat(o.preset).isEqualTo(Preset.REGIONAL);
        assertThat(o.seed).isEqualTo(7);
        assertThat(o.pace).isEqualTo(3600.0);
        assertThat(o.faults).hasSize(1);
        assertThat(o.faults.get(0).target())
                .isEqualTo(new ElementSelector.ById(ElementId.of("core-rtr-02")));
        assertThat(o.faults.get(0).mode()).isEqualTo(FailureMode.FAN_WEAR);
        assertThat(o.faults.get(0).onset()).isEqualTo(Duration.ofDays(1));
        assertThat(o.faults.get(0).timeToFailure()).isEqualTo(Duration.ofDays(4));
        assertThat(o.spec().faults()).isEqualTo(o.faults);
    }

    @Test
    void starts_the_twin_at_the_instant_given_or_at_the_epoch() {
        assertThat(TwinProcess.Options.parse(new String[0]).spec().start())
                .isEqualTo(OperatorTwin.EPOCH);
        TwinProcess.Options o =
                TwinProcess.Options.parse(new String[] {"--start", "2025-01-08T14:30:00Z"});
        assertThat(o.spec().start()).isEqualTo(Instant.parse("2025-01-08T14:30:00Z"));
        assertThat(OperatorTwin.create(o.spec()).now())
                .isEqualTo(Instant.parse("2025-01-08T14:30:00Z"));
        assertThatThrownBy(() -> TwinProcess.Options.parse(new String[] {"--start", "wednesday"}))
                .hasMessageContaining("--start is 'wednesday'")
                .hasMessageContaining("2025-01-08T14:30:00Z, or now, is accepted");
    }

    @Test
    void lives_on_a_paced_clock_from_its_anchor_or_from_now() {
        dev.autonoc.service.MovableClock wall =
                new dev.autonoc.service.MovableClock(Instant.parse("2026-12-06T09:15:42.317Z"));
        TwinProcess.Options now =
                TwinProcess.Options.parse(new String[] {"--start", "now", "--pace", "3600"}, wall);
        assertThat(now.spec().start()).isEqualTo(Instant.parse("2026-12-06T09:15:42Z"));
        PacedClock fromNow = now.clock(wall);
        assertThat(fromNow.anchor()).isEqualTo(now.spec().start());
        wall.move(Duration.ofSeconds(1));
        assertThat(fromNow.instant()).isAfterOrEqualTo(Instant.parse("2026-12-06T10:15:42Z"));

        TwinProcess.Options anchored =
                TwinProcess.Options.parse(
                        new String[] {
                            "--start", "2025-01-08T14:30:00Z",
                            "--anchor", "2026-12-06T09:20:00Z",
                            "--pace", "60"
                        },
                        wall);
        PacedClock clock = anchored.clock(wall);
        assertThat(clock.anchor()).isEqualTo(Instant.parse("2026-12-06T09:20:00Z"));
        assertThat(clock.wallTimeUntil(Instant.parse("2025-01-08T14:30:00Z")))
                .isGreaterThan(Duration.ofMinutes(4));
        assertThatThrownBy(() -> TwinProcess.Options.parse(new String[] {"--anchor", "soon"}))
                .hasMessageContaining("--anchor is 'soon'");
    }

    @Test
    void refuses_bad_options_naming_what_is_accepted() {
        assertThatThrownBy(() -> TwinProcess.Options.parse(new String[] {"--pace", "fast"}))
                .hasMessageContaining("'fast'")
                .hasMessageContaining("(0, 1000000]");
        assertThatThrownBy(() -> TwinProcess.Options.parse(new String[] {"--preset", "tiny"}))
                .hasMessageContaining("metro, regional, national");
        assertThatThrownBy(() -> TwinProcess.Options.parse(new String[] {"--fault", "r1:FAN"}))
                .hasMessageContaining("ELEMENT:MODE:ONSET:TIME_TO_FAILURE");
        assertThatThrownBy(
                        () -> TwinProcess.Options.parse(new String[] {"--fault", "r1:SMOKE:1d:2d"}))
                .hasMessageContaining("'SMOKE'")
                .hasMessageContaining("FAN_WEAR");
        assertThatThrownBy(() -> TwinProcess.Options.parse(new String[] {"--colour", "red"}))
                .hasMessageContaining("unknown option '--colour'");
        assertThatThrownBy(() -> TwinProcess.Options.parse(new String[] {"--port"}))
                .hasMessageContaining("--port needs a value");
    }
}
