package dev.autonoc.evals.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.autonoc.core.prediction.Part;
import dev.autonoc.evals.scenario.ScenarioException.Problem;
import dev.autonoc.simulators.Disturbance;
import dev.autonoc.simulators.FaultSpec;
import dev.autonoc.simulators.OperatorTwin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario keys of issue 10 (evals/README.md, "Scenario format: keys added for replanning"): a
 * window on SUPPLIER_DELAY, one engineer and a notice on ENGINEER_SICK, a fault's speedup, and the
 * NOC's reject_tools; read into the twin's spec, and every bad value refused with its file, line,
 * key path and what is accepted.
 */
class ScenarioExtensionsTest {

    @TempDir Path dir;

    private static final String BASE =
            """
            id: changing-world
            description: what a plan meets after it was made
            duration: P8D
            network:
              preset: metro
            faults:
              - element: core-rtr-02
                mode: FAN_WEAR
                onset: P1D
                time_to_failure: P4D
            expect: {}
            """;

    @Test
    void reads_a_delay_window_a_sick_engineer_with_notice_a_speedup_and_reject_tools() {
        Scenario s =
                load(
                        BASE.replace(
                                        "    time_to_failure: P4D",
                                        "    time_to_failure: P4D\n    speedup: {at: P2D, factor: 3}")
                                + """
                                disturbances:
                                  - {kind: SUPPLIER_DELAY, part: FAN-TRAY, extra: P2D, window: [PT6H, P2D]}
                                  - kind: ENGINEER_SICK
                                    engineer: eng-north-1
                                    window: [P2D, P3D]
                                    notice: PT12H
                                  - {kind: ENGINEER_SICK, region: south, engineer: eng-south-2, window: [P1D, P2D]}
                                  - {kind: ENGINEER_SICK, region: east, window: [P1D, P2D], notice: PT0S}
                                approvals:
                                  mode: approve_all
                                  reject_tools: [restart_element, cancel_order]
                                """);

        assertThat(s.faults())
                .singleElement()
                .extracting(FaultSpec::speedup)
                .isEqualTo(Optional.of(new FaultSpec.Speedup(Duration.ofDays(2), 3.0)));
        assertThat(s.disturbances())
                .containsExactly(
                        new Disturbance.SupplierDelay(
                                Part.FAN_TRAY,
                                Duration.ofDays(2),
                                Optional.of(
                                        new Disturbance.Window(
                                                Duration.ofHours(6), Duration.ofDays(2)))),
                        new Disturbance.EngineerSick(
                                Optional.empty(),
                                Optional.of("eng-north-1"),
                                Duration.ofDays(2),
                                Duration.ofDays(3),
                                Optional.of(Duration.ofHours(12))),
                        new Disturbance.EngineerSick(
                                Optional.of("south"),
                                Optional.of("eng-south-2"),
                                Duration.ofDays(1),
                                Duration.ofDays(2),
                                Optional.empty()),
                        new Disturbance.EngineerSick(
                                Optional.of("east"),
                                Optional.empty(),
                                Duration.ofDays(1),
                                Duration.ofDays(2),
                                Optional.of(Duration.ZERO)));
        assertThat(s.approvals().rejectTools()).containsExactly("restart_element", "cancel_order");
        assertThat(s.approvals().mode()).isEqualTo(Scenario.Approvals.Mode.APPROVE_ALL);

        // the twin takes it as it is, and its truth tells the sped-up failure
        OperatorTwin twin = OperatorTwin.create(s.twinSpec(s.seed(0)));
        assertThat(twin.truth().faults().get(0).failsAt())
                .isEqualTo(OperatorTwin.EPOCH.plus(Duration.ofDays(3)));
    }

    @Test
    void files_without_the_new_keys_keep_their_meaning() {
        Scenario s =
                load(
                        BASE
                                + """
                                disturbances:
                                  - {kind: SUPPLIER_DELAY, part: PSU, extra: P2D}
                                  - {kind: ENGINEER_SICK, region: north, window: [P1D, P3D]}
                                approvals: {mode: reject_all}
                                """);
        assertThat(s.disturbances())
                .containsExactly(
                        new Disturbance.SupplierDelay(Part.PSU, Duration.ofDays(2)),
                        new Disturbance.EngineerSick(
                                "north", Duration.ofDays(1), Duration.ofDays(3)));
        assertThat(s.faults().get(0).speedup()).isEmpty();
        assertThat(s.approvals().rejectTools()).isEmpty();
    }

    @Test
    void refuses_a_speedup_outside_the_faults_degradation_not_faster_or_with_other_keys() {
        ScenarioException e =
                refuse(
                        BASE.replace(
                                "    time_to_failure: P4D",
                                "    time_to_failure: P4D\n    speedup: {at: PT12H, factor: 1, rate: 2}"));
        assertThat(e.problems())
                .extracting(Problem::path)
                .containsExactlyInAnyOrder(
                        "faults[0].speedup.rate",
                        "faults[0].speedup.at",
                        "faults[0].speedup.factor");
        assertThat(reason(e, "faults[0].speedup.at"))
                .contains("after its onset (PT24H)")
                .contains("before its failure (onset + time_to_failure = PT120H)");
        assertThat(reason(e, "faults[0].speedup.factor"))
                .contains("does not speed anything up")
                .contains("a number above 1 up to 1000");
        assertThat(reason(e, "faults[0].speedup.rate")).contains("accepted: at, factor");
        assertThat(e.getMessage()).contains("bad.yaml:11: faults[0].speedup");
    }

    @Test
    void refuses_a_speedup_that_is_not_a_mapping_or_lacks_its_keys() {
        ScenarioException e =
                refuse(
                        BASE.replace(
                                "    time_to_failure: P4D",
                                "    time_to_failure: P4D\n    speedup: {factor: fast}"));
        assertThat(e.problems())
                .extracting(Problem::path)
                .containsExactlyInAnyOrder("faults[0].speedup.at", "faults[0].speedup.factor");
        assertThat(reason(e, "faults[0].speedup.at")).contains("missing required key");
        assertThat(reason(e, "faults[0].speedup.factor")).contains("expected a number");

        ScenarioException scalar =
                refuse(
                        BASE.replace(
                                "    time_to_failure: P4D",
                                "    time_to_failure: P4D\n    speedup: 3"));
        assertThat(reason(scalar, "faults[0].speedup")).contains("expected a mapping");
    }

    @Test
    void refuses_a_delay_window_that_is_not_a_window() {
        ScenarioException e =
                refuse(
                        BASE
                                + """
                                disturbances:
                                  - {kind: SUPPLIER_DELAY, part: PSU, extra: P1D, window: [P3D, P1D]}
                                  - {kind: SUPPLIER_DELAY, part: PSU, extra: P1D, window: P3D}
                                """);
        assertThat(e.problems())
                .extracting(Problem::path)
                .containsExactly("disturbances[0].window", "disturbances[1].window");
        assertThat(e.problems().get(0).reason()).contains("accepted: from < to");
        assertThat(e.problems().get(1).reason()).contains("[from, to]");
    }

    @Test
    void refuses_an_engineer_that_does_not_exist_or_lies_in_another_region() {
        ScenarioException e =
                refuse(
                        BASE
                                + """
                                disturbances:
                                  - {kind: ENGINEER_SICK, engineer: eng-north-3, window: [P1D, P2D]}
                                  - {kind: ENGINEER_SICK, engineer: north-1, window: [P1D, P2D]}
                                  - {kind: ENGINEER_SICK, region: south, engineer: eng-north-1, window: [P1D, P2D]}
                                  - {kind: ENGINEER_SICK, window: [P1D, P2D]}
                                  - {kind: ENGINEER_SICK, region: north, window: [P1D, P2D], notice: soon, team: a}
                                """);
        assertThat(e.problems())
                .extracting(Problem::path)
                .containsExactlyInAnyOrder(
                        "disturbances[0].engineer",
                        "disturbances[1].engineer",
                        "disturbances[2].engineer",
                        "disturbances[3].region",
                        "disturbances[4].notice",
                        "disturbances[4].team");
        assertThat(reason(e, "disturbances[0].engineer"))
                .contains("unknown engineer 'eng-north-3'")
                .contains("engineers_per_region is 2")
                .contains("eng-<region>-1 .. eng-<region>-2");
        assertThat(reason(e, "disturbances[2].engineer"))
                .contains("eng-north-1 works in region north, not south");
        assertThat(reason(e, "disturbances[3].region"))
                .contains("a region (north | south | east | west)")
                .contains("or an engineer");
        assertThat(reason(e, "disturbances[4].team"))
                .contains("accepted: kind, region, engineer, window, notice");
    }

    @Test
    void an_engineer_of_a_larger_workforce_is_accepted() {
        Scenario s =
                load(
                        BASE
                                + """
                                workforce: {engineers_per_region: 3}
                                disturbances:
                                  - {kind: ENGINEER_SICK, engineer: eng-west-3, window: [P1D, P2D]}
                                """);
        assertThat(s.disturbances())
                .singleElement()
                .isEqualTo(
                        new Disturbance.EngineerSick(
                                Optional.empty(),
                                Optional.of("eng-west-3"),
                                Duration.ofDays(1),
                                Duration.ofDays(2),
                                Optional.empty()));
    }

    @Test
    void refuses_reject_tools_that_are_reads_or_not_tools_at_all() {
        ScenarioException e =
                refuse(
                        BASE
                                + """
                                approvals:
                                  mode: approve_all
                                  reject_tools: [restart_element, get_element, reboot_everything]
                                """);
        assertThat(e.problems())
                .extracting(Problem::path)
                .containsExactly("approvals.reject_tools[1]", "approvals.reject_tools[2]");
        assertThat(e.problems().get(0).reason())
                .contains("'get_element' is a read tool")
                .contains("order_part");
        assertThat(e.problems().get(1).reason())
                .contains("unknown act tool 'reboot_everything'")
                .contains("cancel_appointment");
        ScenarioException notAList = refuse(BASE + "approvals: {reject_tools: restart_element}\n");
        assertThat(reason(notAList, "approvals.reject_tools")).contains("expected a list");
    }

    private static String reason(ScenarioException e, String path) {
        return e.problems().stream()
                .filter(p -> p.path().equals(path))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no problem at " + path + ": " + e))
                .reason();
    }

    private Scenario load(String yaml) {
        Path file = dir.resolve("ok.yaml");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return ScenarioLoader.load(file);
    }

    private ScenarioException refuse(String yaml) {
        Path file = dir.resolve("bad.yaml");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Throwable thrown = catchThrowable(() -> ScenarioLoader.load(file));
        assertThat(thrown).isInstanceOf(ScenarioException.class);
        return (ScenarioException) thrown;
    }
}
