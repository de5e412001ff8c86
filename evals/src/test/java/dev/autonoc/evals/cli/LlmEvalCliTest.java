package dev.autonoc.evals.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.planner.llm.ScriptedOpenAiServer;
import dev.autonoc.evals.TestPaths;
import dev.autonoc.evals.llm.ScriptedPlanningModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code autonoc eval} with the planners that ask a model: against the scripted model on loopback,
 * recorded, and replayed from the recording committed in {@code evals/llm-recordings}, as CI runs
 * it without any model.
 */
class LlmEvalCliTest {

    /** The committed recording of the library at seed 1 against {@link ScriptedPlanningModel}. */
    static Path committedRecording() {
        return TestPaths.ownScenarios()
                .getParent()
                .resolve("llm-recordings")
                .resolve("scripted-planner");
    }

    @TempDir Path dir;

    final InProcessCli cli = InProcessCli.lastRunOnly();

    /**
     * Writes the committed recording again (after a change to the prompt, the planner or the
     * scenarios): {@code mvn -pl evals -am test -Dtest=LlmEvalCliTest -Dautonoc.rerecord=true
     * -Dsurefire.failIfNoSpecifiedTests=false}.
     */
    @Test
    @EnabledIfSystemProperty(named = "autonoc.rerecord", matches = "true")
    void rerecord_the_committed_recording() throws IOException {
        Path target = committedRecording();
        if (Files.isDirectory(target)) {
            try (Stream<Path> old = Files.list(target)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        try (ScriptedOpenAiServer model = ScriptedPlanningModel.start()) {
            int code =
                    cli.run(
                            "eval",
                            "--scenarios",
                            TestPaths.ownScenarios().toString(),
                            "--planner",
                            "hybrid",
                            "--seeds",
                            "1",
                            "--no-baselines",
                            "--no-audit-export",
                            "--progress",
                            "off",
                            "--out",
                            dir.resolve("out").toString(),
                            "--llm-base-url",
                            model.baseUrl(),
                            "--llm-model",
                            "scripted-planner",
                            "--llm-record",
                            target.toString());
            assertThat(code).as(cli.err()).isIn(0, 1);
        }
        assertThat(target.toFile().list()).isNotEmpty();
    }

    /**
     * CI's run without a model. The recording covers the whole library at seed 1 ({@code eval
     * --scenarios evals/scenarios --planner playbook,hybrid,chaos --seeds 1 --llm-replay
     * evals/llm-recordings/scripted-planner}, docs/benchmarks.md has its time); the test replays
     * the scenarios where the hybrid asks the model, to keep the suite short.
     */
    @Test
    void the_committed_recording_replays_playbook_hybrid_and_chaos_without_a_model()
            throws IOException {
        int code =
                cli.run(
                        "eval",
                        "--scenarios",
                        TestPaths.ownScenarios()
                                .resolve("laser-aging-supplier-delay.yaml")
                                .toString(),
                        TestPaths.ownScenarios().resolve("noc-rejects-optic-order.yaml").toString(),
                        TestPaths.ownScenarios()
                                .resolve("untrusted-customer-message.yaml")
                                .toString(),
                        "--planner",
                        "playbook,hybrid,chaos",
                        "--seeds",
                        "1",
                        "--no-baselines",
                        "--no-audit-export",
                        "--progress",
                        "off",
                        "--out",
                        dir.toString(),
                        "--llm-replay",
                        committedRecording().toString());

        assertThat(cli.err()).doesNotContain("not in the recording");
        assertThat(code).as(cli.err()).isIn(0, 1);
        String report = Files.readString(dir.resolve("report.json"));
        assertThat(report)
                .containsPattern("\"planner\" ?: ?\"hybrid\"")
                .containsPattern("\"planner\" ?: ?\"chaos\"");
        assertThat(Files.readString(dir.resolve("report.md"))).contains("## The language model");
    }

    @Test
    void a_replayed_run_writes_the_recorded_runs_ledger_byte_for_byte() throws IOException {
        // a refused order: the hybrid asks the model to replan, whatever the playbook could do
        Path scenario = TestPaths.ownScenarios().resolve("noc-rejects-optic-order.yaml");
        Path key = dir.resolve("trail.key");
        Path recording = dir.resolve("rec");
        List<String> common =
                List.of(
                        "eval",
                        "--scenarios",
                        scenario.toString(),
                        "--planner",
                        "hybrid",
                        "--seeds",
                        "1",
                        "--no-baselines",
                        "--progress",
                        "off",
                        "--signing-key",
                        key.toString());
        try (ScriptedOpenAiServer model = ScriptedPlanningModel.start()) {
            List<String> args = new ArrayList<>(common);
            args.addAll(
                    List.of(
                            "--out", dir.resolve("recorded").toString(),
                            "--llm-base-url", model.baseUrl(),
                            "--llm-model", "scripted-planner",
                            "--llm-record", recording.toString()));
            assertThat(cli.run(args.toArray(String[]::new))).as(cli.err()).isIn(0, 1);
        }
        List<String> args = new ArrayList<>(common);
        args.addAll(
                List.of(
                        "--out",
                        dir.resolve("replayed").toString(),
                        "--llm-replay",
                        recording.toString()));
        assertThat(cli.run(args.toArray(String[]::new))).as(cli.err()).isIn(0, 1);

        String trail = "noc-rejects-optic-order__hybrid__91.jsonl";
        String recorded = withoutWallClock(dir.resolve("recorded/audit").resolve(trail));
        String replayed = withoutWallClock(dir.resolve("replayed/audit").resolve(trail));
        assertThat(recorded).contains("MODEL_CONSULTED");
        assertThat(replayed).isEqualTo(recorded);
    }

    /**
     * The trail's entries (every event, its hash and the hash before it) without their wall-clock
     * stamps, which the ledger keeps out of the hash chain; the checkpoints, signed at wall-clock
     * times, are left out.
     */
    static String withoutWallClock(Path trail) throws IOException {
        return Files.readAllLines(trail).stream()
                .filter(line -> line.startsWith("{\"event\""))
                .map(line -> line.replaceAll("\"recorded_at\":\"[^\"]*\"", "\"recorded_at\":\"-\""))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    @Test
    void a_recording_that_does_not_hold_the_conversation_fails_the_eval_loudly()
            throws IOException {
        Path recording = dir.resolve("rec");
        Files.createDirectories(recording);
        Files.writeString(
                recording.resolve("0.json"),
                "{\"model\":\"m\",\"request\":{\"model\":\"m\",\"tools\":[],\"messages\":[]},\"response\":{\"tool_calls\":[],\"finish_reason\":\"STOP\"},\"latency_ms\":1,\"input_tokens\":1,\"output_tokens\":1}");

        int code =
                cli.run(
                        "eval",
                        "--scenarios",
                        TestPaths.ownScenarios()
                                .resolve("laser-aging-supplier-delay.yaml")
                                .toString(),
                        "--planner",
                        "llm",
                        "--seeds",
                        "1",
                        "--no-baselines",
                        "--no-audit-export",
                        "--progress",
                        "off",
                        "--out",
                        dir.resolve("out").toString(),
                        "--llm-replay",
                        recording.toString());

        assertThat(code).isEqualTo(AutonocCli.FAILED);
        assertThat(cli.err())
                .contains("not in the recording")
                .contains("diverged from the recording");
    }

    @Test
    void a_planner_that_asks_a_model_without_one_is_refused_at_start() {
        int code =
                cli.run(
                        "eval",
                        "--scenarios",
                        TestPaths.ownScenarios()
                                .resolve("laser-aging-supplier-delay.yaml")
                                .toString(),
                        "--planner",
                        "hybrid",
                        "--out",
                        dir.toString());
        assertThat(code).isEqualTo(AutonocCli.BAD_INPUT);
        assertThat(cli.err()).contains("--llm-base-url URL --llm-model NAME");
    }

    @Test
    void an_unreachable_model_is_refused_at_start_naming_it() {
        int port;
        try (ScriptedOpenAiServer gone = ScriptedOpenAiServer.start()) {
            port = Integer.parseInt(gone.baseUrl().replaceAll(".*:(\\d+)/v1", "$1"));
        }
        int code =
                cli.run(
                        "eval",
                        "--scenarios",
                        TestPaths.ownScenarios()
                                .resolve("laser-aging-supplier-delay.yaml")
                                .toString(),
                        "--planner",
                        "llm",
                        "--out",
                        dir.toString(),
                        "--llm-base-url",
                        "http://127.0.0.1:" + port + "/v1",
                        "--llm-model",
                        "llama3.1:8b");
        assertThat(code).isEqualTo(AutonocCli.BAD_INPUT);
        assertThat(cli.err())
                .contains(
                        "the model llama3.1:8b at http://127.0.0.1:"
                                + port
                                + "/v1 does not answer");
        assertThat(dir.resolve("report.json")).doesNotExist();
    }
}
