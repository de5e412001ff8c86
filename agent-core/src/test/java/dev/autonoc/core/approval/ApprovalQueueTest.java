package dev.autonoc.core.approval;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ApprovalQueueTest {

    static final Instant T = Instant.parse("2025-01-07T10:00:00Z");
    static final Element E =
            new Element(
                    ElementId.of("core-rtr-01"), ElementKind.ROUTER, "core", "north", "site-01");

    static ApprovalRequest submit(InMemoryApprovalQueue q, String role, String proposer) {
        ActionRequest action =
                new ActionRequest(
                        new CaseId("case-0001"),
                        1,
                        ToolCall.of("order_part", Map.of("part", "PSU")),
                        new Estimate(2800, Risk.MEDIUM, Map.of()),
                        E,
                        T,
                        proposer,
                        Optional.empty());
        return q.submit(
                action,
                Decision.requireApproval("dec-1", role, List.of("r"), List.of("why"), "v1"),
                T);
    }

    final InMemoryApprovalQueue queue = new InMemoryApprovalQueue(RoleHierarchy.operatorDefault());

    @Test
    void a_supervisor_may_approve_what_an_operator_may() {
        ApprovalRequest r = submit(queue, RoleHierarchy.NOC_OPERATOR, Actors.AGENT);
        ApprovalAnswer a =
                queue.approve(
                        r.id(),
                        new Approver("sam", Set.of("noc_supervisor")),
                        "ok",
                        T,
                        Optional.empty());
        assertThat(a.verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(a.role()).isEqualTo("noc_operator");
        assertThat(queue.pending()).isEmpty();
    }

    @Test
    void an_operator_may_not_approve_what_needs_a_supervisor() {
        ApprovalRequest r = submit(queue, RoleHierarchy.NOC_SUPERVISOR, Actors.AGENT);
        assertThatThrownBy(
                        () ->
                                queue.approve(
                                        r.id(),
                                        new Approver("olga", Set.of("noc_operator")),
                                        "",
                                        T,
                                        Optional.empty()))
                .isInstanceOf(ApprovalException.class)
                .hasMessageContaining("noc_supervisor");
        assertThat(queue.pending()).hasSize(1);
    }

    @Test
    void the_proposer_never_approves_their_own_action() {
        ApprovalRequest r = submit(queue, RoleHierarchy.NOC_OPERATOR, "sam");
        assertThatThrownBy(
                        () ->
                                queue.approve(
                                        r.id(),
                                        new Approver("sam", Set.of("noc_supervisor")),
                                        "",
                                        T,
                                        Optional.empty()))
                .isInstanceOf(ApprovalException.class)
                .hasMessageContaining("four eyes");
    }

    @Test
    void an_agent_approves_nothing_whatever_roles_it_claims() {
        ApprovalRequest r = submit(queue, RoleHierarchy.NOC_OPERATOR, "sam");
        assertThatThrownBy(
                        () ->
                                queue.approve(
                                        r.id(),
                                        new Approver("agent:helper", Set.of("noc_supervisor")),
                                        "",
                                        T,
                                        Optional.empty()))
                .isInstanceOf(ApprovalException.class)
                .hasMessageContaining("agent");
    }

    @Test
    void a_request_is_answered_once() {
        ApprovalRequest r = submit(queue, RoleHierarchy.NOC_OPERATOR, Actors.AGENT);
        Approver sam = new Approver("sam", Set.of("noc_supervisor"));
        queue.reject(r.id(), sam, "no", T);
        assertThatThrownBy(() -> queue.approve(r.id(), sam, "yes", T, Optional.empty()))
                .hasMessageContaining("already answered");
        assertThat(queue.answer(r.id()))
                .get()
                .extracting(ApprovalAnswer::verdict)
                .isEqualTo(Verdict.REJECTED);
    }

    @Test
    void an_amendment_may_change_arguments_but_not_the_tool() {
        ApprovalRequest r = submit(queue, RoleHierarchy.NOC_OPERATOR, Actors.AGENT);
        assertThatThrownBy(
                        () ->
                                queue.approve(
                                        r.id(),
                                        new Approver("sam", Set.of("noc_supervisor")),
                                        "",
                                        T,
                                        Optional.of(ToolCall.of("apply_sla_credit", Map.of()))))
                .hasMessageContaining("not the tool");
    }

    @Property
    void four_eyes_holds_for_every_pair_of_people(
            @ForAll @Size(min = 1, max = 12) String name, @ForAll boolean supervisor) {
        InMemoryApprovalQueue q = new InMemoryApprovalQueue(RoleHierarchy.operatorDefault());
        ApprovalRequest r = submit(q, RoleHierarchy.NOC_OPERATOR, name);
        Set<String> roles = Set.of(supervisor ? "noc_supervisor" : "noc_operator");
        assertThatThrownBy(
                        () -> q.approve(r.id(), new Approver(name, roles), "", T, Optional.empty()))
                .isInstanceOf(ApprovalException.class);
    }

    @Test
    void role_hierarchy_is_transitive_and_does_not_run_upwards() {
        RoleHierarchy h =
                new RoleHierarchy(
                        Map.of(
                                "director",
                                List.of("noc_supervisor"),
                                "noc_supervisor",
                                List.of("noc_operator")));
        assertThat(h.satisfies(Set.of("director"), "noc_operator")).isTrue();
        assertThat(h.satisfies(Set.of("noc_operator"), "noc_supervisor")).isFalse();
        assertThat(h.satisfies(Set.of("auditor"), "noc_operator")).isFalse();
    }
}
