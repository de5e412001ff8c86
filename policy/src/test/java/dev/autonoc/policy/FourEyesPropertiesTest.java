package dev.autonoc.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.approval.ApprovalException;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.Approver;
import dev.autonoc.core.approval.InMemoryApprovalQueue;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.approval.Verdict;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.core.tool.ToolNames;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Four eyes, for every pair of the role a decision of the gate asks for and the roles an answerer
 * holds, with the proposer an agent or a person and the answerer the proposer, an agent or another
 * person, approving or rejecting: the answer counts only from a person who did not propose the
 * action and holds the role or one above it ({@code noc_supervisor} above {@code noc_operator};
 * {@code auditor} above nothing and below nothing). Once rejected or expired, nobody can approve
 * it.
 */
class FourEyesPropertiesTest {

    /** One rule per role, so each role is asked for by a real decision of the gate. */
    private static final String POLICY =
            """
            apiVersion: autonoc.dev/v1
            kind: Policy
            rules:
              - id: operator
                match: {tools: [order_part]}
                condition: cost <= 10.0
                effect: REQUIRE_APPROVAL
                role: noc_operator
                message: operator
              - id: supervisor
                match: {tools: [order_part]}
                condition: cost > 10.0 && cost <= 20.0
                effect: REQUIRE_APPROVAL
                role: noc_supervisor
                message: supervisor
              - id: auditor
                match: {tools: [order_part]}
                condition: cost > 20.0
                effect: REQUIRE_APPROVAL
                role: auditor
                message: auditor
            """;

    private static final CelPolicyGate GATE = CelPolicyGate.fromText("four-eyes.yaml", POLICY);

    private static final List<String> ROLES =
            List.of(
                    RoleHierarchy.NOC_OPERATOR,
                    RoleHierarchy.NOC_SUPERVISOR,
                    RoleHierarchy.AUDITOR);

    enum Answerer {
        THE_PROPOSER,
        AN_AGENT,
        ANOTHER_PERSON
    }

    @Provide
    Arbitrary<String> roles() {
        return Arbitraries.of(ROLES);
    }

    @Provide
    Arbitrary<Set<String>> held() {
        return Arbitraries.subsetOf(ROLES).filter(s -> !s.isEmpty());
    }

    @Provide
    Arbitrary<String> proposers() {
        return Arbitraries.of("agent:playbook", "pat");
    }

    /** The table, written out: who may act with which role in the operator's hierarchy. */
    private static boolean mayActAs(Set<String> held, String required) {
        return held.contains(required)
                || (required.equals(RoleHierarchy.NOC_OPERATOR)
                        && held.contains(RoleHierarchy.NOC_SUPERVISOR));
    }

    private static ActionRequest order(String required, String proposer) {
        double cost = ROLES.indexOf(required) * 10.0 + 5.0;
        ActionRequest r = Requests.of(ToolNames.ORDER_PART).cost(cost).build();
        return new ActionRequest(
                new CaseId("case-4"),
                1,
                r.call(),
                r.estimate(),
                r.element(),
                r.at(),
                proposer,
                Optional.empty());
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void an_answer_counts_only_from_another_person_with_the_role(
            @ForAll("roles") String required,
            @ForAll("held") Set<String> held,
            @ForAll("proposers") String proposer,
            @ForAll Answerer answerer,
            @ForAll boolean approve) {
        ActionRequest action = order(required, proposer);
        Decision decision = GATE.evaluate(action);
        assertThat(decision.effect()).isEqualTo(Effect.REQUIRE_APPROVAL);
        assertThat(decision.requiredRole()).contains(required);

        InMemoryApprovalQueue queue = new InMemoryApprovalQueue(RoleHierarchy.operatorDefault());
        ApprovalRequest request = queue.submit(action, decision, action.at());
        String name =
                switch (answerer) {
                    case THE_PROPOSER -> proposer;
                    case AN_AGENT -> "agent:other";
                    case ANOTHER_PERSON -> "sam";
                };
        Approver who = new Approver(name, held);
        // the proposer never answers (four eyes), an agent never does, whatever roles they hold
        boolean valid = answerer == Answerer.ANOTHER_PERSON && mayActAs(held, required);

        if (valid) {
            var answer =
                    approve
                            ? queue.approve(request.id(), who, "ok", action.at(), Optional.empty())
                            : queue.reject(request.id(), who, "no", action.at());
            assertThat(answer.verdict()).isEqualTo(approve ? Verdict.APPROVED : Verdict.REJECTED);
            assertThat(answer.by()).isEqualTo(name);
            assertThat(answer.role()).isEqualTo(required);
        } else {
            assertThatThrownBy(
                            () -> {
                                if (approve) {
                                    queue.approve(
                                            request.id(), who, "ok", action.at(), Optional.empty());
                                } else {
                                    queue.reject(request.id(), who, "no", action.at());
                                }
                            })
                    .isInstanceOf(ApprovalException.class);
            assertThat(queue.answer(request.id())).isEmpty();
        }
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void a_rejected_or_expired_request_is_never_approved_afterwards(
            @ForAll("roles") String required, @ForAll boolean expire) {
        ActionRequest action = order(required, "agent:playbook");
        InMemoryApprovalQueue queue = new InMemoryApprovalQueue(RoleHierarchy.operatorDefault());
        ApprovalRequest request = queue.submit(action, GATE.evaluate(action), action.at());
        Approver everyRole = new Approver("sam", Set.copyOf(ROLES));
        if (expire) {
            queue.expire(request.id(), "nobody answered", action.at().plusSeconds(3600));
        } else {
            queue.reject(request.id(), everyRole, "no", action.at());
        }
        assertThatThrownBy(
                        () ->
                                queue.approve(
                                        request.id(),
                                        new Approver("kim", Set.copyOf(ROLES)),
                                        "ok",
                                        action.at().plusSeconds(7200),
                                        Optional.empty()))
                .isInstanceOf(ApprovalException.class);
        assertThat(queue.answer(request.id()).orElseThrow().verdict())
                .isEqualTo(expire ? Verdict.EXPIRED : Verdict.REJECTED);
    }
}
