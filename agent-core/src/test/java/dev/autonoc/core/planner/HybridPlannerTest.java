package dev.autonoc.core.planner;

import static dev.autonoc.core.planner.llm.ScriptedOpenAiServer.call;
import static dev.autonoc.core.planner.llm.ScriptedOpenAiServer.calls;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.casefile.Exclusion;
import dev.autonoc.core.plan.CaseContext;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanningRequest;
import dev.autonoc.core.plan.ToolReader;
import dev.autonoc.core.planner.llm.LlmPlanner;
import dev.autonoc.core.planner.llm.LlmSettings;
import dev.autonoc.core.planner.llm.ScriptedOpenAiServer;
import dev.autonoc.core.planner.llm.ScriptedOpenAiServer.Status;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hybrid planner: the playbook first, the model where the playbook is out of its depth. */
class HybridPlannerTest {

    final Planning w = new Planning();
    final ScriptedOpenAiServer server = ScriptedOpenAiServer.start();
    final List<AuditEvent> ledger = new ArrayList<>();

    @AfterEach
    void stop() {
        server.close();
    }

    HybridPlanner hybrid() {
        LlmPlanner model =
                new LlmPlanner(
                        LlmSettings.of(server.baseUrl(), "scripted-planner")
                                .channel(name -> null, System::nanoTime),
                        w.net.tools().stream().map(Tool::descriptor).toList(),
                        3,
                        ledger::add);
        return new HybridPlanner(new PlaybookPlanner(w.settings), model, ledger::add);
    }

    /** The fake operator's reads, with elements outside the south region unknown. */
    ToolReader reader() {
        ToolReader inner = w.net.reader();
        return (tool, args) ->
                tool.equals("get_element")
                                && !String.valueOf(args.get("element_id")).startsWith("core-rtr-0")
                        ? ToolResult.invalid("no element " + args.get("element_id"))
                        : inner.read(tool, args);
    }

    Plan plan(Duration ttf) {
        return hybrid().plan(
                        new PlanningRequest(
                                Planning.CASE,
                                Planning.CORE,
                                w.prediction(Planning.CORE, FailureMode.FAN_WEAR, 0.95, ttf),
                                w.now,
                                reader(),
                                w.context));
    }

    static final String MODEL_PLAN =
            """
            {"rationale":"drain now, expedite from central","steps":[
              {"tool":"open_ticket","arguments":{"case_id":"case-0001","element_id":"core-rtr-02","summary":"fan","severity":"major"}},
              {"tool":"reroute_traffic","arguments":{"element_id":"core-rtr-02"}},
              {"tool":"order_part","arguments":{"part":"FAN-TRAY","source":"central","site":"site-02","element_id":"core-rtr-02","expedite":true}}]}""";

    Map<String, Object> consulted() {
        List<AuditEvent> events =
                ledger.stream().filter(e -> e.type() == AuditEventType.MODEL_CONSULTED).toList();
        assertThat(events).hasSize(1);
        return events.get(0).payload();
    }

    @Test
    void a_case_the_playbook_mends_in_time_never_reaches_the_model() {
        Plan plan = plan(Duration.ofHours(38));

        assertThat(plan.planner()).isEqualTo("playbook");
        assertThat(server.requests()).isEmpty();
        assertThat(ledger).isEmpty();
    }

    @Test
    void when_no_way_beats_the_deadline_the_model_is_asked_and_its_checked_plan_taken() {
        w.net.sources.get("south").available = 0;
        server.then(calls(call("submit_plan", MODEL_PLAN)));

        Plan plan = plan(Duration.ofHours(6));

        assertThat(plan.planner()).isEqualTo("llm");
        assertThat(plan.steps())
                .extracting(s -> s.call().tool())
                .containsExactly("open_ticket", "reroute_traffic", "order_part");
        assertThat(plan.rationale())
                .startsWith("asked the model (no way to mend ends before the deadline");
        Map<String, Object> event = consulted();
        assertThat(event).containsEntry("use", "ADOPTED").containsEntry("planner", "hybrid");
        assertThat(String.valueOf(event.get("asked_because"))).contains("deadline");
        assertThat((List<?>) event.get("playbook_plan")).isNotEmpty();
        assertThat((List<?>) event.get("model_plan")).hasSize(3);
    }

    @Test
    void a_model_that_fails_leaves_the_playbooks_plan_in_force_and_the_ledger_says_why() {
        w.net.sources.get("south").available = 0;
        server.then(new Status(500, "{\"error\":{\"message\":\"overloaded\"}}"));

        Plan plan = plan(Duration.ofHours(6));

        assertThat(plan.planner()).isEqualTo("playbook");
        assertThat(plan.rationale()).contains("the model was asked").contains("not followed");
        assertThat(consulted())
                .containsEntry("use", "FELL_BACK")
                .hasEntrySatisfying(
                        "why_not_taken", v -> assertThat((String) v).contains("did not answer"));
    }

    @Test
    void a_model_plan_on_an_element_that_does_not_exist_never_reaches_the_gate() {
        w.net.sources.get("south").available = 0;
        String ghost =
                MODEL_PLAN.replace(
                        "{\"element_id\":\"core-rtr-02\"}", "{\"element_id\":\"core-rtr-77x\"}");
        server.then(
                calls(call("submit_plan", ghost)),
                calls(call("submit_plan", ghost)),
                calls(call("submit_plan", ghost)));

        Plan plan = plan(Duration.ofHours(6));

        assertThat(plan.planner()).isEqualTo("playbook");
        Map<String, Object> event = consulted();
        assertThat(event).containsEntry("use", "FELL_BACK").containsEntry("invalid_tool_calls", 3L);
        assertThat(String.valueOf(event.get("problems"))).contains("no element 'core-rtr-77x'");
    }

    @Test
    void a_replan_after_a_refusal_learnt_now_asks_the_model() {
        Exclusion refused =
                new Exclusion(
                        "dispatch_engineer",
                        Map.of("engineer_id", "eng-s1"),
                        "engineer off sick",
                        w.now);
        w.context =
                new CaseContext(
                        1,
                        0,
                        "step 2 (dispatch_engineer) refused: engineer off sick",
                        Optional.empty(),
                        List.of(),
                        List.of(),
                        List.of(refused),
                        List.of());
        server.then(new Status(429, "{\"error\":{\"message\":\"rate\"}}"));

        Plan plan = plan(Duration.ofHours(38));

        assertThat(plan.planner()).isEqualTo("playbook");
        assertThat(String.valueOf(consulted().get("asked_because")))
                .isEqualTo("replanning after a refusal of dispatch_engineer: engineer off sick");
    }
}
