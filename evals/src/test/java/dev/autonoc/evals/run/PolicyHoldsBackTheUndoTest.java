package dev.autonoc.evals.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.evals.report.RunMetrics;
import dev.autonoc.evals.report.RunReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three library scenarios found at fresh seeds (session 20), through the real loop, twin and gate,
 * where the policy or a person holds back what the plan counted on: an undo and a drain denied by
 * the day's act calls until midnight, a policy with no rule for cancelling a visit, and a drain
 * whose approval would come after the engineer set off. Each failed before: a second engineer to a
 * mended router, or the work done on an element still carrying its traffic.
 */
class PolicyHoldsBackTheUndoTest {

    @TempDir Path dir;

    private LibraryRuns run(String id) {
        LibraryRuns runs = LibraryRuns.playbook(id, dir);
        RunReport run = runs.run();
        RunMetrics m = run.metrics().orElseThrow();
        assertThat(m.falseDispatches()).as(id + ": no second engineer").isZero();
        assertThat(m.failures()).as(id).isZero();
        assertThat(run.violations()).as(id).isEmpty();
        assertThat(run.passed()).as(id).isTrue();
        return runs;
    }

    @Test
    void a_cancel_and_a_drain_denied_by_the_days_act_calls_are_asked_again_at_midnight()
            throws IOException {
        String id = "act-limit-reached-before-the-visit";
        LibraryRuns runs = run(id);
        assertThat(runs.run().metrics().orElseThrow().customerImpactMinutes())
                .as("the router went out with its traffic moved off")
                .isZero();
        List<String> trail = runs.trail();
        assertThat(trail)
                .as("the day's count denied both the cancel and the drain")
                .anyMatch(
                        l ->
                                l.contains("any-deny-element-rate")
                                        && l.contains("cancel_appointment"))
                .anyMatch(
                        l -> l.contains("any-deny-element-rate") && l.contains("reroute_traffic"));
        assertThat(trail)
                .as("and both ran when the day's count started again")
                .anyMatch(l -> isActAt(l, "cancel_appointment", "2025-01-09T00:00:00Z"))
                .anyMatch(l -> isActAt(l, "reroute_traffic", "2025-01-09T00:00:00Z"));
    }

    @Test
    void a_visit_whose_cancel_no_rule_allows_is_kept_and_the_traffic_moved_off_ahead()
            throws IOException {
        String id = "policy-allows-no-cancel";
        List<String> trail = run(id).trail();
        assertThat(trail.stream().filter(l -> isAct(l, "dispatch_engineer")))
                .as("one visit booked")
                .hasSize(1);
        assertThat(trail.stream().filter(l -> isAct(l, "cancel_appointment")))
                .as("no cancel asked for: no rule allows it")
                .isEmpty();
    }

    @Test
    void a_drain_not_approved_before_the_engineer_leaves_is_withdrawn_and_the_visit_moved()
            throws IOException {
        String id = "drain-approval-slower-than-the-visit";
        LibraryRuns runs = run(id);
        assertThat(runs.run().metrics().orElseThrow().customerImpactMinutes())
                .isLessThanOrEqualTo(100.0);
        List<String> trail = runs.trail();
        assertThat(trail)
                .as("the drain's request withdrawn before the engineer left")
                .anyMatch(
                        l ->
                                l.contains("\"type\":\"APPROVAL_ANSWERED\"")
                                        && l.contains(
                                                "nobody approved moving the traffic off before the"
                                                        + " engineer leaves"));
        assertThat(trail)
                .as("and the visit it was for cancelled while it still could be")
                .anyMatch(l -> l.contains("\"summary\":\"cancelled apt-"));
    }

    /** Whether a trail line is a call of the act {@code tool}. */
    private static boolean isAct(String line, String tool) {
        return line.contains("\"type\":\"TOOL_CALL\"")
                && line.contains("\"tool\":\"" + tool + "\"")
                && line.contains("\"tool_kind\":\"ACT\"");
    }

    private static boolean isActAt(String line, String tool, String simTime) {
        return isAct(line, tool) && line.contains("\"sim_time\":\"" + simTime + "\"");
    }
}
