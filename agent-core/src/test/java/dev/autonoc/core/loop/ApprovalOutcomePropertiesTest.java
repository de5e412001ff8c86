package dev.autonoc.core.loop;

import static dev.autonoc.core.loop.LoopWorld.CASE;
import static dev.autonoc.core.loop.LoopWorld.ROUTER;
import static dev.autonoc.core.tool.ToolNames.ORDER_PART;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.approval.Actors;
import dev.autonoc.core.approval.ApprovalException;
import dev.autonoc.core.approval.Approver;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.loop.Fakes.Intent;
import dev.autonoc.core.loop.Fakes.SagaPlanner;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Safety properties 1 and 2 over generated histories: whatever people answer, and whenever, a step
 * that needs approval reaches its tool only after an approval of that very step by someone with the
 * role who did not propose it and is no agent; rejected, expired, withdrawn and refused answers
 * never let it through, however often the case replans, and nothing runs while a person has it.
 */
class ApprovalOutcomePropertiesTest {

    enum Move {
        WAIT_10_MIN,
        WAIT_2_H,
        APPROVE_AS_OPERATOR,
        APPROVE_AS_SUPERVISOR,
        APPROVE_AS_AGENT,
        APPROVE_AS_PROPOSER,
        REJECT_AS_SUPERVISOR,
        TAKE_OVER,
        HAND_BACK
    }

    @Provide
    Arbitrary<List<Move>> histories() {
        return Arbitraries.of(Move.class).list().ofMinSize(1).ofMaxSize(14);
    }

    static final Map<Move, Approver> WHO =
            Map.of(
                    Move.APPROVE_AS_OPERATOR,
                    new Approver("olga", Set.of(RoleHierarchy.NOC_OPERATOR)),
                    Move.APPROVE_AS_SUPERVISOR,
                    new Approver("sam", Set.of(RoleHierarchy.NOC_SUPERVISOR)),
                    Move.APPROVE_AS_AGENT,
                    new Approver("agent:other", Set.of(RoleHierarchy.NOC_SUPERVISOR)),
                    Move.APPROVE_AS_PROPOSER,
                    new Approver(Actors.AGENT, Set.of(RoleHierarchy.NOC_SUPERVISOR)),
                    Move.REJECT_AS_SUPERVISOR,
                    new Approver("sam", Set.of(RoleHierarchy.NOC_SUPERVISOR)));

    @Property(tries = 300)
    void a_step_needing_approval_runs_only_after_a_valid_approval_of_that_step(
            @ForAll("histories") List<Move> moves,
            @ForAll boolean supervisorRequired,
            @ForAll @IntRange(min = 0, max = 3) int timeoutHours) {
        String role =
                supervisorRequired ? RoleHierarchy.NOC_SUPERVISOR : RoleHierarchy.NOC_OPERATOR;
        // a planner that orders again after every refusal, from the next source in turn
        SagaPlanner planner =
                new SagaPlanner(
                        r ->
                                List.of(
                                        Intent.now(
                                                ORDER_PART,
                                                LoopWorld.order(
                                                        r,
                                                        List.of("south", "central", "supplier")
                                                                .get(
                                                                        r.context().revision()
                                                                                % 3)))));
        LoopWorld w = new LoopWorld(planner);
        w.gate.requireApproval(ORDER_PART, role);
        w.settings = LoopSettings.defaults().withApprovalTimeout(Duration.ofHours(timeoutHours));
        w.predict(ROUTER, 0.9, Duration.ofDays(2));
        w.tick();
        CaseId id = new CaseId(CASE);

        for (Move move : moves) {
            switch (move) {
                case WAIT_10_MIN -> w.clock.advance(Duration.ofMinutes(10));
                case WAIT_2_H -> w.clock.advance(Duration.ofHours(2));
                case TAKE_OVER -> {
                    if (w.of(CASE).status().isAgentWorking()) {
                        w.loop().takeOver(id, "ana", "mine", w.now());
                    }
                }
                case HAND_BACK -> {
                    if (w.of(CASE).status().isWithPerson()) {
                        w.loop().handBack(id, "ana", "yours", w.now());
                    }
                }
                default -> answer(w, move);
            }
            int before = w.net.callsOf(ORDER_PART).size();
            CaseStatus status = w.of(CASE).status();
            w.tick();
            if (status.isWithPerson()) {
                assertThat(w.net.callsOf(ORDER_PART))
                        .as("nothing runs while a person has the case")
                        .hasSize(before);
            }
        }

        assertEveryActFollowsAValidApprovalOfItsStep(w);
        assertThat(w.net.effectsOf(ORDER_PART).stream().filter(e -> e.key().startsWith(CASE + "/")))
                .as("one order at most for the case")
                .hasSizeLessThanOrEqualTo(1);
    }

    private static void answer(LoopWorld w, Move move) {
        for (String pending : w.pending()) {
            try {
                if (move == Move.REJECT_AS_SUPERVISOR) {
                    w.approvals.reject(pending, WHO.get(move), "no", w.now());
                } else {
                    w.approvals.approve(pending, WHO.get(move), "ok", w.now(), Optional.empty());
                }
            } catch (ApprovalException refused) {
                // the queue refuses an answer it may not take: nothing changes
            }
        }
    }

    /** From the ledger alone: each act call follows an approval of its step, valid as given. */
    static void assertEveryActFollowsAValidApprovalOfItsStep(LoopWorld w) {
        RoleHierarchy roles = RoleHierarchy.operatorDefault();
        Map<String, AuditEvent> approvedByStep = new HashMap<>();
        for (AuditEntry entry : w.audit.entries) {
            AuditEvent e = entry.event();
            Map<String, Object> p = e.payload();
            String step = e.correlationId() + "/" + p.get("step");
            if (e.type() == AuditEventType.APPROVAL_ANSWERED
                    && "APPROVED".equals(p.get("verdict"))) {
                approvedByStep.put(step, e);
            }
            if (e.type() == AuditEventType.TOOL_CALL && "ACT".equals(p.get("tool_kind"))) {
                AuditEvent approval = approvedByStep.get(step);
                assertThat(approval).as("step %s ran without an approval", step).isNotNull();
                String by = (String) approval.payload().get("by");
                assertThat(Actors.isAgent(by)).as("approved by an agent").isFalse();
                assertThat(by).isNotEqualTo(e.actor());
                assertThat(
                                roles.satisfies(
                                        Set.of((String) approval.payload().get("role")),
                                        (String) approval.payload().get("required_role")))
                        .isTrue();
            }
        }
    }
}
