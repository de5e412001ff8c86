package dev.autonoc.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.core.tool.ToolNames;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The default policy, row by row of OPERATOR.md's table, at the boundaries. */
class DefaultPolicyTest {

    private final CelPolicyGate gate = CelPolicyGate.defaultPolicy();

    private Decision decide(Requests request) {
        return gate.evaluate(request.build());
    }

    @Test
    void loads_from_the_classpath_with_a_content_hash_as_version() {
        assertThat(gate.version()).matches("sha256:[0-9a-f]{64}");
        assertThat(gate.version())
                .isEqualTo(
                        PolicyLoader.version(
                                CelPolicyGate.defaultPolicyText()
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(gate.policyName()).isEqualTo("default.yaml");
    }

    @Test
    void only_the_guards_the_freeze_and_an_isolating_reroute_are_denials_of_the_moment() {
        assertThat(gate.rules())
                .filteredOn(r -> r.effect() == Effect.DENY)
                .filteredOn(r -> r.retry().equals(Optional.of(PolicyRule.Retry.LATER)))
                .extracting(PolicyRule::id)
                .containsExactly(
                        "reroute-traffic-deny-isolates-site",
                        "any-deny-element-rate",
                        "any-deny-blast-radius",
                        "any-deny-change-freeze");
        assertThat(gate.rules())
                .filteredOn(r -> r.effect() != Effect.ALLOW)
                .allSatisfy(r -> assertThat(r.retry()).as(r.id()).isPresent());
        assertThat(gate.rules())
                .filteredOn(r -> r.effect() == Effect.ALLOW)
                .allSatisfy(r -> assertThat(r.retry()).as(r.id()).isEmpty());
    }

    @Test
    void only_the_days_spend_and_untrusted_data_ask_a_question_of_the_moment() {
        assertThat(gate.rules())
                .filteredOn(r -> r.effect() == Effect.REQUIRE_APPROVAL)
                .filteredOn(r -> r.retry().equals(Optional.of(PolicyRule.Retry.LATER)))
                .extracting(PolicyRule::id)
                .containsExactly("any-approve-daily-spend", "any-approve-untrusted-data");
    }

    @Nested
    class OrderPart {

        @ParameterizedTest(name = "{0} GBP -> {1} {2}")
        @CsvSource({
            "0, ALLOW, , order-part-allow-small",
            "1000, ALLOW, , order-part-allow-small",
            "1000.01, REQUIRE_APPROVAL, noc_operator, order-part-approve-operator",
            "5000, REQUIRE_APPROVAL, noc_operator, order-part-approve-operator",
            "5000.01, REQUIRE_APPROVAL, noc_supervisor, order-part-approve-supervisor",
            "50000, REQUIRE_APPROVAL, noc_supervisor, order-part-approve-supervisor",
            "50000.01, DENY, , order-part-deny-large",
        })
        void decides_by_cost_at_the_thresholds(
                double cost, Effect effect, String role, String rule) {
            Decision d = decide(Requests.of(ToolNames.ORDER_PART).cost(cost));
            assertThat(d.effect()).isEqualTo(effect);
            assertThat(d.requiredRole()).isEqualTo(Optional.ofNullable(role));
            assertThat(d.ruleIds()).containsExactly(rule);
        }

        @Test
        void names_the_cost_in_the_reason() {
            Decision d = decide(Requests.of(ToolNames.ORDER_PART).cost(1200));
            assertThat(d.reasons())
                    .containsExactly(
                            "the order costs 1200 GBP, above 1000 GBP: a NOC operator approves up to 5000 GBP");
        }
    }

    @Nested
    class DispatchEngineer {

        @Test
        void allows_an_engineer_in_shift_with_the_skill() {
            Decision d =
                    decide(
                            Requests.of(ToolNames.DISPATCH_ENGINEER)
                                    .cost(300)
                                    .fact("in_shift", true)
                                    .fact("engineer_has_skill", true));
            assertThat(d.effect()).isEqualTo(Effect.ALLOW);
            assertThat(d.ruleIds()).containsExactly("dispatch-engineer-allow-in-shift");
        }

        @Test
        void asks_an_operator_out_of_hours() {
            Decision d =
                    decide(
                            Requests.of(ToolNames.DISPATCH_ENGINEER)
                                    .cost(600)
                                    .fact("in_shift", false)
                                    .fact("engineer_has_skill", true));
            assertThat(d.effect()).isEqualTo(Effect.REQUIRE_APPROVAL);
            assertThat(d.requiredRole()).contains("noc_operator");
            assertThat(d.ruleIds()).containsExactly("dispatch-engineer-approve-out-of-hours");
            assertThat(d.reasons().get(0)).contains("600 GBP");
        }

        @ParameterizedTest(name = "in shift: {0}")
        @ValueSource(booleans = {true, false})
        void denies_an_engineer_without_the_skill_in_or_out_of_shift(boolean inShift) {
            Decision d =
                    decide(
                            Requests.of(ToolNames.DISPATCH_ENGINEER)
                                    .fact("in_shift", inShift)
                                    .fact("engineer_has_skill", false));
            assertThat(d.effect()).isEqualTo(Effect.DENY);
            assertThat(d.ruleIds()).containsExactly("dispatch-engineer-deny-unskilled");
        }

        @Test
        void asks_a_supervisor_for_a_job_whose_outage_would_overload_a_link() {
            Decision d =
                    decide(
                            Requests.of(ToolNames.DISPATCH_ENGINEER)
                                    .cost(300)
                                    .fact("in_shift", true)
                                    .fact("engineer_has_skill", true)
                                    .fact("outage_max_utilization_after", 1.25)
                                    .fact("outage_safe", false));
            assertThat(d.effect()).isEqualTo(Effect.REQUIRE_APPROVAL);
            assertThat(d.requiredRole()).contains("noc_supervisor");
            assertThat(d.ruleIds()).containsExactly("work-approve-overload");
            assertThat(d.reasons().get(0)).contains("125 %").contains("for the job");
        }

        @Test
        void denies_when_the_estimate_lacks_the_shift_fact() {
            Decision d =
                    decide(
                            Requests.of(ToolNames.DISPATCH_ENGINEER)
                                    .fact("engineer_has_skill", true));
            assertThat(d.effect()).isEqualTo(Effect.DENY);
            assertThat(d.ruleIds()).containsExactly("dispatch-engineer-deny-unknown-facts");
        }
    }

    @Nested
    class RerouteTraffic {

        private Requests reroute(double utilisation, int slices, int isolated) {
            return Requests.of(ToolNames.REROUTE_TRAFFIC)
                    .fact("max_utilization_after", utilisation)
                    .fact("slices_breached", slices)
                    .fact("sites_isolated", isolated)
                    .fact("has_alternate_path", true);
        }

        @ParameterizedTest(name = "utilisation {0}, slices {1}, isolated {2} -> {3}")
        @CsvSource({
            "0.5, 0, 0, ALLOW, , reroute-traffic-allow-safe",
            "0.8, 0, 0, ALLOW, , reroute-traffic-allow-safe",
            "0.8001, 0, 0, REQUIRE_APPROVAL, noc_supervisor, reroute-traffic-approve-supervisor",
            "0.5, 1, 0, REQUIRE_APPROVAL, noc_supervisor, reroute-traffic-approve-supervisor",
            "0.5, 0, 1, DENY, , reroute-traffic-deny-isolates-site",
            "0.95, 2, 1, DENY, , reroute-traffic-deny-isolates-site",
        })
        void decides_by_utilisation_breaches_and_isolation(
                double utilisation,
                int slices,
                int isolated,
                Effect effect,
                String role,
                String rule) {
            Decision d = decide(reroute(utilisation, slices, isolated));
            assertThat(d.effect()).isEqualTo(effect);
            assertThat(d.requiredRole()).isEqualTo(Optional.ofNullable(role));
            assertThat(d.ruleIds()).containsExactly(rule);
        }

        @Test
        void names_the_utilisation_as_a_percentage() {
            Decision d = decide(reroute(0.85, 0, 0));
            assertThat(d.reasons().get(0))
                    .contains("run at 85 % of capacity")
                    .contains("0 enterprise slice");
        }

        @Test
        void denies_when_the_estimate_does_not_say_what_the_reroute_does() {
            Decision d =
                    decide(
                            Requests.of(ToolNames.REROUTE_TRAFFIC)
                                    .fact("max_utilization_after", 0.5));
            assertThat(d.effect()).isEqualTo(Effect.DENY);
            assertThat(d.ruleIds()).containsExactly("reroute-traffic-deny-unknown-facts");
        }
    }

    @Nested
    class RestartElement {

        @ParameterizedTest(name = "traffic moved {0} at {1}:{2} -> {3}")
        @CsvSource({
            "true, 0, 0, ALLOW",
            "true, 3, 30, ALLOW",
            "true, 4, 59, ALLOW",
            "true, 5, 0, REQUIRE_APPROVAL",
            "true, 14, 0, REQUIRE_APPROVAL",
            "true, 23, 59, REQUIRE_APPROVAL",
            "false, 3, 0, REQUIRE_APPROVAL",
        })
        void allows_only_with_traffic_moved_between_midnight_and_five(
                boolean moved, int hour, int minute, Effect effect) {
            Decision d =
                    decide(
                            Requests.of(ToolNames.RESTART_ELEMENT)
                                    .fact("traffic_moved", moved)
                                    .fact("hour", hour)
                                    .at(hour, minute));
            assertThat(d.effect()).isEqualTo(effect);
            if (effect == Effect.REQUIRE_APPROVAL) {
                assertThat(d.requiredRole()).contains("noc_supervisor");
                assertThat(d.ruleIds()).containsExactly("restart-element-approve-supervisor");
            } else {
                assertThat(d.ruleIds()).containsExactly("restart-element-allow-quiet-hour");
            }
        }

        @Test
        void asks_a_supervisor_for_a_quiet_hour_restart_that_would_overload_a_link() {
            Decision d =
                    decide(
                            Requests.of(ToolNames.RESTART_ELEMENT)
                                    .fact("traffic_moved", true)
                                    .fact("hour", 2)
                                    .fact("outage_max_utilization_after", 1.1)
                                    .at(2, 0));
            assertThat(d.effect()).isEqualTo(Effect.REQUIRE_APPROVAL);
            assertThat(d.requiredRole()).contains("noc_supervisor");
            assertThat(d.ruleIds()).containsExactly("work-approve-overload");
            assertThat(d.reasons().get(0)).contains("for the restart");
        }

        @Test
        void says_when_and_whether_traffic_moved() {
            Decision d =
                    decide(
                            Requests.of(ToolNames.RESTART_ELEMENT)
                                    .fact("traffic_moved", false)
                                    .at(14, 5));
            assertThat(d.reasons().get(0)).contains("at 14:05 UTC with traffic moved: no");
        }

        @Test
        void asks_a_supervisor_when_the_estimate_does_not_say_whether_traffic_moved() {
            Decision d = decide(Requests.of(ToolNames.RESTART_ELEMENT).at(2, 0));
            assertThat(d.effect()).isEqualTo(Effect.REQUIRE_APPROVAL);
            assertThat(d.reasons().get(0)).contains("traffic moved: unknown");
        }
    }

    @Nested
    class ApplySlaCredit {

        @ParameterizedTest(name = "{0} GBP per customer -> {1}")
        @CsvSource({
            "10, ALLOW, , apply-sla-credit-allow-small",
            "50, ALLOW, , apply-sla-credit-allow-small",
            "50.01, REQUIRE_APPROVAL, noc_supervisor, apply-sla-credit-approve-supervisor",
            "500, REQUIRE_APPROVAL, noc_supervisor, apply-sla-credit-approve-supervisor",
            "500.01, DENY, , apply-sla-credit-deny-large",
            "5000, DENY, , apply-sla-credit-deny-large",
        })
        void decides_by_the_credit_per_customer(
                double amount, Effect effect, String role, String rule) {
            Decision d =
                    decide(
                            Requests.of(ToolNames.APPLY_SLA_CREDIT)
                                    .cost(amount)
                                    .arg("amount_gbp", amount)
                                    .fact("credit_per_customer", amount));
            assertThat(d.effect()).isEqualTo(effect);
            assertThat(d.requiredRole()).isEqualTo(Optional.ofNullable(role));
            assertThat(d.ruleIds()).containsExactly(rule);
        }

        @Test
        void falls_back_to_the_amount_argument_when_the_estimate_lacks_the_fact() {
            Decision d = decide(Requests.of(ToolNames.APPLY_SLA_CREDIT).arg("amount_gbp", 5000));
            assertThat(d.effect()).isEqualTo(Effect.DENY);
            assertThat(d.reasons())
                    .containsExactly(
                            "a credit of 5000 GBP per customer, above the 500 GBP that anyone may approve");
        }

        @Test
        void denies_a_credit_whose_amount_nobody_states() {
            Decision d = decide(Requests.of(ToolNames.APPLY_SLA_CREDIT));
            assertThat(d.effect()).isEqualTo(Effect.DENY);
            assertThat(d.ruleIds()).containsExactly("apply-sla-credit-deny-unknown-amount");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                ToolNames.OPEN_TICKET,
                ToolNames.UPDATE_TICKET,
                ToolNames.CLOSE_TICKET,
                ToolNames.RESTORE_TRAFFIC,
                ToolNames.NOTIFY_CUSTOMERS,
                ToolNames.CANCEL_ORDER,
                ToolNames.CANCEL_APPOINTMENT
            })
    void always_allows_tickets_restores_notices_and_undos(String tool) {
        Decision d = decide(Requests.of(tool).fact("customers", 400).at(23, 0));
        assertThat(d.effect()).isEqualTo(Effect.ALLOW);
        assertThat(d.ruleIds()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {ToolNames.GET_ELEMENT, "format_disk"})
    void denies_a_tool_that_no_rule_allows(String tool) {
        Decision d = decide(Requests.of(tool));
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.ruleIds()).isEmpty();
        assertThat(d.reasons()).containsExactly("no rule allows " + tool + "; default deny");
    }
}
