package dev.autonoc.evals.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.policy.CelPolicyGate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code autonoc policy explain}: an action from JSON (a file or stdin) or from options, the
 * decision and every rule's verdict, as a table or as JSON; bad input exits 2 naming the field.
 */
class PolicyExplainCommandTest {

    private static final String ORDER_2800 =
            """
            {"tool": "order_part", "element": "core-rtr-02", "cost": 2800,
             "arguments": {"part": "SFP-OPTIC"}, "facts": {"part": "SFP-OPTIC"},
             "at": "2025-01-06T10:00:00Z"}
            """;

    @TempDir Path dir;

    private final InProcessCli cli = InProcessCli.accumulating();

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void an_action_file_is_explained_with_every_rules_verdict() throws IOException {
        int code =
                cli.run("policy", "explain", "--action", file("order.json", ORDER_2800).toString());

        assertThat(code).as(cli.err()).isZero();
        String text = cli.out();
        assertThat(text)
                .contains("order_part on core-rtr-02 (ROUTER core, south)")
                .contains("decision: REQUIRE_APPROVAL, by a person with the role noc_operator")
                .contains("because order-part-approve-operator: the order costs 2800 GBP");
        // one line per rule of the policy, in file order, with its verdict
        List<String> ruleIds = CelPolicyGate.defaultPolicy().ruleIds();
        List<String> rows = rows(text, ruleIds);
        assertThat(rows).hasSameSizeAs(ruleIds);
        assertThat(row(rows, "order-part-approve-operator"))
                .startsWith("  * FIRED")
                .contains("REQUIRE_APPROVAL (noc_operator): the order costs 2800 GBP");
        assertThat(row(rows, "order-part-allow-small")).startsWith("    CONDITION_FALSE");
        assertThat(row(rows, "tickets-allow")).startsWith("    NOT_MATCHED");
        assertThat(text)
                .contains(
                        ruleIds.size()
                                + " rules, in file order: 1 fired, 0 could not be evaluated");
    }

    @Test
    void the_same_action_from_stdin_or_from_options_is_explained_the_same() throws IOException {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(ORDER_2800.getBytes(StandardCharsets.UTF_8)));
            assertThat(cli.run("policy", "explain", "--action", "-")).as(cli.err()).isZero();
        } finally {
            System.setIn(stdin);
        }
        String fromStdin = cli.out();
        cli.clearOut();

        int code =
                cli.run(
                        "policy",
                        "explain",
                        "--tool",
                        "order_part",
                        "--element",
                        "core-rtr-02",
                        "--cost",
                        "2800",
                        "--arg",
                        "part=SFP-OPTIC",
                        "--fact",
                        "part=SFP-OPTIC");

        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.out()).isEqualTo(fromStdin);
    }

    @Test
    void json_output_holds_the_decision_and_every_rule() throws IOException {
        int code =
                cli.run(
                        "policy",
                        "explain",
                        "--json",
                        "--action",
                        file("order.json", ORDER_2800).toString());

        assertThat(code).as(cli.err()).isZero();
        JsonNode e = JsonMapper.builder().build().readTree(cli.out());
        CelPolicyGate gate = CelPolicyGate.defaultPolicy();
        assertThat(e.at("/policy").asString()).isEqualTo("default.yaml");
        assertThat(e.at("/policyVersion").asString()).isEqualTo(gate.version());
        assertThat(e.at("/decision/effect").asString()).isEqualTo("REQUIRE_APPROVAL");
        assertThat(e.at("/decision/requiredRole").asString()).isEqualTo("noc_operator");
        assertThat(e.at("/decision/decisionId").asString()).isEqualTo(CelPolicyGate.EXPLANATION_ID);
        assertThat(e.at("/action/region").asString()).isEqualTo("south");
        assertThat(e.at("/action/arguments/part").asString()).isEqualTo("SFP-OPTIC");
        List<String> ids = new ArrayList<>();
        e.at("/rules").forEach(r -> ids.add(r.at("/id").asString()));
        assertThat(ids).containsExactlyElementsOf(gate.ruleIds());
        JsonNode asked = e.at("/rules/" + ids.indexOf("order-part-approve-operator"));
        assertThat(asked.at("/verdict").asString()).isEqualTo("FIRED");
        assertThat(asked.at("/contributed").asString()).isEqualTo("REQUIRE_APPROVAL");
        assertThat(asked.at("/decided").asBoolean()).isTrue();
        assertThat(asked.at("/message").asString()).contains("2800");
        assertThat(asked.at("/rule/condition").asString())
                .isEqualTo("cost > 1000.0 && cost <= 5000.0");
        JsonNode tickets = e.at("/rules/0");
        assertThat(tickets.at("/verdict").asString()).isEqualTo("NOT_MATCHED");
        assertThat(tickets.at("/contributed").isNull()).isTrue();
        assertThat(tickets.at("/rule/match/tools").size()).isEqualTo(3);
    }

    @Test
    void bad_json_exits_2_naming_the_field_and_what_is_accepted() throws IOException {
        assertThat(refusedAction("bad.json", "{\"tool\": \"order_part\", \"cost\": \"lots\"}"))
                .contains("bad.json: field 'cost' must be a number >= 0 (GBP)")
                .contains("found a string (\"lots\")");
        assertThat(cli.out()).isEmpty();

        assertThat(refusedAction("typo.json", "{\"tool\": \"order_part\", \"kost\": 1}"))
                .contains("field 'kost' is not a field of an action; accepted: tool, element,");
        assertThat(refusedAction("cut.json", "{\"tool\":"))
                .contains("cut.json: the action is not valid JSON");
        assertThat(
                        refusedAction(
                                "elsewhere.json",
                                "{\"tool\": \"order_part\", \"element\": \"core-rtr-99\"}"))
                .contains("no element 'core-rtr-99' in the metro network");
    }

    /**
     * Runs {@code policy explain --action FILE} on a file {@code name} holding {@code json},
     * expecting exit code 2; what it said on stderr.
     */
    private String refusedAction(String name, String json) throws IOException {
        cli.clearErr();
        assertThat(cli.run("policy", "explain", "--action", file(name, json).toString()))
                .as(name)
                .isEqualTo(2);
        return cli.err();
    }

    @Test
    void the_action_comes_from_json_or_from_options_never_both_and_never_neither()
            throws IOException {
        Path order = file("order.json", ORDER_2800);
        assertThat(cli.run("policy", "explain", "--action", order.toString(), "--cost", "10"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("not both; --action came with --cost");

        cli.clearErr();
        assertThat(cli.run("policy", "explain")).isEqualTo(2);
        assertThat(cli.err()).contains("no action; give --action FILE");

        cli.clearErr();
        assertThat(cli.run("policy", "explain", "--action", dir.resolve("none.json").toString()))
                .isEqualTo(2);
        assertThat(cli.err()).contains("no such file");

        cli.clearErr();
        assertThat(cli.run("policy", "explain", "--tool", "order_part", "--cost", "-5"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("--cost must be a finite number >= 0");
    }

    @Test
    void a_rule_that_cannot_be_evaluated_shows_as_an_error_that_decided() throws IOException {
        // the rule reads facts.in_shift without has(): without the fact it fails closed
        Path policy =
                file(
                        "strict.yaml",
                        """
                        apiVersion: autonoc.dev/v1
                        kind: Policy
                        rules:
                          - id: order-in-shift
                            match: {tools: [order_part]}
                            condition: facts.in_shift == true
                            effect: ALLOW
                            message: in shift
                        """);

        int code =
                cli.run("policy", "explain", "--policy", policy.toString(), "--tool", "order_part");

        assertThat(code).as(cli.err()).isZero();
        List<String> rows = rows(cli.out(), List.of("order-in-shift"));
        assertThat(rows)
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(r)
                                        .startsWith("  * ERROR")
                                        .contains("ALLOW")
                                        .contains("DENY: rule order-in-shift could not be"));
        assertThat(cli.out()).contains("policy: strict.yaml").contains("decision: DENY");
    }

    @Test
    void help_describes_the_json_and_the_options() {
        assertThat(cli.run("policy", "explain", "--help")).isZero();
        assertThat(cli.out())
                .contains("--action")
                .contains("--json")
                .contains("\"tool\": \"order_part\"")
                .contains("--tool")
                .contains("NOT_MATCHED");
    }

    /** The table's rows, one per rule: lines whose third column is a rule id. */
    private static List<String> rows(String text, List<String> ruleIds) {
        List<String> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] cols = line.substring(Math.min(4, line.length())).trim().split("\\s+");
            if (line.startsWith("  ") && cols.length >= 2 && ruleIds.contains(cols[1])) {
                rows.add(line);
            }
        }
        return rows;
    }

    private static String row(List<String> rows, String ruleId) {
        return rows.stream()
                .filter(
                        r ->
                                r.split("\\s+").length > 3
                                        && List.of(r.trim().split("\\s+")).contains(ruleId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + ruleId + " in " + rows));
    }
}
