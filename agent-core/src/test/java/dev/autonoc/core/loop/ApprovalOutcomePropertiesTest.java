package dev.autonoc.core.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.approval.Approver;
import dev.autonoc.core.approval.InMemoryApprovalQueue;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.cases.InMemoryCaseStore;
import dev.autonoc.core.loop.Fakes.ListAuditLog;
import dev.autonoc.core.loop.Fakes.MutableClock;
import dev.autonoc.core.loop.Fakes.RecordingTool;
import dev.autonoc.core.loop.Fakes.ScriptedGate;
import dev.autonoc.core.loop.Fakes.ScriptedPredictor;
import dev.autonoc.core.tool.ToolCatalogue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Safety property 1 over generated histories: whatever people answer, and whenever, a step that
 * needs approval reaches its tool only after an approval by someone with the role who did not
 * propose it; rejected, expired and refused answers never let it through.
 */
class ApprovalOutcomePropertiesTest {

    enum Move {
        WAIT_10_MIN,
        WAIT_2_H,
        APPROVE_AS_OPERATOR,
        APPROVE_AS_SUPERVISOR,
        APPROVE_AS_AGENT,
        APPROVE_AS_PROPOSER,
        REJECT_AS_SUPERVISOR
    }

    @Provide
    Arbitrary<List<Move>> histories() {
        return Arbitraries.of(Move.class).list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 300)
    void a_step_needing_approval_runs_only_after_a_valid_approval(
            @ForAll("histories") List<Move> moves,
            @ForAll boolean supervisorRequired,
            @ForAll @IntRange(min = 0, max = 3) int timeoutHours) {
        MutableClock clock = new MutableClock(RemediationLoopTest.T0);
        ScriptedPredictor predictor = new ScriptedPredictor();
        ScriptedGate gate = new ScriptedGate();
        String role =
                supervisorRequired ? RoleHierarchy.NOC_SUPERVISOR : RoleHierarchy.NOC_OPERATOR;
        gate.requireApproval("order_part", role);
        InMemoryApprovalQueue approvals =
                new InMemoryApprovalQueue(RoleHierarchy.operatorDefault());
        RecordingTool order = RecordingTool.act("order_part");
        RemediationLoop loop =
                RemediationLoop.builder()
                        .predictor(predictor)
                        .planner(
                                Fakes.planner(
                                        "one-step",
                                        r ->
                                                List.of(
                                                        RemediationLoopTest.step(
                                                                0, "order_part", r.now()))))
                        .gate(gate)
                        .approvals(approvals)
                        .tools(ToolCatalogue.of(List.of(order)))
                        .audit(new ListAuditLog())
                        .cases(new InMemoryCaseStore())
                        .clock(clock)
                        .elements(List.of(RemediationLoopTest.ROUTER))
                        .settings(
                                LoopSettings.defaults()
                                        .withApprovalTimeout(Duration.ofHours(timeoutHours)))
                        .build();
        predictor.predict(RemediationLoopTest.risk(clock.instant()));
        loop.step();

        boolean validlyApproved = false;
        for (Move move : moves) {
            Optional<String> pending = approvals.pending().stream().map(r -> r.id()).findFirst();
            String needed =
                    approvals.pending().stream()
                            .map(r -> r.requiredRole())
                            .findFirst()
                            .orElse(role);
            switch (move) {
                case WAIT_10_MIN -> clock.advance(Duration.ofMinutes(10));
                case WAIT_2_H -> clock.advance(Duration.ofHours(2));
                default -> {
                    if (pending.isPresent()) {
                        Approver who =
                                switch (move) {
                                    case APPROVE_AS_OPERATOR ->
                                            new Approver(
                                                    "olga", Set.of(RoleHierarchy.NOC_OPERATOR));
                                    case APPROVE_AS_AGENT ->
                                            new Approver(
                                                    "agent:other",
                                                    Set.of(RoleHierarchy.NOC_SUPERVISOR));
                                    case APPROVE_AS_PROPOSER ->
                                            new Approver(
                                                    "agent:autonoc",
                                                    Set.of(RoleHierarchy.NOC_SUPERVISOR));
                                    default ->
                                            new Approver(
                                                    "sam", Set.of(RoleHierarchy.NOC_SUPERVISOR));
                                };
                        try {
                            if (move == Move.REJECT_AS_SUPERVISOR) {
                                approvals.reject(pending.get(), who, "no", clock.instant());
                            } else {
                                approvals.approve(
                                        pending.get(),
                                        who,
                                        "ok",
                                        clock.instant(),
                                        Optional.empty());
                                validlyApproved = true;
                                assertThat(
                                                RoleHierarchy.operatorDefault()
                                                        .satisfies(who.roles(), needed))
                                        .isTrue();
                            }
                        } catch (dev.autonoc.core.approval.ApprovalException refused) {
                            // a refused answer changes nothing
                        }
                    }
                }
            }
            loop.step();
            if (!validlyApproved) {
                assertThat(order.calls).as("no tool call without a valid approval").isEmpty();
            }
        }
        if (order.calls.size() > 0) {
            assertThat(validlyApproved).isTrue();
        }
    }
}
