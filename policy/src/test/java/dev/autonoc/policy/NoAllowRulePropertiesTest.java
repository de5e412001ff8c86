package dev.autonoc.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.core.tool.ToolNames;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever else a policy says, an act tool that no ALLOW rule names (directly or through "*") is
 * never allowed, for any action of that tool: any cost, facts of any shape or type, any time, any
 * element, any history.
 */
class NoAllowRulePropertiesTest {

    /** One generated rule: the tools it names, its condition, effect and role. */
    record GenRule(List<String> tools, String condition, Effect effect, String role) {}

    /** One generated action of the target tool. */
    record GenAction(
            double cost,
            Object x,
            Object y,
            Object n,
            int hour,
            ElementKind kind,
            String region,
            Prior prior) {}

    /** What ran before the action: successful calls on its element, and what the first cost. */
    record Prior(int calls, double spend) {}

    private static final List<String> CONDITIONS =
            List.of(
                    "true",
                    "false",
                    "cost > 100.0",
                    "cost <= 1000",
                    "has(facts.x) && facts.x == true",
                    "facts.y > 1.0",
                    "facts.x",
                    "args.n == 2.0 || tool == 'order_part'",
                    "history.spend_today >= 0.0 && history.act_calls_element_today < 3",
                    "time.hour < 12 && !time.weekend",
                    "element.kind == 'LINK' || element.region == 'south'",
                    "!history.element_under_work && history.other_elements_under_work_region >= 0");

    @Provide
    Arbitrary<List<GenRule>> rules() {
        return rule().list().ofMaxSize(8);
    }

    private Arbitrary<GenRule> rule() {
        Arbitrary<List<String>> tools =
                Arbitraries.oneOf(
                        Arbitraries.of(ToolNames.ACT)
                                .list()
                                .ofMinSize(1)
                                .ofMaxSize(3)
                                .uniqueElements(),
                        Arbitraries.just(List.of("*")));
        return Combinators.combine(
                        tools,
                        Arbitraries.of(CONDITIONS),
                        Arbitraries.of(Effect.class),
                        Arbitraries.of("noc_operator", "noc_supervisor", "auditor"))
                .as(GenRule::new);
    }

    @Provide
    Arbitrary<GenAction> actions() {
        Arbitrary<Object> anyFact =
                Arbitraries.oneOf(
                        Arbitraries.just(null),
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(-5, 5).map(i -> (Object) i),
                        Arbitraries.doubles().between(-10, 10).map(d -> (Object) d),
                        Arbitraries.strings().alpha().ofMaxLength(4).map(s -> (Object) s));
        return Combinators.combine(
                        Arbitraries.doubles().between(0, 100_000),
                        anyFact,
                        anyFact,
                        anyFact,
                        Arbitraries.integers().between(0, 23),
                        Arbitraries.of(ElementKind.class),
                        Arbitraries.of("north", "south"),
                        Combinators.combine(
                                        Arbitraries.integers().between(0, 12),
                                        Arbitraries.doubles().between(0, 80_000))
                                .as(Prior::new))
                .as(GenAction::new);
    }

    @Property(tries = 200)
    void a_tool_without_an_allow_rule_is_never_allowed(
            @ForAll("rules") List<GenRule> generated,
            @ForAll("actions") GenAction action,
            @ForAll @IntRange(min = 0, max = 9) int targetIndex) {
        String target = ToolNames.ACT.get(targetIndex);
        CelPolicyGate gate =
                CelPolicyGate.fromText("generated.yaml", yaml(withoutAllowFor(target, generated)));

        Requests request = requestFor(target, action);
        for (int i = 0; i < action.prior().calls(); i++) {
            gate.recordExecution(
                    request.build(), Requests.succeeded(i == 0 ? action.prior().spend() : 0.0));
        }
        Decision d = gate.evaluate(request.build());

        assertThat(d.effect()).isNotEqualTo(Effect.ALLOW);
        assertThat(d.allowed()).isFalse();
    }

    @Property(tries = 100)
    void a_deny_rule_that_fires_wins_over_every_other_rule(
            @ForAll("rules") List<GenRule> generated,
            @ForAll("actions") GenAction action,
            @ForAll @IntRange(min = 0, max = 9) int targetIndex) {
        String target = ToolNames.ACT.get(targetIndex);
        List<GenRule> rules = new ArrayList<>(generated);
        rules.add(new GenRule(List.of(target), "true", Effect.DENY, ""));
        CelPolicyGate gate = CelPolicyGate.fromText("generated.yaml", yaml(rules));

        Decision d = gate.evaluate(requestFor(target, action).build());

        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.ruleIds()).contains("rule-" + generated.size());
    }

    private static List<GenRule> withoutAllowFor(String target, List<GenRule> rules) {
        return rules.stream()
                .filter(
                        r ->
                                r.effect() != Effect.ALLOW
                                        || !(r.tools().contains(target) || r.tools().contains("*")))
                .toList();
    }

    private static Requests requestFor(String tool, GenAction a) {
        Requests r =
                Requests.of(tool)
                        .cost(a.cost())
                        .kind(a.kind())
                        .element("el-1", a.region())
                        .at(a.hour(), 0);
        if (a.x() != null) {
            r.fact("x", a.x());
        }
        if (a.y() != null) {
            r.fact("y", a.y());
        }
        if (a.n() != null) {
            r.arg("n", a.n());
        }
        return r;
    }

    private static String yaml(List<GenRule> rules) {
        StringBuilder y = new StringBuilder("apiVersion: autonoc.dev/v1\nkind: Policy\nrules:\n");
        if (rules.isEmpty()) {
            y.setLength(y.length() - 1);
            y.append(" []\n");
        }
        for (int i = 0; i < rules.size(); i++) {
            GenRule r = rules.get(i);
            y.append("  - id: rule-").append(i).append('\n');
            y.append("    match: {tools: [")
                    .append(
                            String.join(
                                    ", ", r.tools().stream().map(t -> "\"" + t + "\"").toList()))
                    .append("]}\n");
            // a DENY's condition gets a part of its own that always holds (costs are >= 0): so no
            // DENY is ever a broader DENY of another rule, which the loader would refuse as
            // shadowing, and the rules keep the meaning generated
            String condition =
                    r.effect() == Effect.DENY
                            ? "(" + r.condition() + ") && cost != -" + (i + 1) + ".0"
                            : r.condition();
            y.append("    condition: \"").append(condition).append("\"\n");
            y.append("    effect: ").append(r.effect()).append('\n');
            if (r.effect() == Effect.REQUIRE_APPROVAL) {
                y.append("    role: ").append(r.role()).append('\n');
            }
            y.append("    message: \"rule ").append(i).append(" at cost ${cost}\"\n");
        }
        return y.toString();
    }
}
