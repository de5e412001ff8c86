package dev.autonoc.core.planner.llm;

import static dev.autonoc.core.planner.llm.ScriptedOpenAiServer.call;
import static dev.autonoc.core.planner.llm.ScriptedOpenAiServer.calls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.audit.AuditEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --llm-record and --llm-replay: a run with a model, repeated without it. */
class RecordReplayTest {

    @TempDir Path dir;

    final LlmPlannerTest world = new LlmPlannerTest();

    @Test
    void a_recorded_consultation_replays_to_the_same_plan_cost_and_ledger_without_the_server() {
        List<AuditEvent> recordedLedger = new ArrayList<>();
        try (ScriptedOpenAiServer server = ScriptedOpenAiServer.start()) {
            server.then(
                    calls(call("check_stock", "{\"part\":\"FAN-TRAY\",\"site\":\"site-02\"}")),
                    calls(call("submit_plan", LlmPlannerTest.PLAN)));
            ModelChannel live =
                    LlmSettings.of(server.baseUrl(), "scripted-planner")
                            .channel(name -> null, System::nanoTime);
            new LlmPlanner(
                            new RecordingChannel(live, dir),
                            LlmPlannerTest.TOOLS,
                            4,
                            recordedLedger::add)
                    .plan(world.request());
        }
        assertThat(dir.toFile().list()).hasSize(2);

        ReplayChannel replay = ReplayChannel.load(dir);
        List<AuditEvent> replayedLedger = new ArrayList<>();
        new LlmPlanner(replay, LlmPlannerTest.TOOLS, 4, replayedLedger::add).plan(world.request());

        assertThat(replayedLedger).isEqualTo(recordedLedger);
        assertThat(replay.model()).isEqualTo("scripted-planner");
        assertThat(replay.divergences()).isEmpty();
    }

    @Test
    void a_conversation_that_leaves_the_recording_fails_loudly_and_is_remembered()
            throws IOException {
        try (ScriptedOpenAiServer server = ScriptedOpenAiServer.start()) {
            server.then(calls(call("submit_plan", LlmPlannerTest.PLAN)));
            ModelChannel live =
                    LlmSettings.of(server.baseUrl(), "scripted-planner")
                            .channel(name -> null, System::nanoTime);
            new LlmPlanner(new RecordingChannel(live, dir), LlmPlannerTest.TOOLS, 4, e -> {})
                    .plan(world.request());
        }
        ReplayChannel replay = ReplayChannel.load(dir);
        // another case: the prompt differs from the recorded one
        LlmPlannerTest other = new LlmPlannerTest();
        var request = other.request();
        var moved =
                new dev.autonoc.core.plan.PlanningRequest(
                        request.caseId(),
                        request.element(),
                        request.prediction(),
                        request.now().plusSeconds(60),
                        request.reader(),
                        request.context());

        Consultation c = new LlmPlanner(replay, LlmPlannerTest.TOOLS, 4, e -> {}).consult(moved);

        assertThat(c.failure()).get().asString().contains("diverged from the recording");
        assertThat(replay.divergences())
                .singleElement()
                .asString()
                .contains("Case case-0001 at 2025-01-08T10:01:00Z");
        assertThatThrownBy(
                        () ->
                                replay.send(
                                        dev.langchain4j.model.chat.request.ChatRequest.builder()
                                                .messages(
                                                        dev.langchain4j.data.message.UserMessage
                                                                .from("x"))
                                                .build()))
                .isInstanceOf(ReplayChannel.Divergence.class);
    }

    @Test
    void a_missing_or_empty_recording_is_refused_at_load() throws IOException {
        assertThatThrownBy(() -> ReplayChannel.load(dir.resolve("nope")))
                .hasMessageContaining("no recording at")
                .hasMessageContaining("--llm-record");
        assertThatThrownBy(() -> ReplayChannel.load(dir)).hasMessageContaining("holds no exchange");
        Files.writeString(dir.resolve("x.json"), "{\"hello\":1}");
        assertThatThrownBy(() -> ReplayChannel.load(dir))
                .hasMessageContaining("x.json: not a recorded exchange");
    }

    @Test
    void settings_come_from_a_file_and_a_bad_value_is_named() {
        LlmSettings s =
                LlmSettings.from(
                        Map.of(
                                "base-url", "http://localhost:11434/v1",
                                "model", "llama3.1:8b",
                                "timeout", "30s",
                                "seed", "42",
                                "api-key-env", "OPENAI_API_KEY"),
                        Optional.empty());
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.seed()).isEqualTo(OptionalInt.of(42));
        assertThat(s.apiKeyEnv()).hasValue("OPENAI_API_KEY");
        assertThatThrownBy(() -> LlmSettings.from(Map.of("modle", "x"), Optional.of(s)))
                .hasMessageContaining("unknown LLM setting 'modle'")
                .hasMessageContaining("base-url, model");
        assertThatThrownBy(() -> LlmSettings.from(Map.of("temperature", "9"), Optional.of(s)))
                .hasMessageContaining("temperature must be 0 to 2");
        assertThatThrownBy(() -> LlmSettings.of("localhost:11434", "m"))
                .hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> s.channel(name -> null, System::nanoTime))
                .hasMessageContaining("OPENAI_API_KEY is not set");
    }

    @Test
    void an_unreachable_model_is_an_error_at_start() {
        int port;
        try (ScriptedOpenAiServer gone = ScriptedOpenAiServer.start()) {
            port = Integer.parseInt(gone.baseUrl().replaceAll(".*:(\\d+)/v1", "$1"));
        }
        LlmSettings s = LlmSettings.of("http://127.0.0.1:" + port + "/v1", "m");
        assertThatThrownBy(
                        () ->
                                LlmSettings.probe(
                                        s.channel(n -> null, System::nanoTime), s.baseUrl()))
                .hasMessageContaining(
                        "the model m at http://127.0.0.1:" + port + "/v1 does not answer");
    }
}
