package dev.autonoc.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.policy.Effect;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link CelPolicyGate#explain}: the decision and every rule's verdict, with worked examples. */
class PolicyExplanationTest {

    @Test
    void an_order_above_1000_gbp_is_explained_rule_by_rule() {
        CelPolicyGate gate = CelPolicyGate.defaultPolicy();

        PolicyExplanation e = gate.explain(Requests.of("order_part").cost(2800.0).build());

        assertThat(e.decision().effect()).isEqualTo(Effect.REQUIRE_APPROVAL);
        assertThat(e.decision().requiredRole()).contains("noc_operator");
        assertThat(e.decision().ruleIds()).containsExactly("order-part-approve-operator");
        assertThat(e.policyName()).isEqualTo("default.yaml");
        assertThat(e.version()).isEqualTo(gate.version());
        assertThat(e.rules()).hasSize(gate.ruleIds().size());

        RuleVerdict asked = e.verdict("order-part-approve-operator").orElseThrow();
        assertThat(asked.verdict()).isEqualTo(RuleVerdict.Verdict.FIRED);
        assertThat(asked.contributed()).contains(Effect.REQUIRE_APPROVAL);
        assertThat(asked.role()).contains("noc_operator");
        assertThat(asked.message()).hasValueSatisfying(m -> assertThat(m).contains("2800 GBP"));
        assertThat(asked.decided()).isTrue();
        assertThat(e.verdict("order-part-allow-small").orElseThrow().verdict())
                .isEqualTo(RuleVerdict.Verdict.CONDITION_FALSE);
        assertThat(e.verdict("tickets-allow").orElseThrow().verdict())
                .isEqualTo(RuleVerdict.Verdict.NOT_MATCHED);
        assertThat(e.verdict("no-such-rule")).isEmpty();
    }

    @Test
    void with_no_rule_firing_the_explanation_says_default_deny_and_no_rule_decided() {
        CelPolicyGate gate = CelPolicyGate.fromText("empty.yaml", policy(""));

        PolicyExplanation e = gate.explain(Requests.of("order_part").build());

        assertThat(e.decision().effect()).isEqualTo(Effect.DENY);
        assertThat(e.decision().reasons())
                .containsExactly("no rule allows order_part; default deny");
        assertThat(e.rules()).isEmpty();
        assertThat(e.fired()).isEmpty();
    }

    @Test
    void a_rule_that_cannot_be_evaluated_is_an_error_that_contributes_deny() {
        CelPolicyGate gate =
                CelPolicyGate.fromText(
                        "strict.yaml",
                        policy(
                                """
                                  - id: order-allow-in-shift
                                    match: {tools: [order_part]}
                                    condition: facts.in_shift == true
                                    effect: ALLOW
                                    message: in shift
                                """));

        PolicyExplanation e = gate.explain(Requests.of("order_part").build());

        RuleVerdict v = e.verdict("order-allow-in-shift").orElseThrow();
        assertThat(v.verdict()).isEqualTo(RuleVerdict.Verdict.ERROR);
        assertThat(v.contributed()).contains(Effect.DENY);
        assertThat(v.role()).isEmpty();
        assertThat(v.message())
                .hasValueSatisfying(m -> assertThat(m).contains("could not be evaluated"));
        assertThat(v.decided()).isTrue();
        assertThat(e.decision().effect()).isEqualTo(Effect.DENY);
    }

    @Test
    void rules_are_shown_as_written() {
        CelPolicyGate gate =
                CelPolicyGate.fromText(
                        "written.yaml",
                        policy(
                                """
                                  - id: any-south-radio
                                    description: radios of the south and east
                                    match: {tools: ["*"], kinds: RADIO, regions: [south, east]}
                                    effect: REQUIRE_APPROVAL
                                    role: noc_supervisor
                                    message: "${tool} on $${literal} ${element.id}"
                                """));

        PolicyRule rule = gate.rules().get(0);

        assertThat(rule.id()).isEqualTo("any-south-radio");
        assertThat(rule.description()).isEqualTo("radios of the south and east");
        assertThat(rule.match().tools()).containsExactly("*");
        assertThat(rule.match().kinds()).containsExactly("RADIO");
        assertThat(rule.match().regions()).containsExactly("south", "east");
        assertThat(rule.condition()).isEmpty();
        assertThat(rule.effect()).isEqualTo(Effect.REQUIRE_APPROVAL);
        assertThat(rule.role()).contains("noc_supervisor");
        assertThat(rule.message()).isEqualTo("${tool} on $${literal} ${element.id}");
        assertThat(rule.line()).as("after apiVersion, kind and rules:").isEqualTo(4);

        PolicyRule tickets = CelPolicyGate.defaultPolicy().rules().get(0);
        assertThat(tickets.match().tools())
                .containsExactly("open_ticket", "update_ticket", "close_ticket");
        PolicyRule small = CelPolicyGate.defaultPolicy().rules().get(1);
        assertThat(small.condition()).contains("cost <= 1000.0");
        assertThat(small.role()).isEmpty();
    }

    @Test
    void an_explanation_on_the_loops_gate_reads_its_counters() {
        CelPolicyGate gate = CelPolicyGate.defaultPolicy();
        var restart = Requests.of("restart_element").element("core-rtr-07", "north");
        for (int i = 0; i < 10; i++) {
            gate.recordExecution(restart.build(), Requests.succeeded(0.0));
        }

        PolicyExplanation e = gate.explain(restart.build());

        assertThat(e.verdict("any-deny-element-rate").orElseThrow().verdict())
                .isEqualTo(RuleVerdict.Verdict.FIRED);
        assertThat(e.decision().effect()).isEqualTo(Effect.DENY);
        // and a fresh gate, which has run nothing, does not count them
        assertThat(
                        CelPolicyGate.defaultPolicy()
                                .explain(restart.build())
                                .verdict("any-deny-element-rate")
                                .orElseThrow()
                                .verdict())
                .isEqualTo(RuleVerdict.Verdict.CONDITION_FALSE);
    }

    @Test
    void a_kept_version_is_explained_without_putting_it_in_force() {
        PolicyStore store = PolicyStore.withDefaultPolicy();
        String original = store.currentVersion();
        String looser =
                CelPolicyGate.defaultPolicyText()
                        .replace("condition: cost <= 1000.0", "condition: cost <= 3000.0")
                        .replace(
                                "condition: cost > 1000.0 && cost <= 5000.0",
                                "condition: cost > 3000.0 && cost <= 5000.0");
        String looserVersion = store.replaceWithText("looser.yaml", looser);
        CelPolicyGate gate = CelPolicyGate.over(store);
        var order = Requests.of("order_part").cost(2800.0).build();

        assertThat(gate.explain(order).decision().effect()).isEqualTo(Effect.ALLOW);
        PolicyExplanation old = gate.explain(order, original);
        assertThat(old.decision().effect()).isEqualTo(Effect.REQUIRE_APPROVAL);
        assertThat(old.version()).isEqualTo(original);
        assertThat(old.decision().policyVersion()).isEqualTo(original);
        assertThat(old.policyName()).isEqualTo("default.yaml");
        assertThat(store.currentVersion()).isEqualTo(looserVersion);
        assertThat(store.rules(original).orElseThrow())
                .extracting(PolicyRule::condition)
                .contains(Optional.of("cost <= 1000.0"));
        assertThat(store.rules("sha256:0")).isEmpty();
        assertThatThrownBy(() -> gate.explain(order, "sha256:0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no policy version sha256:0 is kept")
                .hasMessageContaining(original);
    }

    @Test
    void a_verdict_refuses_parts_that_do_not_go_together() {
        PolicyRule rule = CelPolicyGate.defaultPolicy().rules().get(0);
        assertThatThrownBy(
                        () ->
                                new RuleVerdict(
                                        rule,
                                        RuleVerdict.Verdict.NOT_MATCHED,
                                        Optional.of(Effect.ALLOW),
                                        Optional.empty(),
                                        Optional.of("m"),
                                        false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                new RuleVerdict(
                                        rule,
                                        RuleVerdict.Verdict.CONDITION_FALSE,
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        true))
                .hasMessageContaining("only a rule that fired can have decided");
        assertThatThrownBy(
                        () ->
                                new RuleVerdict(
                                        rule,
                                        RuleVerdict.Verdict.FIRED,
                                        Optional.of(Effect.ALLOW),
                                        Optional.of("noc_operator"),
                                        Optional.of("m"),
                                        true))
                .hasMessageContaining("a role goes with a contributed REQUIRE_APPROVAL only");
        assertThat(
                        new RuleVerdict(
                                        rule,
                                        RuleVerdict.Verdict.FIRED,
                                        Optional.of(Effect.ALLOW),
                                        Optional.empty(),
                                        Optional.of("m"),
                                        true)
                                .fired())
                .isTrue();
    }

    private static String policy(String rules) {
        return """
                apiVersion: autonoc.dev/v1
                kind: Policy
                rules:
                """
                + (rules.isEmpty() ? "  []\n" : rules.stripIndent());
    }
}
