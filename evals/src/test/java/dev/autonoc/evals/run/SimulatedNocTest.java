package dev.autonoc.evals.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.InMemoryApprovalQueue;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.approval.Verdict;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.evals.scenario.Scenario.Approvals;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SimulatedNocTest {

    private static final Instant T0 = Instant.parse("2025-01-06T09:00:00Z");
    private final InMemoryApprovalQueue queue =
            new InMemoryApprovalQueue(RoleHierarchy.operatorDefault());

    private String ask(double cost, String role) {
        return ask("order_part", cost, role);
    }

    private String ask(String tool, double cost, String role) {
        Element element =
                new Element(
                        ElementId.of("core-rtr-02"),
                        ElementKind.ROUTER,
                        "core",
                        "south",
                        "site-02");
        ActionRequest action =
                new ActionRequest(
                        new CaseId("case-0001"),
                        1,
                        ToolCall.of(tool, Map.of("part", "SFP-OPTIC")),
                        new Estimate(cost, Risk.MEDIUM, Map.of()),
                        element,
                        T0,
                        "agent:autonoc",
                        Optional.empty());
        return queue.submit(
                        action,
                        Decision.requireApproval(
                                "dec-1", role, List.of("order-mid"), List.of("costly"), "v1"),
                        T0)
                .id();
    }

    @Test
    void approves_as_a_supervisor_once_the_delay_has_passed_and_not_before() {
        String id = ask(2800, RoleHierarchy.NOC_OPERATOR);
        SimulatedNoc noc = new SimulatedNoc(Approvals.DEFAULT, queue);
        assertThat(noc.answerDue(T0.plus(Duration.ofMinutes(5)))).isZero();
        assertThat(queue.answer(id)).isEmpty();
        assertThat(noc.answerDue(T0.plus(Duration.ofMinutes(10)))).isEqualTo(1);
        ApprovalAnswer answer = queue.answer(id).orElseThrow();
        assertThat(answer.verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(answer.by()).isEqualTo("sim:noc-supervisor");
        assertThat(answer.at()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void approves_below_the_threshold_and_rejects_at_or_above_it() {
        String cheap = ask(2800, RoleHierarchy.NOC_OPERATOR);
        String dear = ask(20_000, RoleHierarchy.NOC_SUPERVISOR);
        String exact = ask(5000, RoleHierarchy.NOC_OPERATOR);
        new SimulatedNoc(
                        new Approvals(
                                Approvals.Mode.APPROVE_BELOW,
                                OptionalDouble.of(5000),
                                Duration.ZERO),
                        queue)
                .answerDue(T0);
        assertThat(queue.answer(cheap).orElseThrow().verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(queue.answer(dear).orElseThrow().verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(queue.answer(exact).orElseThrow().verdict()).isEqualTo(Verdict.REJECTED);
    }

    @Test
    void rejects_everything_with_reject_all() {
        String id = ask(100, RoleHierarchy.NOC_OPERATOR);
        new SimulatedNoc(
                        new Approvals(
                                Approvals.Mode.REJECT_ALL,
                                OptionalDouble.empty(),
                                Duration.ofMinutes(1)),
                        queue)
                .answerDue(T0.plus(Duration.ofHours(1)));
        assertThat(queue.answer(id).orElseThrow().verdict()).isEqualTo(Verdict.REJECTED);
    }

    @Test
    void never_answers_with_never_answer() {
        String id = ask(100, RoleHierarchy.NOC_OPERATOR);
        SimulatedNoc noc =
                new SimulatedNoc(
                        new Approvals(
                                Approvals.Mode.NEVER_ANSWER, OptionalDouble.empty(), Duration.ZERO),
                        queue);
        assertThat(noc.answerDue(T0.plus(Duration.ofDays(30)))).isZero();
        assertThat(queue.answer(id)).isEmpty();
    }

    @Test
    void leaves_pending_what_a_supervisor_may_not_answer_and_says_why_once() {
        String id = ask(100, RoleHierarchy.AUDITOR);
        SimulatedNoc noc = new SimulatedNoc(Approvals.DEFAULT, queue);
        noc.answerDue(T0.plus(Duration.ofHours(1)));
        noc.answerDue(T0.plus(Duration.ofHours(2)));
        assertThat(queue.answer(id)).isEmpty();
        assertThat(noc.refused()).singleElement().asString().contains(id).contains("auditor");
    }

    @Test
    void rejects_the_tools_of_reject_tools_and_answers_the_others_per_the_mode() {
        String restart = ask("restart_element", 0, RoleHierarchy.NOC_SUPERVISOR);
        String order = ask("order_part", 2800, RoleHierarchy.NOC_OPERATOR);
        SimulatedNoc noc =
                new SimulatedNoc(
                        new Approvals(
                                Approvals.Mode.APPROVE_ALL,
                                OptionalDouble.empty(),
                                Duration.ofMinutes(10),
                                List.of("restart_element", "reroute_traffic")),
                        queue);
        assertThat(noc.answerDue(T0.plus(Duration.ofMinutes(9)))).isZero();
        assertThat(noc.answerDue(T0.plus(Duration.ofMinutes(10)))).isEqualTo(2);
        ApprovalAnswer rejected = queue.answer(restart).orElseThrow();
        assertThat(rejected.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(rejected.comment()).contains("reject_tools").contains("restart_element");
        assertThat(queue.answer(order).orElseThrow().verdict()).isEqualTo(Verdict.APPROVED);
    }

    @Test
    void rejects_the_tools_of_reject_tools_even_when_it_answers_nothing_else() {
        String restart = ask("restart_element", 0, RoleHierarchy.NOC_SUPERVISOR);
        String order = ask("order_part", 2800, RoleHierarchy.NOC_OPERATOR);
        SimulatedNoc noc =
                new SimulatedNoc(
                        new Approvals(
                                Approvals.Mode.NEVER_ANSWER,
                                OptionalDouble.empty(),
                                Duration.ZERO,
                                List.of("restart_element")),
                        queue);
        assertThat(noc.answerDue(T0.plus(Duration.ofDays(1)))).isEqualTo(1);
        assertThat(queue.answer(restart).orElseThrow().verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(queue.answer(order)).isEmpty();
    }
}
