package dev.autonoc.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A rule that can never decide because a broader DENY always fires with it is refused at load, and
 * so is a condition comparing a variable with a name it can never hold.
 */
class PolicyShadowingTest {

    private static final String HEADER = "apiVersion: autonoc.dev/v1\nkind: Policy\nrules:\n";

    private static String rule(String id, String match, String condition, String effect) {
        return "  - id: "
                + id
                + "\n    match: "
                + match
                + "\n"
                + (condition.isEmpty() ? "" : "    condition: \"" + condition + "\"\n")
                + "    effect: "
                + effect
                + "\n"
                + (effect.equals("REQUIRE_APPROVAL") ? "    role: noc_operator\n" : "")
                + "    message: m\n";
    }

    private static PolicyLoadException refused(String text) {
        try {
            CelPolicyGate.fromText("shadow.yaml", text);
        } catch (PolicyLoadException e) {
            return e;
        }
        throw new AssertionError("the policy was accepted:\n" + text);
    }

    @Test
    void refuses_an_allow_under_an_unconditional_deny_of_every_act_tool() {
        PolicyLoadException e =
                refused(
                        HEADER
                                + rule("orders", "{tools: [order_part]}", "cost < 10.0", "ALLOW")
                                + rule("freeze", "{tools: [\"*\"]}", "", "DENY"));
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage())
                .startsWith("shadow.yaml line 4: rule 'orders' (ALLOW) can never decide")
                .contains("rule 'freeze' on line 9 is a DENY");
    }

    @ParameterizedTest(name = "{0} / {1} under DENY {2} / {3}")
    @CsvSource(
            delimiter = ';',
            quoteCharacter = '`',
            value = {
                "{tools: [order_part], regions: [north]} ; cost < 10.0 ; {tools: [order_part]} ; ``",
                "{tools: [order_part], kinds: [LINK]} ; `` ; {tools: [order_part, restart_element], kinds: [LINK, ROUTER]} ; true",
                "{tools: [order_part]} ; cost < 10.0 && time.hour < 5 ; {tools: [order_part]} ; time.hour<5",
                "{tools: [order_part]} ; (cost < 10.0) && (risk == 'LOW') ; {tools: [\"*\"]} ; (risk == 'LOW')",
            })
    void refuses_a_rule_whenever_a_deny_covers_its_match_and_its_condition(
            String match, String condition, String denyMatch, String denyCondition) {
        PolicyLoadException e =
                refused(
                        HEADER
                                + rule("narrow", match, condition, "REQUIRE_APPROVAL")
                                + rule("broad", denyMatch, denyCondition, "DENY"));
        assertThat(e.reason()).contains("rule 'narrow' (REQUIRE_APPROVAL) can never decide");
    }

    @ParameterizedTest(name = "{0} / {1} beside DENY {2} / {3}")
    @CsvSource(
            delimiter = ';',
            quoteCharacter = '`',
            value = {
                // the DENY matches fewer tools, kinds or regions
                "{tools: [order_part, restart_element]} ; `` ; {tools: [order_part]} ; ``",
                "{tools: [order_part]} ; `` ; {tools: [order_part], regions: [north]} ; ``",
                "{tools: [order_part], kinds: [LINK, ROUTER]} ; `` ; {tools: [order_part], kinds: [LINK]} ; ``",
                // the DENY's condition is not part of the rule's
                "{tools: [order_part]} ; cost < 10.0 ; {tools: [order_part]} ; cost > 5.0",
                "{tools: [order_part]} ; cost < 10.0 || time.hour < 5 ; {tools: [order_part]} ; time.hour < 5",
                "{tools: [order_part]} ; cost < 10.0 ; {tools: [order_part]} ; cost < 10.0 && risk == 'HIGH'",
            })
    void accepts_a_rule_beside_a_deny_that_does_not_always_fire_with_it(
            String match, String condition, String denyMatch, String denyCondition) {
        CelPolicyGate gate =
                CelPolicyGate.fromText(
                        "ok.yaml",
                        HEADER
                                + rule("narrow", match, condition, "ALLOW")
                                + rule("broad", denyMatch, denyCondition, "DENY"));
        assertThat(gate.ruleIds()).containsExactly("narrow", "broad");
    }

    @Test
    void accepts_a_deny_under_a_broader_deny() {
        assertThat(
                        CelPolicyGate.fromText(
                                        "ok.yaml",
                                        HEADER
                                                + rule("a", "{tools: [order_part]}", "", "DENY")
                                                + rule("b", "{tools: [\"*\"]}", "", "DENY"))
                                .ruleIds())
                .hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            quoteCharacter = '`',
            value = {
                "tool == 'order_prt' ; compares 'tool' with 'order_prt'",
                "'check_stock' != tool ; 'check_stock' is a read tool and never passes the gate",
                "tool in ['order_part', 'reboot'] ; compares 'tool' with 'reboot'",
                "element.kind == 'SWITCH' ; `'SWITCH' is not a value of 'element.kind'; accepted: ROUTER, RADIO, LINK`",
                "element['kind'] == 'router' ; 'router' is not a value of 'element.kind'",
                "risk == 'CRITICAL' ; accepted: LOW, MEDIUM, HIGH",
                "case.predicted && case.mode == 'FAN' ; 'FAN' is not a value of 'case.mode'",
                "time.weekday == 'Monday' ; accepted: MONDAY, TUESDAY",
            })
    void refuses_a_condition_comparing_a_variable_with_a_name_it_never_holds(
            String condition, String reason) {
        PolicyLoadException e =
                refused(HEADER + rule("r", "{tools: [order_part]}", condition, "ALLOW"));
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.reason()).contains("the condition ").contains(reason);
    }

    @Test
    void refuses_a_message_part_comparing_a_variable_with_a_name_it_never_holds() {
        String text =
                HEADER
                        + "  - id: r\n    match: {tools: [order_part]}\n    effect: ALLOW\n"
                        + "    message: \"${tool == 'order_parts' ? 'yes' : 'no'}\"\n";
        PolicyLoadException e = refused(text);
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.reason()).contains("the message part compares 'tool' with 'order_parts'");
    }

    @Test
    void splits_a_condition_into_its_top_level_and_parts_only() {
        assertThat(PolicyChecks.conjuncts("a && (b || c) && d == 'x && y'"))
                .containsExactly("a", "b||c", "d=='x && y'");
        assertThat(PolicyChecks.conjuncts("(a && b)")).containsExactly("a", "b");
        assertThat(PolicyChecks.conjuncts("a && b || c")).containsExactly("a&&b||c");
        assertThat(PolicyChecks.conjuncts("a ? b && c : d")).containsExactly("a?b&&c:d");
        assertThat(PolicyChecks.conjuncts("(a) || (b)")).containsExactly("(a)||(b)");
    }
}
