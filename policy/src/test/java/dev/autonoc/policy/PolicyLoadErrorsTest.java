package dev.autonoc.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad policy file is refused at load with the file, the line and the reason. */
class PolicyLoadErrorsTest {

    private static final String HEADER = "apiVersion: autonoc.dev/v1\nkind: Policy\nrules:\n";

    /** A good rule, lines 4 to 8 after the header. */
    private static final String GOOD =
            """
              - id: allow-orders
                match: {tools: [order_part]}
                condition: cost < 10.0
                effect: ALLOW
                message: fine
            """;

    private static PolicyLoadException refused(String text) {
        try {
            CelPolicyGate.fromText("bad.yaml", text);
        } catch (PolicyLoadException e) {
            return e;
        }
        throw new AssertionError("the policy was accepted:\n" + text);
    }

    private static void assertRefused(String text, int line, String... reasonParts) {
        PolicyLoadException e = refused(text);
        assertThat(e.file()).isEqualTo("bad.yaml");
        assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
        assertThat(e.reason()).contains(reasonParts);
        assertThat(e.getMessage()).startsWith("bad.yaml line " + line + ": ");
    }

    @Test
    void accepts_the_good_rule_these_tests_break() {
        assertThat(CelPolicyGate.fromText("good.yaml", HEADER + GOOD).ruleIds())
                .containsExactly("allow-orders");
    }

    @Test
    void refuses_yaml_that_does_not_parse() {
        assertRefused(
                HEADER + GOOD + "  - id: [unclosed\n",
                9,
                "not valid YAML",
                "while parsing a flow sequence at line 9, column 9");
    }

    @Test
    void refuses_a_bad_indentation() {
        assertRefused(
                HEADER + GOOD.replace("    effect: ALLOW", "   effect: ALLOW"),
                7,
                "not valid YAML",
                "at line 7, column 4");
    }

    @Test
    void refuses_a_quote_left_open_on_the_line_that_opened_it() {
        assertRefused(
                HEADER + GOOD.replace("message: fine", "message: \"fine"),
                8,
                "not valid YAML",
                "found unexpected end of stream",
                "while scanning a quoted scalar at line 8, column 14");
    }

    @Test
    void refuses_a_list_as_a_map_key_and_a_value_that_does_not_read_as_its_tag() {
        assertRefused(
                HEADER + GOOD + "    ? [a]\n    : b\n",
                9,
                "a key is a list or a map; keys are text");
        assertRefused(
                HEADER + GOOD.replace("message: fine", "message: !!int fine"),
                8,
                "'fine' is tagged !!int but does not read as one");
    }

    @Test
    void refuses_an_alias_that_contains_itself_and_reads_one_that_does_not() {
        assertRefused(
                HEADER + GOOD + "    labels: &loop [*loop]\n",
                9,
                "refers to a node that contains it");
        assertThat(
                        CelPolicyGate.fromText(
                                        "good.yaml",
                                        HEADER
                                                + GOOD.replace(
                                                        "[order_part]", "&orders [order_part]")
                                                + GOOD.replace("allow-orders", "also-orders")
                                                        .replace("[order_part]", "*orders"))
                                .ruleIds())
                .containsExactly("allow-orders", "also-orders");
    }

    @Test
    void refuses_an_unquoted_star_with_a_hint_to_quote_it() {
        assertRefused(
                HEADER + GOOD.replace("[order_part]", "[*]"),
                5,
                "not valid YAML",
                "write \"*\" in quotes");
    }

    @Test
    void refuses_an_empty_file() {
        assertRefused("", 1, "the file is empty");
    }

    @Test
    void refuses_a_file_that_is_not_a_map() {
        assertRefused("- just\n- a list\n", 1, "a policy must be a map", "found a list");
    }

    @Test
    void refuses_a_wrong_api_version_or_kind() {
        assertRefused(
                HEADER.replace("v1", "v2") + GOOD,
                1,
                "'apiVersion' is 'autonoc.dev/v2'; accepted: autonoc.dev/v1");
        assertRefused(
                HEADER.replace("kind: Policy", "kind: Scenario") + GOOD, 2, "accepted: Policy");
        assertRefused("kind: Policy\nrules: []\n", 1, "missing 'apiVersion'");
    }

    @Test
    void refuses_an_unknown_key_at_the_top() {
        assertRefused(
                HEADER + GOOD + "defaults: {}\n",
                9,
                "unknown key 'defaults' at the top of a policy",
                "accepted: apiVersion, kind, description, lists, calendars, rules");
    }

    @Test
    void refuses_an_unknown_key_in_a_rule() {
        assertRefused(
                HEADER + GOOD + "    priority: 3\n",
                9,
                "unknown key 'priority' in rule 'allow-orders'",
                "accepted: id, description");
    }

    @Test
    void refuses_an_unknown_key_in_a_match() {
        assertRefused(
                HEADER + GOOD.replace("{tools: [order_part]}", "{tools: [order_part], sites: [a]}"),
                5,
                "unknown key 'sites' in rule 'allow-orders': 'match'",
                "accepted: tools, kinds, regions");
    }

    @Test
    void refuses_a_duplicate_key() {
        assertRefused(
                HEADER + GOOD + "    effect: DENY\n",
                9,
                "duplicate key 'effect' (first on line 7)");
    }

    @Test
    void refuses_a_rule_without_an_id() {
        assertRefused(HEADER + GOOD.replace("- id: allow-orders\n    ", "- "), 4, "missing 'id'");
    }

    @Test
    void refuses_an_id_with_unaccepted_characters() {
        assertRefused(
                HEADER + GOOD.replace("allow-orders", "Allow Orders"),
                4,
                "rule id 'Allow Orders' is not accepted");
    }

    @Test
    void refuses_a_rule_without_an_effect() {
        assertRefused(
                HEADER + GOOD.replace("    effect: ALLOW\n", ""),
                4,
                "missing 'effect' (ALLOW, REQUIRE_APPROVAL or DENY)");
    }

    @Test
    void refuses_an_unknown_effect() {
        assertRefused(
                HEADER + GOOD.replace("ALLOW", "PERMIT"),
                7,
                "unknown effect 'PERMIT'; accepted: ALLOW, REQUIRE_APPROVAL, DENY");
    }

    @Test
    void refuses_a_rule_without_a_message() {
        assertRefused(HEADER + GOOD.replace("    message: fine\n", ""), 4, "missing 'message'");
    }

    @Test
    void refuses_a_duplicate_rule_id() {
        assertRefused(
                HEADER + GOOD + GOOD, 9, "duplicate rule id 'allow-orders' (first on line 4)");
    }

    @Test
    void refuses_an_unknown_tool() {
        assertRefused(
                HEADER + GOOD.replace("[order_part]", "[order_part, order_parts]"),
                5,
                "unknown tool 'order_parts'",
                "accepted: \"*\" or an act tool: open_ticket");
    }

    @Test
    void refuses_a_read_tool() {
        assertRefused(
                HEADER + GOOD.replace("[order_part]", "[check_stock]"),
                5,
                "'check_stock' is a read tool and does not pass the policy gate");
    }

    @Test
    void refuses_an_unknown_element_kind() {
        assertRefused(
                HEADER
                        + GOOD.replace(
                                "{tools: [order_part]}", "{tools: [order_part], kinds: [SWITCH]}"),
                5,
                "unknown element kind 'SWITCH'; accepted: [ROUTER, RADIO, LINK]");
    }

    @Test
    void refuses_require_approval_without_a_role() {
        assertRefused(
                HEADER + GOOD.replace("ALLOW", "REQUIRE_APPROVAL"),
                7,
                "REQUIRE_APPROVAL needs a 'role'",
                "accepted: auditor, noc_operator, noc_supervisor");
    }

    @Test
    void refuses_an_unknown_role() {
        assertRefused(
                HEADER
                        + GOOD.replace(
                                "effect: ALLOW", "effect: REQUIRE_APPROVAL\n    role: noc_boss"),
                8,
                "unknown role 'noc_boss'; accepted: auditor, noc_operator, noc_supervisor");
    }

    @Test
    void refuses_a_role_on_an_effect_other_than_require_approval() {
        assertRefused(
                HEADER + GOOD.replace("effect: ALLOW", "effect: DENY\n    role: noc_operator"),
                8,
                "'role' goes only with effect REQUIRE_APPROVAL, not DENY");
    }

    @Test
    void refuses_a_retry_on_an_allow() {
        assertRefused(
                HEADER + GOOD.replace("effect: ALLOW", "effect: ALLOW\n    retry: later"),
                8,
                "'retry' says whether a denial, or a person's refusal, is for good, so it goes"
                        + " only with effect DENY or REQUIRE_APPROVAL, not ALLOW");
    }

    @Test
    void refuses_a_retry_that_is_neither_later_nor_never() {
        assertRefused(
                HEADER + GOOD.replace("effect: ALLOW", "effect: DENY\n    retry: soon"),
                8,
                "unknown retry 'soon'; accepted: later",
                "or never");
    }

    @Test
    void refuses_a_condition_that_does_not_parse() {
        assertRefused(
                HEADER + GOOD.replace("cost < 10.0", "cost < "),
                6,
                "the condition does not compile",
                "condition:1:");
    }

    @Test
    void refuses_a_condition_naming_an_unknown_variable() {
        PolicyLoadException e = refused(HEADER + GOOD.replace("cost < 10.0", "costs < 10.0"));
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.reason())
                .contains("undeclared reference to 'costs'")
                .contains(
                        "the variables are: tool, args, cost, risk, facts, element, time, history, case");
    }

    @Test
    void refuses_a_condition_naming_an_unknown_key_of_a_fixed_variable() {
        assertRefused(
                HEADER + GOOD.replace("cost < 10.0", "time.hours < 5"),
                6,
                "names 'time.hours', which does not exist",
                "keys of 'time' are: hour, minute");
        assertRefused(
                HEADER + GOOD.replace("cost < 10.0", "has(history.spend)"),
                6,
                "names 'history.spend'");
        assertRefused(
                HEADER + GOOD.replace("cost < 10.0", "element['zone'] == 'a'"),
                6,
                "names 'element.zone'");
    }

    @Test
    void refuses_a_condition_that_is_not_boolean() {
        assertRefused(
                HEADER + GOOD.replace("cost < 10.0", "cost * 2.0"),
                6,
                "the condition must be boolean",
                "of type double");
    }

    @Test
    void refuses_a_non_boolean_condition_even_after_the_same_text_was_accepted_as_a_message_part() {
        // expressions accepted once are reused by their text; the condition's own checks still run
        CelPolicyGate.fromText(
                "good.yaml", HEADER + GOOD.replace("message: fine", "message: \"${cost * 3.0}\""));
        assertRefused(
                HEADER + GOOD.replace("cost < 10.0", "cost * 3.0"),
                6,
                "the condition must be boolean",
                "of type double");
    }

    @Test
    void refuses_a_condition_mixing_types_the_checker_rejects() {
        assertRefused(
                HEADER + GOOD.replace("cost < 10.0", "cost + 1 > 2.0"),
                6,
                "found no matching overload for '_+_'");
    }

    @Test
    void refuses_a_multi_line_condition_at_the_line_of_its_value() {
        assertRefused(
                HEADER + GOOD.replace("cost < 10.0", ">-\n      cost < 10.0 &&\n      factz.x"),
                6,
                "undeclared reference to 'factz'");
    }

    @Test
    void refuses_a_message_whose_cel_part_does_not_compile_or_close() {
        assertRefused(
                HEADER + GOOD.replace("message: fine", "message: \"costs ${costt}\""),
                8,
                "the message part does not compile",
                "undeclared reference to 'costt'");
        assertRefused(
                HEADER + GOOD.replace("message: fine", "message: \"costs ${cost\""),
                8,
                "without its closing '}'");
    }

    @Test
    void refuses_a_second_document() {
        assertRefused(HEADER + GOOD + "---\n" + HEADER, 10, "a second YAML document");
    }

    @Test
    void names_the_file_it_loaded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("strict.yaml");
        Files.writeString(file, HEADER + GOOD.replace("order_part]", "order_prt]"));
        assertThatThrownBy(() -> CelPolicyGate.load(file))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageStartingWith(
                        "strict.yaml line 5: rule 'allow-orders': unknown tool 'order_prt'");
    }

    // --- lists and calendars

    /** Lines 3 to 8: a list and a calendar; the rules start on line 9. */
    private static final String DATA_HEADER =
            """
            apiVersion: autonoc.dev/v1
            kind: Policy
            lists:
              never_touch: [peering-rtr-01]
            calendars:
              change_freeze:
                - {from: 2025-12-19T18:00:00Z, to: 2026-01-05}
                - {from: 2026-12-18, to: 2027-01-04, description: next year}
            rules:
            """;

    private static final String DATA_RULE =
            """
              - id: freeze
                match: {tools: [reroute_traffic]}
                condition: calendars.change_freeze || element.id in lists.never_touch
                effect: DENY
                message: frozen
            """;

    @Test
    void accepts_rules_over_its_own_lists_and_calendars() {
        assertThat(CelPolicyGate.fromText("good.yaml", DATA_HEADER + DATA_RULE).ruleIds())
                .containsExactly("freeze");
    }

    @Test
    void refuses_a_rule_naming_a_list_or_calendar_the_file_does_not_declare() {
        assertRefused(
                DATA_HEADER + DATA_RULE.replace("lists.never_touch", "lists.nevertouch"),
                12,
                "names 'lists.nevertouch', which this policy does not declare",
                "its lists are: never_touch");
        assertRefused(
                DATA_HEADER + DATA_RULE.replace("calendars.change_freeze", "calendars['freeze']"),
                12,
                "names 'calendars.freeze'",
                "its calendars are: change_freeze");
        // the same text was accepted by another file: the names are still this file's own
        assertRefused(HEADER + DATA_RULE, 6, "its calendars are: (none)");
    }

    @Test
    void refuses_a_list_that_is_not_a_list_of_names() {
        assertRefused(
                DATA_HEADER.replace("[peering-rtr-01]", "peering-rtr-01") + DATA_RULE,
                4,
                "list 'never_touch' must be a list of names");
        assertRefused(
                DATA_HEADER.replace("[peering-rtr-01]", "[peering-rtr-01, 7]") + DATA_RULE,
                4,
                "list 'never_touch' holds names (text), found the number 7");
        assertRefused(
                DATA_HEADER.replace("  never_touch:", "  Never-Touch:") + DATA_RULE,
                4,
                "list name 'Never-Touch' is not accepted");
    }

    @Test
    void refuses_a_calendar_window_it_cannot_read() {
        assertRefused(
                DATA_HEADER.replace("to: 2026-01-05}", "to: next monday}") + DATA_RULE,
                7,
                "calendar 'change_freeze': 'to' is 'next monday'",
                "accepted: a UTC instant such as 2025-12-19T18:00:00Z or a date");
        assertRefused(
                DATA_HEADER.replace("to: 2026-01-05}", "to: 2025-12-19}") + DATA_RULE,
                7,
                "the window ends (2025-12-19T00:00:00Z) before it starts (2025-12-19T18:00:00Z)");
        assertRefused(
                DATA_HEADER.replace(", description: next year}", ", until: 2027-01-05}")
                        + DATA_RULE,
                8,
                "unknown key 'until' in a window of calendar 'change_freeze'",
                "accepted: from, to, description");
        assertRefused(
                DATA_HEADER.replace("- {from: 2026-12-18, ", "- {") + DATA_RULE,
                8,
                "missing 'from'");
    }
}
