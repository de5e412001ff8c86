package dev.autonoc.evals.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.evals.report.RunMetrics;
import dev.autonoc.evals.report.RunReport;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two library scenarios found at fresh seeds (session 20), through the real loop, twin and gate: a
 * core router that lost its other path to another repair's drain in the same hours. Before, its
 * work went ahead with the traffic on (360,360 customer-minutes each); now its repair waits for the
 * other element to be back, and moves its traffic off for the work.
 */
class WaitForOthersOutTest {

    @org.junit.jupiter.api.io.TempDir Path dir;

    @ParameterizedTest
    @ValueSource(
            strings = {"core-twin-back-as-the-work-begins", "neighbour-drained-in-the-same-hour"})
    void a_core_router_without_its_other_path_waits_for_it_and_is_mended_with_its_traffic_off(
            String id) throws IOException {
        LibraryRuns runs = LibraryRuns.playbook(id, dir);
        RunReport run = runs.run();
        RunMetrics m = run.metrics().orElseThrow();
        assertThat(m.failures()).isZero();
        assertThat(m.customerImpactMinutes())
                .as("no work with the traffic on")
                .isLessThanOrEqualTo(100.0);
        assertThat(run.passed()).isTrue();
        assertThat(String.join("\n", runs.trail()))
                .contains("has no other path for its traffic while other elements are out")
                .contains("the repair waits for them");
    }
}
