package dev.autonoc.service.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.policy.CelPolicyGate;
import dev.autonoc.policy.FiredRule;
import dev.autonoc.policy.PolicyExplanation;
import dev.autonoc.policy.PolicyRule;
import dev.autonoc.policy.PolicyStore;
import dev.autonoc.policy.RuleVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The explanation agrees with the gate, and accounts for every rule of the file. */
class PolicyExplainerTest {

    private static final Instant MONDAY = Instant.parse("2025-01-06T00:00:00Z");

    @Property(tries = 300)
    void the_explanation_agrees_with_the_gate_rule_by_rule(
            @ForAll("actions") ActionRequest action) {
        PolicyStore store = PolicyStore.withDefaultPolicy();
        PolicyExplainer explainer = new PolicyExplainer(store);
        CelPolicyGate reference = CelPolicyGate.defaultPolicy();

        PolicyExplanation e = explainer.explain(action, Optional.empty());
        var expected = reference.evaluateInDetail(action);

        Decision d = e.decision();
        assertThat(d.effect()).isEqualTo(expected.decision().effect());
        assertThat(d.requiredRole()).isEqualTo(expected.decision().requiredRole());
        assertThat(d.ruleIds()).isEqualTo(expected.decision().ruleIds());
        assertThat(d.reasons()).isEqualTo(expected.decision().reasons());

        assertThat(d.decisionId())
                .as("an explanation takes no decision id")
                .isEqualTo(CelPolicyGate.EXPLANATION_ID);
        assertThat(e.rules())
                .extracting(v -> v.rule().id())
                .containsExactlyElementsOf(reference.ruleIds());
        Set<String> fired =
                expected.fired().stream().map(FiredRule::ruleId).collect(Collectors.toSet());
        for (RuleVerdict v : e.rules()) {
            boolean didFire =
                    v.verdict() == RuleVerdict.Verdict.FIRED
                            || v.verdict() == RuleVerdict.Verdict.ERROR;
            assertThat(didFire).as(v.rule().id()).isEqualTo(fired.contains(v.rule().id()));
            assertThat(v.decided())
                    .as(v.rule().id())
                    .isEqualTo(d.ruleIds().contains(v.rule().id()));
            assertThat(v.verdict() == RuleVerdict.Verdict.NOT_MATCHED)
                    .as("not matched exactly when the match as written excludes " + v.rule().id())
                    .isEqualTo(!matches(v.rule().match(), action));
            if (didFire) {
                assertThat(v.message()).isPresent();
            }
        }
    }

    @Test
    void an_older_version_explains_with_its_own_rules_and_an_unknown_one_is_refused() {
        PolicyStore store = PolicyStore.withDefaultPolicy();
        String original = store.currentVersion();
        String looser =
                CelPolicyGate.defaultPolicyText()
                        .replace("condition: cost <= 1000.0", "condition: cost <= 3000.0")
                        .replace(
                                "condition: cost > 1000.0 && cost <= 5000.0",
                                "condition: cost > 3000.0 && cost <= 5000.0");
        store.replaceWithText("looser.yaml", looser);
        PolicyExplainer explainer = new PolicyExplainer(store);
        ActionRequest order = order(2800.0);

        assertThat(explainer.explain(order, Optional.empty()).decision().effect().name())
                .isEqualTo("ALLOW");
        PolicyExplanation old = explainer.explain(order, Optional.of(original));
        assertThat(old.decision().effect().name()).isEqualTo("REQUIRE_APPROVAL");
        assertThat(old.version()).isEqualTo(original);
        assertThat(old.policyName()).isEqualTo("default.yaml");
        assertThatThrownBy(() -> explainer.explain(order, Optional.of("sha256:0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no policy version sha256:0 is kept")
                .hasMessageContaining(original);
    }

    @Provide
    Arbitrary<ActionRequest> actions() {
        Arbitrary<String> tools = Arbitraries.of(ToolNames.ACT.stream().sorted().toList());
        Arbitrary<Element> elements =
                Combinators.combine(
                                Arbitraries.of(ElementKind.values()),
                                Arbitraries.of("north", "south", "east"),
                                Arbitraries.integers().between(1, 9))
                        .as(
                                (kind, region, n) ->
                                        new Element(
                                                ElementId.of(kind.name().toLowerCase() + "-" + n),
                                                kind,
                                                "core",
                                                region,
                                                "site-" + n));
        Arbitrary<Map<String, Object>> facts =
                Combinators.combine(
                                Arbitraries.of(true, false),
                                Arbitraries.of(true, false),
                                Arbitraries.doubles().between(0, 1.5),
                                Arbitraries.integers().between(0, 3),
                                Arbitraries.doubles().between(0, 800),
                                Arbitraries.integers().between(0, 7))
                        .as(
                                (inShift, flag, util, count, credit, drop) -> {
                                    Map<String, Object> f = new LinkedHashMap<>();
                                    // leave out some facts at random: rules must fail closed
                                    if (drop != 0) {
                                        f.put("in_shift", inShift);
                                        f.put("engineer_has_skill", flag);
                                        f.put("traffic_moved", flag);
                                    }
                                    if (drop != 1) {
                                        f.put("max_utilization_after", util);
                                        f.put("slices_breached", (double) count);
                                        f.put("sites_isolated", (double) (count / 2));
                                    }
                                    if (drop != 2) {
                                        f.put("credit_per_customer", credit);
                                    }
                                    return f;
                                });
        return Combinators.combine(
                        tools,
                        elements,
                        Arbitraries.doubles().between(0, 80_000),
                        Arbitraries.of(Risk.values()),
                        facts,
                        Arbitraries.integers().between(0, 24 * 7 - 1))
                .as(
                        (tool, element, cost, risk, f, hours) -> {
                            Map<String, Object> all = new LinkedHashMap<>(f);
                            all.put("element_id", element.id().value());
                            all.put("region", element.region());
                            return new ActionRequest(
                                    new CaseId("explain-test"),
                                    0,
                                    ToolCall.of(tool, Map.of("element_id", element.id().value())),
                                    new Estimate(cost, risk, all),
                                    element,
                                    MONDAY.plus(Duration.ofHours(hours)),
                                    "agent:autonoc",
                                    Optional.empty());
                        });
    }

    @Test
    void explaining_leaves_a_loop_gate_over_the_same_store_as_it_was() {
        PolicyStore store = PolicyStore.withDefaultPolicy();
        CelPolicyGate loop = CelPolicyGate.over(store);
        PolicyExplainer explainer = new PolicyExplainer(store);
        ActionRequest order = order(2800.0);

        assertThat(loop.evaluate(order).decisionId()).isEqualTo("dec-000001");
        explainer.explain(order, Optional.empty());
        explainer.explain(order, Optional.of(store.currentVersion()));

        assertThat(loop.evaluate(order).decisionId()).isEqualTo("dec-000002");
    }

    /** The match as the policy file wrote it ({@code "*"}: any act tool), read independently. */
    private static boolean matches(PolicyRule.Match match, ActionRequest action) {
        String tool = action.call().tool();
        boolean toolMatches =
                match.tools().contains(tool)
                        || (match.tools().contains("*") && ToolNames.ACT.contains(tool));
        return toolMatches
                && (match.kinds().isEmpty()
                        || match.kinds().contains(action.element().kind().name()))
                && (match.regions().isEmpty()
                        || match.regions().contains(action.element().region()));
    }

    private static ActionRequest order(double cost) {
        Element e =
                new Element(
                        ElementId.of("core-rtr-01"), ElementKind.ROUTER, "core", "north", "site-1");
        return new ActionRequest(
                new CaseId("explain-test"),
                0,
                ToolCall.of(ToolNames.ORDER_PART, Map.of("element_id", "core-rtr-01")),
                new Estimate(
                        cost, Risk.LOW, Map.of("element_id", "core-rtr-01", "region", "north")),
                e,
                MONDAY.plus(Duration.ofHours(10)),
                "agent:autonoc",
                Optional.empty());
    }
}
