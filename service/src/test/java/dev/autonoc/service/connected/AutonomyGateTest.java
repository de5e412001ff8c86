package dev.autonoc.service.connected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class AutonomyGateTest {

    private static final Element CORE =
            new Element(ElementId.of("core-rtr-01"), ElementKind.ROUTER, "core", "north", "n1");
    private static final Element CELL =
            new Element(ElementId.of("cell-01-1"), ElementKind.RADIO, "cell", "south", "s1");

    /** The policy, as a port: answers the effect it is given. */
    private static PolicyGate policy(Effect effect) {
        return new PolicyGate() {
            @Override
            public String version() {
                return "v1";
            }

            @Override
            public Decision evaluate(ActionRequest request) {
                return switch (effect) {
                    case ALLOW -> Decision.allow("d1", List.of("p-allow"), List.of("ok"), "v1");
                    case REQUIRE_APPROVAL ->
                            Decision.requireApproval(
                                    "d1",
                                    "noc_supervisor",
                                    List.of("p-ask"),
                                    List.of("costly"),
                                    "v1");
                    case DENY -> Decision.deny("d1", List.of("p-deny"), List.of("frozen"), "v1");
                };
            }

            @Override
            public void recordExecution(ActionRequest request, ToolResult result) {}
        };
    }

    private static ActionRequest request(String tool, Element element) {
        return new ActionRequest(
                new CaseId("case-1"),
                0,
                new ToolCall(tool, Map.of()),
                new Estimate(0, Risk.values()[0], Map.of()),
                element,
                Instant.parse("2026-12-06T00:00:00Z"),
                "agent:autonoc",
                Optional.empty());
    }

    private static AutonomyLevels levels(String defaultLevel, AutonomyLevels.Rule... rules) {
        return new AutonomyLevels(defaultLevel, List.of(rules));
    }

    @Test
    void propose_turns_what_the_policy_allows_into_a_request_for_an_operator() {
        Decision d =
                new AutonomyGate(policy(Effect.ALLOW), levels("propose"))
                        .evaluate(request("restart_element", CORE));
        assertThat(d.effect()).isEqualTo(Effect.REQUIRE_APPROVAL);
        assertThat(d.requiredRole()).contains("noc_operator");
        assertThat(d.ruleIds()).containsExactly("p-allow", AutonomyGate.PROPOSE_RULE);
        assertThat(d.reasons().get(1))
                .contains("restart_element", "core-rtr-01", "a person decides");
    }

    @Test
    void observe_executes_nothing_and_says_what_the_policy_would_have_done() {
        Decision allowed =
                new AutonomyGate(policy(Effect.ALLOW), levels("observe"))
                        .evaluate(request("order_part", CORE));
        Decision asked =
                new AutonomyGate(policy(Effect.REQUIRE_APPROVAL), levels("observe"))
                        .evaluate(request("order_part", CORE));
        assertThat(allowed.effect()).isEqualTo(Effect.DENY);
        assertThat(allowed.ruleIds()).containsExactly("p-allow", AutonomyGate.OBSERVE_RULE);
        assertThat(allowed.reasons().get(1)).contains("shadow mode", "would have allowed it");
        assertThat(asked.effect()).isEqualTo(Effect.DENY);
        assertThat(asked.reasons().get(1)).contains("asked noc_supervisor to approve it");
    }

    @Test
    void the_first_rule_that_matches_decides_and_the_default_covers_the_rest() {
        AutonomyLevels levels =
                levels(
                        "propose",
                        new AutonomyLevels.Rule(
                                List.of("restart_element"),
                                List.of(),
                                List.of("core"),
                                List.of(),
                                "observe"),
                        new AutonomyLevels.Rule(
                                List.of(),
                                List.of(ElementKind.RADIO),
                                List.of(),
                                List.of("south"),
                                "auto"));
        assertThat(levels.levelFor("restart_element", CORE))
                .isEqualTo(AutonomyLevels.Level.OBSERVE);
        assertThat(levels.levelFor("restart_element", CELL)).isEqualTo(AutonomyLevels.Level.AUTO);
        assertThat(levels.levelFor("order_part", CORE)).isEqualTo(AutonomyLevels.Level.PROPOSE);
    }

    @Test
    void a_wrong_level_names_what_is_accepted() {
        assertThatThrownBy(() -> levels("manual"))
                .hasMessageContaining("'manual'")
                .hasMessageContaining("observe, propose, auto");
        assertThatThrownBy(
                        () ->
                                new AutonomyLevels.Rule(
                                        List.of(), List.of(), List.of(), List.of(), "yolo"))
                .hasMessageContaining("'yolo'");
    }

    @Property
    void a_level_never_widens_what_the_policy_allows(
            @ForAll Effect policyEffect, @ForAll AutonomyLevels.Level level) {
        Decision d =
                new AutonomyGate(policy(policyEffect), levels(level.name().toLowerCase()))
                        .evaluate(request("order_part", CORE));
        assertThat(permissiveness(d.effect())).isLessThanOrEqualTo(permissiveness(policyEffect));
        if (level == AutonomyLevels.Level.AUTO) {
            assertThat(d.effect()).isEqualTo(policyEffect);
        }
        if (level == AutonomyLevels.Level.OBSERVE) {
            assertThat(d.effect()).isEqualTo(Effect.DENY);
        }
    }

    private static int permissiveness(Effect e) {
        return switch (e) {
            case DENY -> 0;
            case REQUIRE_APPROVAL -> 1;
            case ALLOW -> 2;
        };
    }
}
