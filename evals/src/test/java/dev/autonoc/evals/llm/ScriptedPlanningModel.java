package dev.autonoc.evals.llm;

import dev.autonoc.core.planner.llm.ScriptedOpenAiServer;
import dev.autonoc.core.planner.llm.ScriptedOpenAiServer.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for a language model behind the scripted server, for the evals' recordings: it answers
 * any case the way a middling model might. It reads the element and the engineers, then submits a
 * plain plan (ticket, traffic off, part expedited from central, the first engineer with the skill a
 * day later, traffic back, ticket closed; for a memory leak a restart with the traffic moved off),
 * keeping whatever earlier steps stand. On every other case its first plan names an element that
 * does not exist, as models do, and it mends the plan when told. Deterministic: the same request
 * gets the same answer.
 */
public final class ScriptedPlanningModel {

    private static final JsonMapper JSON =
            JsonMapper.builder()
                    .enable(tools.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .build();
    private static final Pattern CASE = Pattern.compile("Case (\\S+) at (\\S+) \\(UTC\\)");
    private static final Pattern ELEMENT =
            Pattern.compile(
                    "Element (\\S+): kind (\\S+), role (\\S+), region (\\S+), site (\\S+)\\.");
    private static final Pattern PART = Pattern.compile("The part that mends it: (\\S+)\\.");
    private static final Pattern STANDS = Pattern.compile("^- step (\\d+): ", Pattern.MULTILINE);

    private ScriptedPlanningModel() {}

    /** A scripted server answering as this model. */
    public static ScriptedOpenAiServer start() {
        return ScriptedOpenAiServer.start().respondWith(ScriptedPlanningModel::answer);
    }

    @SuppressWarnings("unchecked")
    static Reply answer(Map<String, Object> request) {
        List<Map<String, Object>> messages = (List<Map<String, Object>>) request.get("messages");
        String prompt = String.valueOf(messages.get(1).get("content"));
        Matcher c = CASE.matcher(prompt);
        Matcher e = ELEMENT.matcher(prompt);
        if (!c.find() || !e.find()) {
            return new ScriptedOpenAiServer.Text("I cannot tell which case this is.");
        }
        String caseId = c.group(1);
        Instant now = Instant.parse(c.group(2));
        String element = e.group(1);
        String region = e.group(4);
        String site = e.group(5);
        Map<String, Object> last = messages.get(messages.size() - 1);
        String lastTool = "tool".equals(last.get("role")) ? toolNameOf(messages, last) : "";
        if (lastTool.isEmpty()) {
            return ScriptedOpenAiServer.calls(
                    ScriptedOpenAiServer.call("get_element", json(Map.of("element_id", element))));
        }
        if (lastTool.equals("get_element")) {
            return ScriptedOpenAiServer.calls(
                    ScriptedOpenAiServer.call("list_engineers", json(Map.of("region", region))));
        }
        String engineer = "eng-none";
        for (Map<String, Object> m : messages) {
            if ("tool".equals(m.get("role")) && "list_engineers".equals(toolNameOf(messages, m))) {
                engineer = firstEngineer(String.valueOf(m.get("content")), e.group(2));
            }
        }
        boolean refusedBefore = String.valueOf(last.get("content")).startsWith("plan refused");
        boolean hallucinate = !refusedBefore && (caseId.hashCode() & 1) == 1;
        Matcher part = PART.matcher(prompt);
        List<Integer> keeps = new ArrayList<>();
        Matcher stands = STANDS.matcher(prompt);
        while (stands.find()) {
            keeps.add(Integer.parseInt(stands.group(1)));
        }
        String target = hallucinate ? element + "-b" : element;
        List<Object> steps = new ArrayList<>();
        steps.add(
                Map.of(
                        "tool", "open_ticket",
                        "arguments",
                                Map.of(
                                        "case_id",
                                        caseId,
                                        "element_id",
                                        element,
                                        "summary",
                                        "predicted failure of " + element,
                                        "severity",
                                        "major"),
                        "purpose", "track the case"));
        steps.add(
                Map.of(
                        "tool", "reroute_traffic",
                        "arguments", Map.of("element_id", target),
                        "purpose", "move the traffic off first"));
        if (part.find()) {
            Instant start = now.plus(Duration.ofHours(24));
            steps.add(
                    Map.of(
                            "tool", "order_part",
                            "arguments",
                                    Map.of(
                                            "part",
                                            part.group(1),
                                            "source",
                                            "central",
                                            "site",
                                            site,
                                            "element_id",
                                            element,
                                            "expedite",
                                            true),
                            "purpose", "the part, as fast as it comes"));
            steps.add(
                    Map.of(
                            "tool",
                            "dispatch_engineer",
                            "arguments",
                            Map.of(
                                    "engineer_id",
                                    engineer,
                                    "element_id",
                                    element,
                                    "site",
                                    site,
                                    "start",
                                    start.toString(),
                                    "task",
                                    "replace the " + part.group(1),
                                    "part",
                                    part.group(1)),
                            "not_before",
                            now.toString(),
                            "purpose",
                            "fit the part"));
            steps.add(
                    Map.of(
                            "tool",
                            "restore_traffic",
                            "arguments",
                            Map.of("element_id", element),
                            "after_step",
                            3,
                            "purpose",
                            "traffic back once mended"));
        } else {
            steps.add(
                    Map.of(
                            "tool",
                            "restart_element",
                            "arguments",
                            Map.of("element_id", element),
                            "after_step",
                            1,
                            "purpose",
                            "clear the leak"));
            steps.add(
                    Map.of(
                            "tool",
                            "restore_traffic",
                            "arguments",
                            Map.of("element_id", element),
                            "after_step",
                            2,
                            "purpose",
                            "traffic back after the restart"));
        }
        Map<String, Object> plan =
                Map.of(
                        "rationale", "mend " + element + " the plain way",
                        "keeps", keeps,
                        "steps", steps);
        return ScriptedOpenAiServer.calls(ScriptedOpenAiServer.call("submit_plan", json(plan)));
    }

    @SuppressWarnings("unchecked")
    private static String toolNameOf(
            List<Map<String, Object>> messages, Map<String, Object> result) {
        Object id = result.get("tool_call_id");
        for (Map<String, Object> m : messages) {
            if (m.get("tool_calls") instanceof List<?> calls) {
                for (Object o : calls) {
                    Map<String, Object> call = (Map<String, Object>) o;
                    if (call.get("id").equals(id)) {
                        return String.valueOf(
                                ((Map<String, Object>) call.get("function")).get("name"));
                    }
                }
            }
        }
        return "";
    }

    /** The first engineer in a fenced list_engineers answer whose skills fit the element's kind. */
    private static String firstEngineer(String fenced, String kind) {
        int open = fenced.indexOf('\n');
        int close = fenced.lastIndexOf("\n</data");
        if (open < 0 || close <= open) {
            return "eng-none";
        }
        Map<String, Object> answer =
                JSON.readValue(
                        fenced.substring(open + 1, close),
                        new TypeReference<Map<String, Object>>() {});
        String skill =
                switch (kind) {
                    case "ROUTER" -> "router";
                    case "RADIO" -> "radio";
                    default -> "fibre";
                };
        if (answer.get("data") instanceof Map<?, ?> data
                && data.get("engineers") instanceof List<?> list) {
            for (Object o : list) {
                Map<?, ?> eng = (Map<?, ?>) o;
                if (eng.get("skills") instanceof List<?> skills && skills.contains(skill)) {
                    return String.valueOf(eng.get("engineer_id"));
                }
            }
        }
        return "eng-none";
    }

    private static String json(Object value) {
        return JSON.writeValueAsString(value);
    }
}
