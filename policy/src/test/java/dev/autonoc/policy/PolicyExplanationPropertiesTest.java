package dev.autonoc.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolNames;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * An explanation agrees with the gate's decision, rule by rule, for generated requests on a gate
 * whose guards have counted generated history: the default policy, generated extra rules, and rules
 * that match by kind, by region, by {@code "*"} and that fail at evaluation.
 */
class PolicyExplanationPropertiesTest {

    /** Rules that the default policy and {@link ExtraRules} do not have: kinds, regions, errors. */
    static final String MATCHING_RULES =
            """
              - id: north-radio-restart
                match: {tools: restart_element, kinds: [RADIO], regions: [north]}
                condition: cost > 100.0
                effect: REQUIRE_APPROVAL
                role: noc_supervisor
                message: "a northern radio restart at ${cost} GBP"
              - id: south-links-any-tool
                match: {tools: ["*"], kinds: [LINK, ROUTER], regions: [south, east]}
                condition: facts.flaky == true
                effect: DENY
                message: "flaky ${element.kind} in ${element.region}"
              - id: radio-auditor-order
                match: {tools: [order_part], kinds: [RADIO]}
                condition: cost > 20000.0
                effect: REQUIRE_APPROVAL
                role: auditor
                message: "an auditor looks at radio parts over 20000 GBP"
            """;

    static final String POLICY =
            CelPolicyGate.defaultPolicyText()
                    + "\n"
                    + MATCHING_RULES.stripIndent().indent(0)
                    + ExtraRules.rules(12);

    private static final List<Object> FACT_VALUES =
            Arrays.asList(true, false, 0.0, 0.5, 0.95, 3L, "yes", List.of(1));

    @Property(tries = 400)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF) // only the coverage checks count
    void the_explanation_decides_as_the_gate_and_accounts_for_every_rule(
            @ForAll("requests") ActionRequest request,
            @ForAll("histories") List<ActionRequest> earlier) {
        CelPolicyGate gate = CelPolicyGate.fromText("explain.yaml", POLICY);
        earlier.forEach(
                e -> gate.recordExecution(e, Requests.succeededUntil(e.at().plusSeconds(7200))));

        PolicyExplanation explanation = gate.explain(request);
        PolicyEvaluation evaluation = gate.evaluateInDetail(request);
        Decision expected = evaluation.decision();
        Decision d = explanation.decision();

        assertThat(d.decisionId()).isEqualTo(CelPolicyGate.EXPLANATION_ID);
        assertThat(d.effect()).isEqualTo(expected.effect());
        assertThat(d.requiredRole()).isEqualTo(expected.requiredRole());
        assertThat(d.ruleIds()).isEqualTo(expected.ruleIds());
        assertThat(d.reasons()).isEqualTo(expected.reasons());
        assertThat(d.policyVersion()).isEqualTo(expected.policyVersion());
        assertThat(d.context()).isEqualTo(expected.context());
        assertThat(explanation.version()).isEqualTo(gate.version());
        assertThat(explanation.policyName()).isEqualTo("explain.yaml");

        // every rule, in file order
        assertThat(explanation.rules())
                .extracting(v -> v.rule().id())
                .containsExactlyElementsOf(gate.ruleIds());
        // FIRED and ERROR are exactly the rules that fired, in order, with what they contributed
        List<RuleVerdict> fired = explanation.fired();
        assertThat(fired)
                .extracting(v -> v.rule().id())
                .containsExactlyElementsOf(
                        evaluation.fired().stream().map(FiredRule::ruleId).toList());
        for (int i = 0; i < fired.size(); i++) {
            RuleVerdict v = fired.get(i);
            FiredRule f = evaluation.fired().get(i);
            assertThat(v.verdict())
                    .isEqualTo(
                            f.evaluationError()
                                    ? RuleVerdict.Verdict.ERROR
                                    : RuleVerdict.Verdict.FIRED);
            assertThat(v.contributed()).contains(f.effect());
            assertThat(v.role()).isEqualTo(f.role());
            assertThat(v.message()).contains(f.message());
        }
        for (RuleVerdict v : explanation.rules()) {
            boolean matches = writtenMatchIncludes(v.rule().match(), request);
            // NOT_MATCHED exactly where the match as written leaves the request out
            assertThat(v.verdict() == RuleVerdict.Verdict.NOT_MATCHED)
                    .as("%s: %s on %s", v.rule().id(), request.call().tool(), request.element())
                    .isEqualTo(!matches);
            assertThat(v.decided())
                    .as(v.rule().id())
                    .isEqualTo(v.fired() && d.ruleIds().contains(v.rule().id()));
            if (!v.fired()) {
                assertThat(v.contributed()).isEmpty();
                assertThat(v.message()).isEmpty();
            }
        }

        // the generators reach every effect and every verdict
        Statistics.label("effect").collect(d.effect());
        explanation.rules().stream()
                .map(RuleVerdict::verdict)
                .distinct()
                .forEach(v -> Statistics.label("verdict").collect(v));
        Statistics.label("effect")
                .coverage(
                        c -> {
                            for (Effect e : Effect.values()) {
                                c.check(e).count(n -> n >= 5); // REQUIRE_APPROVAL is the
                                // rarest, about 8 %
                            }
                        });
        Statistics.label("verdict")
                .coverage(
                        c -> {
                            for (RuleVerdict.Verdict v : RuleVerdict.Verdict.values()) {
                                c.check(v).count(n -> n > 10);
                            }
                        });
    }

    /** The oracle: the match as the file wrote it, read without the gate's compiled form. */
    private static boolean writtenMatchIncludes(PolicyRule.Match match, ActionRequest request) {
        String tool = request.call().tool();
        Element e = request.element();
        boolean toolMatches =
                match.tools().contains(tool)
                        || (match.tools().contains("*") && ToolNames.ACT.contains(tool));
        return toolMatches
                && (match.kinds().isEmpty() || match.kinds().contains(e.kind().name()))
                && (match.regions().isEmpty() || match.regions().contains(e.region()));
    }

    @Property(tries = 100)
    void explaining_changes_neither_the_decision_ids_nor_the_counters(
            @ForAll("questions") List<ActionRequest> questions,
            @ForAll("executions") ActionRequest executed) {
        CelPolicyGate asked = CelPolicyGate.fromText("explain.yaml", POLICY);
        CelPolicyGate untouched = CelPolicyGate.fromText("explain.yaml", POLICY);
        for (CelPolicyGate g : List.of(asked, untouched)) {
            g.evaluate(executed);
            g.recordExecution(executed, Requests.succeeded(1200.0));
        }
        questions.forEach(asked::explain);

        Decision a = asked.evaluate(executed);
        Decision b = untouched.evaluate(executed);
        assertThat(a.decisionId()).isEqualTo(b.decisionId()).isEqualTo("dec-000002");
        assertThat(a).isEqualTo(b);
    }

    // --- generators

    @Provide
    Arbitrary<ActionRequest> requests() {
        Arbitrary<Map<String, Object>> facts =
                Arbitraries.maps(
                                Arbitraries.of(
                                        Stream.concat(
                                                        Requests.DEFAULT_POLICY_FACTS.stream(),
                                                        Stream.of("flaky"))
                                                .toList()),
                                Arbitraries.of(FACT_VALUES))
                        .ofMaxSize(8);
        Arbitrary<Double> cost =
                Arbitraries.oneOf(
                        Arbitraries.of(0.0, 100.0, 1000.0, 1000.01, 5000.0, 20000.5, 50000.0),
                        Arbitraries.doubles().between(0, 80_000));
        return Combinators.combine(
                        Arbitraries.of(ToolNames.ACT),
                        elements(),
                        cost,
                        Arbitraries.of(Risk.class),
                        facts,
                        Arbitraries.longs().between(0, 14L * 24 * 60))
                .as(
                        (tool, element, c, risk, f, minutes) ->
                                new ActionRequest(
                                        new CaseId("case-1"),
                                        1,
                                        ToolCall.of(
                                                tool, Map.of("element_id", element.id().value())),
                                        new Estimate(c, risk, new HashMap<>(f)),
                                        element,
                                        Requests.MONDAY.plusSeconds(minutes * 60),
                                        "agent:playbook",
                                        Optional.empty()));
    }

    @Provide
    Arbitrary<List<ActionRequest>> questions() {
        return requests().list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<ActionRequest>> histories() {
        return executions().list().ofMaxSize(12);
    }

    /** Successful act calls earlier the same fortnight, to give the guards something to count. */
    @Provide
    Arbitrary<ActionRequest> executions() {
        return Combinators.combine(
                        Arbitraries.of(ToolNames.ACT),
                        elements(),
                        Arbitraries.longs().between(0, 14L * 24 * 60))
                .as(
                        (tool, element, minutes) -> {
                            Instant at = Requests.MONDAY.plusSeconds(minutes * 60);
                            return new ActionRequest(
                                    new CaseId("case-0"),
                                    1,
                                    ToolCall.of(tool, Map.of()),
                                    new Estimate(300.0, Risk.LOW, Map.of()),
                                    element,
                                    at,
                                    "agent:playbook",
                                    Optional.empty());
                        });
    }

    private static Arbitrary<Element> elements() {
        return Combinators.combine(
                        Arbitraries.of("core-rtr-01", "core-rtr-02", "peering-rtr-01", "cell-07"),
                        Arbitraries.of(ElementKind.class),
                        Arbitraries.of("north", "south", "east"))
                .as(
                        (id, kind, region) ->
                                new Element(ElementId.of(id), kind, "core", region, "s1"));
    }
}
