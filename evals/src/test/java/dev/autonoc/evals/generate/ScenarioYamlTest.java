package dev.autonoc.evals.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.evals.scenario.Scenario;
import dev.autonoc.evals.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScenarioYamlTest {

    @Test
    void durations_are_written_in_days_and_hours_as_people_write_them() {
        assertThat(ScenarioYaml.iso(Duration.ofDays(3))).isEqualTo("P3D");
        assertThat(ScenarioYaml.iso(Duration.ofHours(54))).isEqualTo("P2DT6H");
        assertThat(ScenarioYaml.iso(Duration.ofHours(6))).isEqualTo("PT6H");
        assertThat(ScenarioYaml.iso(Duration.ofMinutes(85))).isEqualTo("PT1H25M");
        assertThat(ScenarioYaml.iso(Duration.ZERO)).isEqualTo("PT0H");
        for (long minutes : new long[] {0, 5, 60, 61, 1440, 1441, 10_000}) {
            Duration d = Duration.ofMinutes(minutes);
            assertThat(Duration.parse(ScenarioYaml.iso(d))).isEqualTo(d);
        }
    }

    @Test
    void a_description_with_quotes_backslashes_and_colons_reads_back_as_written() {
        ScenarioDrawer drawer = new ScenarioDrawer(3, 1);
        ScenarioDraft d = drawer.draw(0, 0);
        String text = "a \"quoted\" word, a back\\slash: and a colon # not a comment";
        Scenario s =
                ScenarioLoader.parse(
                        Path.of(d.id() + ".yaml"),
                        ScenarioYaml.render(d, text, Scenario.Expect.NOTHING));
        assertThat(s.description()).isEqualTo(text);
        assertThat(s.expect()).isEqualTo(Scenario.Expect.NOTHING);
    }
}
