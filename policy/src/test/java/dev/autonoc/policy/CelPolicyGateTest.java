package dev.autonoc.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.core.tool.ToolNames;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How rules combine into a decision, independent of the default policy's numbers. */
class CelPolicyGateTest {

    private static final String HEADER = "apiVersion: autonoc.dev/v1\nkind: Policy\nrules:\n";

    static CelPolicyGate policy(String rules) {
        return CelPolicyGate.fromText("test.yaml", HEADER + rules);
    }

    private static final String ALLOW_ORDERS =
            """
              - id: allow-orders
                match: {tools: [order_part]}
                effect: ALLOW
                message: orders are fine
            """;

    @Test
    void denies_by_default_when_no_rule_matches_the_tool() {
        Decision d = policy(ALLOW_ORDERS).evaluate(Requests.of(ToolNames.RESTART_ELEMENT).build());
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.ruleIds()).isEmpty();
        assertThat(d.reasons()).containsExactly("no rule allows restart_element; default deny");
    }

    @Test
    void denies_by_default_when_the_matching_rules_conditions_are_false() {
        CelPolicyGate gate =
                policy(
                        """
                          - id: allow-cheap
                            match: {tools: ["*"]}
                            condition: cost < 10.0
                            effect: ALLOW
                            message: cheap
                        """);
        assertThat(gate.evaluate(Requests.of(ToolNames.ORDER_PART).cost(20).build()).reasons())
                .containsExactly("no rule allows order_part; default deny");
    }

    @Test
    void deny_beats_require_approval_beats_allow() {
        String rules =
                ALLOW_ORDERS
                        + """
                          - id: approve-pricey
                            match: {tools: [order_part]}
                            condition: cost > 100.0
                            effect: REQUIRE_APPROVAL
                            role: noc_operator
                            message: pricey
                          - id: deny-very-pricey
                            match: {tools: [order_part]}
                            condition: cost > 1000.0
                            effect: DENY
                            message: too pricey
                        """;
        CelPolicyGate gate = policy(rules);

        Decision cheap = gate.evaluate(Requests.of(ToolNames.ORDER_PART).cost(50).build());
        Decision pricey = gate.evaluate(Requests.of(ToolNames.ORDER_PART).cost(500).build());
        PolicyEvaluation veryPricey =
                gate.evaluateInDetail(Requests.of(ToolNames.ORDER_PART).cost(5000).build());

        assertThat(cheap.effect()).isEqualTo(Effect.ALLOW);
        assertThat(pricey.effect()).isEqualTo(Effect.REQUIRE_APPROVAL);
        assertThat(pricey.ruleIds()).containsExactly("approve-pricey");
        assertThat(pricey.reasons()).containsExactly("pricey");
        assertThat(veryPricey.decision().effect()).isEqualTo(Effect.DENY);
        assertThat(veryPricey.decision().ruleIds()).containsExactly("deny-very-pricey");
        assertThat(veryPricey.decision().reasons()).containsExactly("too pricey");
        assertThat(veryPricey.fired())
                .extracting(FiredRule::ruleId)
                .containsExactly("allow-orders", "approve-pricey", "deny-very-pricey");
    }

    @Test
    void with_several_approvals_the_role_that_includes_the_others_is_required() {
        CelPolicyGate gate =
                policy(
                        """
                          - id: operator-looks
                            match: {tools: [order_part]}
                            effect: REQUIRE_APPROVAL
                            role: noc_operator
                            message: an operator looks
                          - id: supervisor-looks
                            match: {tools: [order_part]}
                            effect: REQUIRE_APPROVAL
                            role: noc_supervisor
                            message: a supervisor looks
                          - id: operator-looks-again
                            match: {tools: [order_part]}
                            effect: REQUIRE_APPROVAL
                            role: noc_operator
                            message: an operator looks again
                        """);
        Decision d = gate.evaluate(Requests.of(ToolNames.ORDER_PART).build());
        assertThat(d.effect()).isEqualTo(Effect.REQUIRE_APPROVAL);
        assertThat(d.requiredRole()).contains("noc_supervisor");
        assertThat(d.ruleIds())
                .containsExactly("operator-looks", "supervisor-looks", "operator-looks-again");
    }

    @Test
    void denies_when_no_single_role_includes_the_others() {
        CelPolicyGate gate =
                policy(
                        """
                          - id: operator-looks
                            match: {tools: [order_part]}
                            effect: REQUIRE_APPROVAL
                            role: noc_operator
                            message: an operator looks
                          - id: auditor-looks
                            match: {tools: [order_part]}
                            effect: REQUIRE_APPROVAL
                            role: auditor
                            message: an auditor looks
                        """);
        Decision d = gate.evaluate(Requests.of(ToolNames.ORDER_PART).build());
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.ruleIds()).containsExactly("operator-looks", "auditor-looks");
        assertThat(d.reasons().get(2)).contains("[noc_operator, auditor]").contains("fail closed");
    }

    @Test
    void a_message_names_the_numbers_its_cel_parts_compute() {
        CelPolicyGate gate =
                policy(
                        """
                          - id: big
                            match: {tools: [order_part]}
                            effect: DENY
                            message: "${args.part} costs ${cost} GBP, ${cost - 1000.0} over; $${literal} stays"
                        """);
        Decision d =
                gate.evaluate(
                        Requests.of(ToolNames.ORDER_PART).cost(1234.5).arg("part", "PSU").build());
        assertThat(d.reasons())
                .containsExactly("PSU costs 1234.5 GBP, 234.5 over; ${literal} stays");
    }

    @Test
    void a_message_part_that_fails_prints_the_error_and_keeps_the_effect() {
        CelPolicyGate gate =
                policy(
                        """
                          - id: allow
                            match: {tools: [order_part]}
                            effect: ALLOW
                            message: "part ${args.part}"
                        """);
        Decision d = gate.evaluate(Requests.of(ToolNames.ORDER_PART).build());
        assertThat(d.effect()).isEqualTo(Effect.ALLOW);
        assertThat(d.reasons().get(0)).startsWith("part [args.part: ").contains("part");
    }

    @Test
    void a_condition_that_fails_at_evaluation_counts_as_deny_naming_the_error() {
        CelPolicyGate gate =
                policy(
                        ALLOW_ORDERS
                                + """
                          - id: fragile
                            match: {tools: [order_part]}
                            condition: facts.lead_time_minutes > 60.0
                            effect: ALLOW
                            message: slow is fine
                        """);
        PolicyEvaluation e = gate.evaluateInDetail(Requests.of(ToolNames.ORDER_PART).build());
        assertThat(e.decision().effect()).isEqualTo(Effect.DENY);
        assertThat(e.decision().ruleIds()).containsExactly("fragile");
        assertThat(e.decision().reasons().get(0))
                .contains("rule fragile could not be evaluated")
                .contains("lead_time_minutes")
                .contains("fail closed");
        assertThat(e.fired()).filteredOn(FiredRule::evaluationError).hasSize(1);
    }

    @Test
    void a_dynamic_condition_that_is_not_a_boolean_counts_as_deny() {
        CelPolicyGate gate =
                policy(
                        """
                          - id: truthy
                            match: {tools: [order_part]}
                            condition: facts.source
                            effect: ALLOW
                            message: from a warehouse
                        """);
        Decision d =
                gate.evaluate(Requests.of(ToolNames.ORDER_PART).fact("source", "central").build());
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.reasons().get(0)).contains("the condition gave central, not a boolean");
    }

    @Test
    void numbers_of_any_java_type_compare_as_doubles() {
        CelPolicyGate gate =
                policy(
                        """
                          - id: slow
                            match: {tools: [order_part]}
                            condition: facts.lead_time_minutes > 60.0 && args.quantity == 2.0 && facts.nested.n < 1
                            effect: ALLOW
                            message: ok
                        """);
        for (Object minutes : List.of(240, 240L, 240.0f, new BigDecimal("240"))) {
            Decision d =
                    gate.evaluate(
                            Requests.of(ToolNames.ORDER_PART)
                                    .fact("lead_time_minutes", minutes)
                                    .fact("nested", Map.of("n", 0))
                                    .arg("quantity", 2)
                                    .build());
            assertThat(d.effect())
                    .as("lead time as %s", minutes.getClass())
                    .isEqualTo(Effect.ALLOW);
        }
    }

    @Test
    void matches_element_kinds_and_regions_when_a_rule_names_them() {
        CelPolicyGate gate =
                policy(
                        """
                          - id: north-links
                            match: {tools: [restart_element], kinds: [LINK], regions: [north]}
                            effect: ALLOW
                            message: north links restart freely
                        """);
        Requests restart = Requests.of(ToolNames.RESTART_ELEMENT);
        assertThat(gate.evaluate(restart.kind(ElementKind.LINK).build()).effect())
                .isEqualTo(Effect.ALLOW);
        assertThat(gate.evaluate(restart.kind(ElementKind.ROUTER).build()).effect())
                .isEqualTo(Effect.DENY);
        assertThat(
                        gate.evaluate(
                                        restart.kind(ElementKind.LINK)
                                                .element("link-a-b", "south")
                                                .build())
                                .effect())
                .isEqualTo(Effect.DENY);
    }

    @Test
    void star_matches_every_act_tool_and_no_read_tool() {
        CelPolicyGate gate =
                policy(
                        """
                          - id: all
                            match: {tools: ["*"]}
                            effect: ALLOW
                            message: anything
                        """);
        for (String tool : ToolNames.ACT) {
            assertThat(gate.evaluate(Requests.of(tool).build()).effect()).isEqualTo(Effect.ALLOW);
        }
        assertThat(gate.evaluate(Requests.of(ToolNames.GET_TOPOLOGY).build()).effect())
                .isEqualTo(Effect.DENY);
    }

    @Test
    void time_and_case_variables_describe_the_request() {
        CelPolicyGate gate =
                policy(
                        """
                          - id: weekend-freeze
                            match: {tools: ["*"]}
                            condition: time.weekend || time.weekday == 'FRIDAY' && time.hour >= 17
                            effect: DENY
                            message: "change freeze on ${time.weekday} ${time.date} (case ${case.id}, predicted ${case.predicted})"
                          - id: allow
                            match: {tools: ["*"]}
                            effect: ALLOW
                            message: ok
                        """);
        // 2025-01-06 is a Monday; the 10th a Friday, the 11th a Saturday
        var friday = Requests.MONDAY.plusSeconds(4 * 86_400L);
        assertThat(
                        gate.evaluate(
                                        Requests.of("open_ticket")
                                                .at(friday.plusSeconds(16 * 3600))
                                                .build())
                                .effect())
                .isEqualTo(Effect.ALLOW);
        Decision late =
                gate.evaluate(Requests.of("open_ticket").at(friday.plusSeconds(17 * 3600)).build());
        assertThat(late.reasons())
                .containsExactly(
                        "change freeze on FRIDAY 2025-01-10 (case case-1, predicted false)");
        assertThat(
                        gate.evaluate(
                                        Requests.of("open_ticket")
                                                .at(friday.plusSeconds(86_400))
                                                .build())
                                .effect())
                .isEqualTo(Effect.DENY);
    }

    @Test
    void decision_ids_count_up_per_gate() {
        CelPolicyGate gate = policy(ALLOW_ORDERS);
        CelPolicyGate other = policy(ALLOW_ORDERS);
        var request = Requests.of(ToolNames.ORDER_PART).build();
        assertThat(gate.evaluate(request).decisionId()).isEqualTo("dec-000001");
        assertThat(gate.evaluate(request).decisionId()).isEqualTo("dec-000002");
        assertThat(other.evaluate(request).decisionId()).isEqualTo("dec-000001");
    }

    @Test
    void the_version_is_the_sha256_of_the_file_bytes_and_every_decision_names_it(@TempDir Path dir)
            throws Exception {
        String text = HEADER + ALLOW_ORDERS;
        Path file = dir.resolve("mine.yaml");
        Files.writeString(file, text);
        CelPolicyGate loaded = CelPolicyGate.load(file);
        String expected =
                "sha256:"
                        + java.util.HexFormat.of()
                                .formatHex(
                                        java.security.MessageDigest.getInstance("SHA-256")
                                                .digest(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(loaded.version()).isEqualTo(expected);
        assertThat(loaded.policyName()).isEqualTo("mine.yaml");
        assertThat(CelPolicyGate.fromText("x", text).version()).isEqualTo(expected);
        assertThat(CelPolicyGate.fromText("x", text + "\n").version()).isNotEqualTo(expected);
        assertThat(loaded.evaluate(Requests.of(ToolNames.ORDER_PART).build()).policyVersion())
                .isEqualTo(expected);
        assertThat(loaded.evaluate(Requests.of(ToolNames.NOTIFY_CUSTOMERS).build()).policyVersion())
                .isEqualTo(expected);
    }

    @Test
    void a_configured_role_hierarchy_admits_its_own_roles() {
        RoleHierarchy roles =
                new RoleHierarchy(
                        Map.of(
                                "duty_manager",
                                List.of("noc_supervisor"),
                                "noc_supervisor",
                                List.of()));
        CelPolicyGate gate =
                CelPolicyGate.fromText(
                        "roles.yaml",
                        HEADER
                                + """
                                  - id: manager
                                    match: {tools: [order_part]}
                                    effect: REQUIRE_APPROVAL
                                    role: duty_manager
                                    message: the duty manager decides
                                  - id: supervisor
                                    match: {tools: [order_part]}
                                    effect: REQUIRE_APPROVAL
                                    role: noc_supervisor
                                    message: a supervisor decides
                                """,
                        roles);
        assertThat(gate.evaluate(Requests.of(ToolNames.ORDER_PART).build()).requiredRole())
                .contains("duty_manager");
    }

    @Test
    void every_decision_names_the_counters_it_read_and_the_calendars_open_for_the_decision_log() {
        CelPolicyGate gate = CelPolicyGate.defaultPolicy();
        var first = Requests.of(ToolNames.OPEN_TICKET).build();
        gate.recordExecution(first, Requests.succeeded(120.0));

        Decision allowed = gate.evaluate(Requests.of(ToolNames.UPDATE_TICKET).build());
        assertThat(allowed.effect()).isEqualTo(Effect.ALLOW);
        assertThat(allowed.context()).containsOnlyKeys("history", "calendars");
        assertThat(allowed.context().get("history"))
                .isEqualTo(
                        Map.of(
                                "spend_today", 120.0,
                                "act_calls_today", 1L,
                                "act_calls_element_today", 1L,
                                "element_under_work", false,
                                "elements_under_work_region", 0L,
                                "other_elements_under_work_region", 0L,
                                "elements_under_work", 0L));
        assertThat(allowed.context().get("calendars")).isEqualTo(Map.of("change_freeze", false));

        Decision frozen =
                gate.evaluate(
                        Requests.of(ToolNames.RESTART_ELEMENT)
                                .fact("traffic_moved", true)
                                .at(java.time.Instant.parse("2025-12-24T03:00:00Z"))
                                .build());
        assertThat(frozen.effect()).isEqualTo(Effect.DENY);
        assertThat(frozen.ruleIds()).containsExactly("any-deny-change-freeze");
        assertThat(frozen.context().get("calendars")).isEqualTo(Map.of("change_freeze", true));
        // a new day: yesterday's spend is not today's
        assertThat(((Map<?, ?>) frozen.context().get("history")).get("spend_today")).isEqualTo(0.0);
    }

    @Test
    void a_policy_without_calendars_logs_the_counters_only() {
        Decision d = policy(ALLOW_ORDERS).evaluate(Requests.of(ToolNames.ORDER_PART).build());
        assertThat(d.context()).containsOnlyKeys("history");
    }

    private static boolean deniedForTheMoment(CelPolicyGate gate, Requests request) {
        Decision d = gate.evaluate(request.build());
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        return gate.deniedForTheMoment(d);
    }

    @Test
    void
            a_deny_that_does_not_say_is_of_the_moment_when_its_condition_reads_the_guards_or_calendar_variables_not_their_names_in_text() {
        CelPolicyGate gate =
                policy(
                        """
                          - id: deny-busy
                            match: {tools: [order_part]}
                            condition: history.act_calls_today >= 0
                            effect: DENY
                            message: busy
                          - id: deny-note
                            match: {tools: [restart_element]}
                            condition: has(args.note) && args.note == 'time.hour history[x]'
                            effect: DENY
                            message: a note that names the moment in text only
                        """);
        assertThat(deniedForTheMoment(gate, Requests.of(ToolNames.ORDER_PART))).isTrue();
        assertThat(
                        deniedForTheMoment(
                                gate,
                                Requests.of(ToolNames.RESTART_ELEMENT)
                                        .arg("note", "time.hour history[x]")))
                .as("the text names history and time, the expression reads only args")
                .isFalse();
        assertThat(gate.rules())
                .extracting(PolicyRule::retry)
                .containsExactly(
                        java.util.Optional.of(PolicyRule.Retry.LATER),
                        java.util.Optional.of(PolicyRule.Retry.NEVER));
    }

    @Test
    void
            a_denial_is_known_to_end_at_midnight_only_when_its_condition_reads_nothing_of_the_moment_but_the_days_counts() {
        CelPolicyGate gate =
                policy(
                        """
                          - id: deny-day-counts
                            match: {tools: [order_part]}
                            condition: history.act_calls_today >= 0 && history['spend_today'] >= 0.0 && cost >= 0.0
                            effect: DENY
                            message: the day's counts, and the order's own cost
                          - id: deny-day-and-hour
                            match: {tools: [restart_element]}
                            condition: history.act_calls_today >= 0 && time.hour >= 0
                            effect: DENY
                            message: the hour may end it sooner
                          - id: deny-work-under-way
                            match: {tools: [reroute_traffic]}
                            condition: history.elements_under_work >= 0
                            effect: DENY
                            message: work ends when it ends
                        """);
        java.time.Instant at = java.time.Instant.parse("2025-01-06T17:30:00Z");
        Decision dayCounts = gate.evaluate(Requests.of(ToolNames.ORDER_PART).at(at).build());
        assertThat(gate.deniedUntil(dayCounts, at))
                .contains(java.time.Instant.parse("2025-01-07T00:00:00Z"));
        Decision dayAndHour = gate.evaluate(Requests.of(ToolNames.RESTART_ELEMENT).at(at).build());
        assertThat(gate.deniedForTheMoment(dayAndHour)).isTrue();
        assertThat(gate.deniedUntil(dayAndHour, at)).as("time.hour is read too").isEmpty();
        Decision underWork = gate.evaluate(Requests.of(ToolNames.REROUTE_TRAFFIC).at(at).build());
        assertThat(gate.deniedForTheMoment(underWork)).isTrue();
        assertThat(gate.deniedUntil(underWork, at)).as("not a count of the day").isEmpty();
    }

    @Test
    void a_deny_says_itself_whether_it_is_of_the_moment_whatever_its_condition_reads() {
        CelPolicyGate gate =
                policy(
                        """
                          - id: deny-busy-for-good
                            match: {tools: [order_part]}
                            condition: history.act_calls_today >= 0
                            effect: DENY
                            retry: never
                            message: busy
                          - id: deny-isolating-for-now
                            match: {tools: [reroute_traffic]}
                            condition: has(facts.sites_isolated) && facts.sites_isolated > 0.0
                            effect: DENY
                            retry: later
                            message: isolates
                          - id: allow-restarts
                            match: {tools: [restart_element]}
                            effect: ALLOW
                            message: fine
                        """);
        assertThat(deniedForTheMoment(gate, Requests.of(ToolNames.ORDER_PART))).isFalse();
        assertThat(
                        deniedForTheMoment(
                                gate,
                                Requests.of(ToolNames.REROUTE_TRAFFIC).fact("sites_isolated", 2)))
                .isTrue();
        assertThat(deniedForTheMoment(gate, Requests.of(ToolNames.CLOSE_TICKET)))
                .as("default deny: no rule allows it")
                .isFalse();
        assertThat(gate.rules())
                .extracting(PolicyRule::retry)
                .last()
                .isEqualTo(java.util.Optional.empty());
    }

    @Test
    void an_approval_asks_a_question_of_the_moment_only_where_every_rule_that_asked_says_so() {
        CelPolicyGate gate =
                policy(
                        """
                          - id: approve-untrusted
                            match: {tools: [order_part, restart_element]}
                            condition: has(facts.data_quality) && facts.data_quality == 'stuck'
                            effect: REQUIRE_APPROVAL
                            role: noc_operator
                            retry: later
                            message: untrusted
                          - id: approve-restarts
                            match: {tools: [restart_element]}
                            condition: history.act_calls_today >= 0
                            effect: REQUIRE_APPROVAL
                            role: noc_supervisor
                            message: a person's no to a restart is for good, whatever it reads
                          - id: allow-orders
                            match: {tools: [order_part]}
                            effect: ALLOW
                            message: fine
                        """);
        Decision untrustedOrder =
                gate.evaluate(
                        Requests.of(ToolNames.ORDER_PART).fact("data_quality", "stuck").build());
        assertThat(untrustedOrder.effect()).isEqualTo(Effect.REQUIRE_APPROVAL);
        assertThat(gate.askedForTheMoment(untrustedOrder)).isTrue();
        assertThat(gate.deniedForTheMoment(untrustedOrder)).isFalse();

        Decision untrustedRestart =
                gate.evaluate(
                        Requests.of(ToolNames.RESTART_ELEMENT)
                                .fact("data_quality", "stuck")
                                .build());
        assertThat(untrustedRestart.ruleIds())
                .containsExactlyInAnyOrder("approve-untrusted", "approve-restarts");
        assertThat(gate.askedForTheMoment(untrustedRestart))
                .as("one rule that asked is for good")
                .isFalse();

        Decision freshOrder = gate.evaluate(Requests.of(ToolNames.ORDER_PART).build());
        assertThat(freshOrder.effect()).isEqualTo(Effect.ALLOW);
        assertThat(gate.askedForTheMoment(freshOrder)).isFalse();
        assertThat(gate.rules())
                .extracting(PolicyRule::retry)
                .containsExactly(
                        java.util.Optional.of(PolicyRule.Retry.LATER),
                        java.util.Optional.of(PolicyRule.Retry.NEVER),
                        java.util.Optional.empty());
    }
}
