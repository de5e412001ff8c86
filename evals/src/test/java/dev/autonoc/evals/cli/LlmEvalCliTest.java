package dev.autonoc.evals.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.planner.llm.ScriptedOpenAiServer;
import dev.autonoc.evals.TestPaths;
import dev.autonoc.evals.llm.ScriptedPlanningModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code autonoc eval} with the planners that ask a model: against the scripted model on loopback,
 * recorded, and replayed from the recording committed in {@code evals/llm-recordings}, as CI runs
 * it without any model.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LlmEvalCliTest {

    /** The committed recording of the library at seed 1 against {@link ScriptedPlanningModel}. */
    static Path committedRecording() {
        return TestPaths.ownScenarios()
                .getParent()
                .resolve("llm-recordings")
                .resolve("scripted-planner");
    }

    /** In the recording, beside the exchanges: {@code <sha256> <trail>} per consulted trail. */
    static final String LEDGERS = "ledgers.sha256";

    @TempDir Path dir;

    final InProcessCli cli = InProcessCli.lastRunOnly();

    /**
     * Writes the committed recording again (after a change to the prompt, the planner, the tools or
     * the scenarios): {@code mvn -pl evals -am test -Dtest=LlmEvalCliTest -Dautonoc.rerecord=true
     * -Dsurefire.failIfNoSpecifiedTests=false}. Beside the exchanges it writes {@value #LEDGERS}:
     * the SHA-256 of every recorded hybrid trail in which the model was consulted, which the replay
     * must write again byte for byte.
     */
    @Test
    @Order(1) // before the replays, which then check the new recording
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
        Path out = dir.resolve("out");
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
                            "--progress",
                            "off",
                            "--out",
                            out.toString(),
                            "--llm-base-url",
                            model.baseUrl(),
                            "--llm-model",
                            "scripted-planner",
                            "--llm-record",
                            target.toString());
            assertThat(code).as(cli.err()).isIn(0, 1);
        }
        Map<String, String> ledgers = consultedLedgers(out.resolve("audit"));
        assertThat(ledgers).isNotEmpty();
        StringBuilder lines = new StringBuilder();
        ledgers.forEach((trail, sha) -> lines.append(sha).append("  ").append(trail).append('\n'));
        Files.writeString(target.resolve(LEDGERS), lines);
        assertThat(target.toFile().list()).hasSizeGreaterThan(1);
    }

    /**
     * CI's run without a model, the command of docs/llm-planner.md: the whole library at seed 1
     * ({@code eval --scenarios evals/scenarios --planner playbook,hybrid,chaos --seeds 1
     * --llm-replay evals/llm-recordings/scripted-planner}). Every request the hybrid makes is in
     * the recording; every trail in which it consulted the model is the recorded run's, byte for
     * byte but the wall-clock stamps; the random plans of the chaos planner over the whole library
     * break no policy.
     */
    @Test
    void the_committed_recording_replays_the_whole_library_to_the_recorded_ledgers()
            throws IOException {
        int code =
                cli.run(
                        "eval",
                        "--scenarios",
                        TestPaths.ownScenarios().toString(),
                        "--planner",
                        "playbook,hybrid,chaos",
                        "--seeds",
                        "1",
                        "--no-baselines",
                        "--progress",
                        "off",
                        "--out",
                        dir.toString(),
                        "--llm-replay",
                        committedRecording().toString());

        String rerecord =
                "; if the change is meant, make the recording again: mvn -pl evals -am test"
                        + " -Dtest=LlmEvalCliTest -Dautonoc.rerecord=true"
                        + " -Dsurefire.failIfNoSpecifiedTests=false";
        assertThat(cli.err()).as(rerecord).doesNotContain("not in the recording");
        assertThat(code).as(cli.err()).isIn(0, 1);
        int scenarios;
        try (Stream<Path> files = Files.list(TestPaths.ownScenarios())) {
            scenarios = (int) files.filter(p -> p.toString().endsWith(".yaml")).count();
        }
        JsonNode summary =
                JsonMapper.builder()
                        .build()
                        .readTree(Files.readString(dir.resolve("report.json")))
                        .get("summary");
        for (String planner : List.of("playbook", "hybrid", "chaos")) {
            JsonNode runs = summary.get("planners").get(planner);
            assertThat(runs.get("runs").asInt()).as(planner).isEqualTo(scenarios);
            assertThat(runs.get("policy_violations").asInt()).as(planner).isZero();
            assertThat(runs.at("/model/cost").isNull()).as("no price given: not priced").isTrue();
        }
        assertThat(summary.at("/planners/hybrid/model/consultations").asInt()).isPositive();
        assertThat(Files.readString(dir.resolve("report.md"))).contains("## The language model");

        Map<String, String> recorded = new TreeMap<>();
        for (String line : Files.readAllLines(committedRecording().resolve(LEDGERS))) {
            String[] shaAndTrail = line.split("  ", 2);
            recorded.put(shaAndTrail[1], shaAndTrail[0]);
        }
        assertThat(recorded).as("the recording's " + LEDGERS).isNotEmpty();
        assertThat(consultedLedgers(dir.resolve("audit")))
                .as("the replayed trails in which the model was consulted, against " + rerecord)
                .isEqualTo(recorded);
    }

    @Test
    void a_price_per_thousand_tokens_gives_each_run_and_consultation_its_cost() throws IOException {
        int code =
                cli.run(
                        "eval",
                        "--scenarios",
                        TestPaths.ownScenarios().resolve("noc-rejects-optic-order.yaml").toString(),
                        "--planner",
                        "hybrid",
                        "--seeds",
                        "1",
                        "--no-baselines",
                        "--progress",
                        "off",
                        "--out",
                        dir.toString(),
                        "--llm-replay",
                        committedRecording().toString(),
                        "--llm-price-input",
                        "0.15",
                        "--llm-price-output",
                        "0.6",
                        "--llm-price-currency",
                        "eur");
        assertThat(code).as(cli.err()).isZero();

        JsonNode model =
                JsonMapper.builder()
                        .build()
                        .readTree(Files.readString(dir.resolve("report.json")))
                        .at("/runs/0/metrics/model");
        long in = model.get("input_tokens").asLong();
        long out = model.get("output_tokens").asLong();
        assertThat(in).isPositive();
        assertThat(model.get("currency").asString()).isEqualTo("EUR");
        // each consultation's cost is rounded to a millionth, so the sum is within that of exact
        assertThat(model.get("cost").asDouble())
                .isCloseTo(
                        (in * 0.15 + out * 0.6) / 1000.0,
                        org.assertj.core.data.Offset.offset(
                                1e-6 * model.get("consultations").asInt()));
        assertThat(Files.readString(dir.resolve("report.md")))
                .contains("| cost |")
                .containsPattern("\\| [0-9.]+ EUR \\|");
        String trail =
                Files.readString(dir.resolve("audit/noc-rejects-optic-order__hybrid__91.jsonl"));
        assertThat(trail).contains("\"currency\":\"EUR\"").contains("\"price_per_1k_input\":0.15");

        assertThat(
                        cli.run(
                                "eval",
                                "--scenarios",
                                TestPaths.ownScenarios()
                                        .resolve("noc-rejects-optic-order.yaml")
                                        .toString(),
                                "--planner",
                                "hybrid",
                                "--out",
                                dir.resolve("bad").toString(),
                                "--llm-replay",
                                committedRecording().toString(),
                                "--llm-price-input",
                                "-0.15"))
                .isEqualTo(AutonocCli.BAD_INPUT);
        assertThat(cli.err()).contains("cannot be negative");
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

    /**
     * The SHA-256 of {@link #withoutWallClock} of every hybrid trail in a folder that holds a
     * consultation of the model, by file name.
     */
    static Map<String, String> consultedLedgers(Path audit) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> trails = Files.list(audit)) {
            for (Path trail :
                    trails.filter(p -> p.getFileName().toString().contains("__hybrid__"))
                            .filter(p -> p.toString().endsWith(".jsonl"))
                            .sorted()
                            .toList()) {
                String entries = withoutWallClock(trail);
                if (entries.contains("\"MODEL_CONSULTED\"")) {
                    out.put(trail.getFileName().toString(), sha256(entries));
                }
            }
        }
        return out;
    }

    /** The text's SHA-256 in hex, as the recordings' digest files write it. */
    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
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
