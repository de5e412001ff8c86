package dev.autonoc.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.junit.jupiter.api.Test;

/**
 * The direct expressions ({@link DirectExpressions}) agree with CEL: wherever a direct condition or
 * message part answers, CEL gives the same value (and no error), and a whole evaluation (the
 * decision, every rule that fired, every reason in words) is the same with and without them. Over
 * generated requests, including facts and arguments of the wrong type, missing keys, NaN, signed
 * zeros and huge counters, for every rule of the default policy, of the benchmarks' 50 extra rules,
 * and of generated conditions.
 */
class DirectExpressionsPropertiesTest {

    /** Lists and calendars for the generated conditions to read. */
    private static final String DATA =
            """
            lists:
              never_touch: [peering-rtr-01, core-rtr-02]
            calendars:
              change_freeze:
                - {from: 2025-01-11, to: 2025-01-13}
            """;

    private static final Policy DEFAULT = CelPolicyGate.defaultCompiled();
    private static final Policy EXTRA = load("extra.yaml", ExtraRules.defaultPlus(50));

    private static Policy load(String name, String text) {
        return PolicyLoader.load(
                name, text.getBytes(StandardCharsets.UTF_8), RoleHierarchy.operatorDefault());
    }

    // --- generated requests

    private static final List<Object> VALUES =
            java.util.Arrays.asList(
                    true,
                    false,
                    0,
                    0.0,
                    -0.0,
                    0.8,
                    0.80001,
                    1,
                    10L,
                    50.0,
                    500.5,
                    1e300,
                    Double.MAX_VALUE,
                    Double.NEGATIVE_INFINITY,
                    Double.NaN,
                    Long.MAX_VALUE,
                    "yes",
                    "PSU",
                    List.of(1, 2),
                    Map.of("a", 1));

    /** The default policy's facts, and one its rules do not read. */
    private static final List<String> FACT_KEYS =
            Stream.concat(Requests.DEFAULT_POLICY_FACTS.stream(), Stream.of("region")).toList();

    private static final List<String> ARG_KEYS = List.of("amount_gbp", "part", "n");

    private static Arbitrary<Map<String, Object>> map(List<String> keys) {
        Arbitrary<Object> value = Arbitraries.of(VALUES);
        return Arbitraries.maps(Arbitraries.of(keys), value).ofMaxSize(keys.size());
    }

    @Provide
    Arbitrary<ActionRequest> requests() {
        Arbitrary<String> tool = Arbitraries.of(ToolNames.ACT);
        Arbitrary<Double> cost =
                Arbitraries.oneOf(
                        Arbitraries.of(0.0, 1000.0, 1000.01, 5000.0, 50000.0, 50000.5, 1e18),
                        Arbitraries.doubles().between(0, 100_000));
        Arbitrary<Risk> risk = Arbitraries.of(Risk.class);
        Arbitrary<Element> element =
                Combinators.combine(
                                Arbitraries.of("core-rtr-01", "core-rtr-02", "peering-rtr-01"),
                                Arbitraries.of(ElementKind.class),
                                Arbitraries.of("north", "south"))
                        .as(
                                (id, kind, region) ->
                                        new Element(
                                                ElementId.of(id), kind, "core", region, "site-01"));
        Arbitrary<Instant> at =
                Arbitraries.longs()
                        .between(0, 14L * 24 * 60)
                        .map(m -> Requests.MONDAY.plusSeconds(m * 60));
        Arbitrary<Optional<Double>> prediction = Arbitraries.doubles().between(0, 1).optional(0.5);
        return Combinators.combine(
                        tool, cost, risk, map(FACT_KEYS), map(ARG_KEYS), element, at, prediction)
                .as(
                        (t, c, r, facts, args, e, when, p) ->
                                new ActionRequest(
                                        new CaseId("case-1"),
                                        2,
                                        ToolCall.of(t, new HashMap<>(args)),
                                        new Estimate(c, r, new HashMap<>(facts)),
                                        e,
                                        when,
                                        "agent:playbook",
                                        p.map(
                                                prob ->
                                                        new Prediction(
                                                                e.id(),
                                                                when,
                                                                prob,
                                                                FailureMode.FAN_WEAR,
                                                                Duration.ofHours(6),
                                                                List.of(),
                                                                "test"))));
    }

    @Provide
    Arbitrary<History> histories() {
        Arbitrary<Long> count =
                Arbitraries.oneOf(
                        Arbitraries.longs().between(0, 12),
                        Arbitraries.of(Long.MAX_VALUE, 1L << 53, (1L << 53) + 1));
        Arbitrary<Double> spend =
                Arbitraries.oneOf(
                        Arbitraries.of(0.0, 50000.0, 50000.01, -0.0),
                        Arbitraries.doubles().between(0, 100_000));
        return Combinators.combine(
                        spend, count, count, Arbitraries.of(true, false), count, count, count)
                .as(History::new);
    }

    // --- generated conditions

    private static final List<String> ATOMS =
            List.of(
                    "cost > 1000.0",
                    "cost <= 1000",
                    "-cost < 0.0",
                    "has(facts.in_shift)",
                    "facts.in_shift == true",
                    "facts.max_utilization_after <= 0.8",
                    "facts.slices_breached == 0.0",
                    "facts.sites_isolated > 0",
                    "facts.region == 'north'",
                    "facts.region != 1",
                    "args['part'] == 'PSU'",
                    "args.amount_gbp + 1.0 > 50.0",
                    "args.n * 2.0 >= 1.0",
                    "element.kind in ['ROUTER', 'RADIO']",
                    "element.id in lists.never_touch",
                    "calendars.change_freeze",
                    "time.hour < 5",
                    "time.weekend",
                    "time.weekday == 'SATURDAY'",
                    "time.minute - 30 > 0",
                    "history.act_calls_element_today >= 10",
                    "history.act_calls_today * 2 > 3",
                    "history.act_calls_today + 1 > 3",
                    "history.spend_today > 50000.0",
                    "history.elements_under_work >= 2.0",
                    "risk == 'HIGH'",
                    "tool != 'order_part'",
                    "case.predicted",
                    "has(case.probability) && case.probability > 0.5",
                    "(has(facts.credit_per_customer) ? facts.credit_per_customer : 0.0) > 50.0",
                    "proposer == 'agent:playbook'",
                    "size(element.id) > 3");

    @Provide
    Arbitrary<String> conditions() {
        return condition(3);
    }

    private static Arbitrary<String> condition(int depth) {
        Arbitrary<String> atom = Arbitraries.of(ATOMS);
        if (depth == 0) {
            return atom;
        }
        Arbitrary<String> sub = Arbitraries.lazy(() -> condition(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, atom),
                net.jqwik.api.Tuple.of(
                        2,
                        Combinators.combine(sub, sub).as((a, b) -> "(" + a + ") && (" + b + ")")),
                net.jqwik.api.Tuple.of(
                        2,
                        Combinators.combine(sub, sub).as((a, b) -> "(" + a + ") || (" + b + ")")),
                net.jqwik.api.Tuple.of(1, sub.map(a -> "!(" + a + ")")),
                net.jqwik.api.Tuple.of(
                        1,
                        Combinators.combine(sub, sub, sub)
                                .as((a, b, c) -> "(" + a + ") ? (" + b + ") : (" + c + ")")));
    }

    /** A policy of one DENY rule per condition, each with a message naming numbers. */
    private static Policy generated(List<String> conditions) {
        StringBuilder text =
                new StringBuilder("apiVersion: autonoc.dev/v1\nkind: Policy\n" + DATA + "rules:\n");
        for (int i = 0; i < conditions.size(); i++) {
            text.append("  - id: gen-")
                    .append(i)
                    .append("\n    match: {tools: [\"*\"]}\n    condition: \"")
                    .append(conditions.get(i))
                    .append("\"\n    effect: DENY\n    message: \"cost ${cost}, ${facts.in_shift},")
                    .append(" ${history.act_calls_today * 2} at ${time.hour}:${time.minute < 10 ?")
                    .append(" '0' : ''}${time.minute}, ${element.id in lists.never_touch},")
                    .append(" ${-history.spend_today}, ${args.n * 100.0}\"\n");
        }
        return load("generated.yaml", text.toString());
    }

    // --- the properties

    @Property(tries = 200)
    void every_shipped_and_extra_rule_agrees_with_cel(
            @ForAll("requests") ActionRequest request, @ForAll("histories") History history) {
        assertAgree(DEFAULT, request, history);
        assertAgree(EXTRA, request, history);
    }

    @Property(tries = 100)
    void generated_conditions_agree_with_cel(
            @ForAll("requests") ActionRequest request,
            @ForAll("histories") History history,
            @ForAll("conditions") String a,
            @ForAll("conditions") String b) {
        assertAgree(generated(List.of(a, b)), request, history);
    }

    /** Rule by rule, then the whole evaluation with and without the direct expressions. */
    private static void assertAgree(Policy policy, ActionRequest request, History history) {
        for (CompiledRule rule : policy.rules()) {
            if (rule.condition().isPresent()) {
                Object direct = rule.direct().eval(new Activation(request, history, policy.data()));
                if (direct != DirectExpressions.FALLBACK) {
                    Object cel = cel(rule.condition().get(), request, history, policy, rule);
                    assertThat(direct)
                            .as("rule %s: %s", rule.id(), rule.conditionSource())
                            .isEqualTo(cel);
                }
            }
            for (MessageTemplate.Part part : rule.message().parts()) {
                if (part instanceof MessageTemplate.Expression e) {
                    Object direct =
                            e.direct().eval(new Activation(request, history, policy.data()));
                    if (direct != DirectExpressions.FALLBACK
                            && !(direct instanceof Map<?, ?>)
                            && !(direct instanceof List<?>)) {
                        Object cel = cel(e.program(), request, history, policy, rule);
                        assertThat(Values.format(direct))
                                .as("rule %s message part %s", rule.id(), e.source())
                                .isEqualTo(Values.format(cel));
                    }
                }
            }
        }
        assertThat(CelPolicyGate.evaluate(policy, "dec-1", request, history))
                .isEqualTo(CelPolicyGate.evaluate(policy.celOnly(), "dec-1", request, history));
    }

    private static Object cel(
            dev.cel.runtime.CelRuntime.Program program,
            ActionRequest request,
            History history,
            Policy policy,
            CompiledRule rule) {
        try {
            return program.eval(new Activation(request, history, policy.data()));
        } catch (dev.cel.runtime.CelEvaluationException e) {
            return fail(
                    "rule %s: the direct expression answered where CEL fails with %s",
                    rule.id(), e.getMessage());
        }
    }

    // --- the direct expressions are used

    @Test
    void every_condition_and_message_part_of_the_default_policy_and_the_extra_rules_is_direct() {
        List<String> celOnly = new ArrayList<>();
        for (Policy p : List.of(DEFAULT, EXTRA)) {
            for (CompiledRule rule : p.rules()) {
                if (!rule.conditionIsDirect()) {
                    celOnly.add(rule.id() + ": " + rule.conditionSource());
                }
                for (MessageTemplate.Part part : rule.message().parts()) {
                    if (part instanceof MessageTemplate.Expression e
                            && e.direct() == DirectExpressions.CEL_ONLY) {
                        celOnly.add(rule.id() + " message: " + e.source());
                    }
                }
            }
        }
        assertThat(celOnly).isEmpty();
    }

    @Test
    void leaves_a_function_call_or_a_macro_to_cel() {
        Policy p =
                generated(
                        List.of(
                                "size(element.id) > 3",
                                "['a', 'b'].exists(x, x == element.id)",
                                "cost > 1.0"));
        assertThat(p.rules().stream().map(CompiledRule::conditionIsDirect))
                .containsExactly(false, false, true);
    }

    @Test
    void answers_fallback_where_cel_would_fail_or_could_differ() {
        Policy p =
                generated(
                        List.of(
                                "facts.in_shift == true",
                                "facts.slices_breached == 0.0",
                                "history.act_calls_today * 2 > 3"));
        ActionRequest missing = Requests.of(ToolNames.ORDER_PART).build();
        ActionRequest negativeZero =
                Requests.of(ToolNames.ORDER_PART)
                        .fact("in_shift", "yes")
                        .fact("slices_breached", -0.0)
                        .build();
        History huge = new History(0, Long.MAX_VALUE, 0, false, 0, 0, 0);
        for (ActionRequest r : List.of(missing, negativeZero)) {
            for (CompiledRule rule : p.rules().subList(0, 2)) {
                assertThat(rule.direct().eval(new Activation(r, huge, p.data())))
                        .as(rule.conditionSource())
                        .isSameAs(DirectExpressions.FALLBACK);
            }
        }
        assertThat(p.rules().get(2).direct().eval(new Activation(missing, huge, p.data())))
                .isSameAs(DirectExpressions.FALLBACK);
        ActionRequest plain =
                Requests.of(ToolNames.ORDER_PART)
                        .fact("in_shift", true)
                        .fact("slices_breached", 0.0)
                        .build();
        History small = new History(0, 2, 0, false, 0, 0, 0);
        assertThat(
                        p.rules().stream()
                                .map(r -> r.direct().eval(new Activation(plain, small, p.data()))))
                .containsExactly(true, true, true);
    }
}
