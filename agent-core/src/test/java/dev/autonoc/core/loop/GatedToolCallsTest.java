package dev.autonoc.core.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.Approver;
import dev.autonoc.core.approval.InMemoryApprovalQueue;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.approval.Verdict;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.loop.Fakes.ListAuditLog;
import dev.autonoc.core.loop.Fakes.RecordingTool;
import dev.autonoc.core.loop.GatedToolCalls.Answered;
import dev.autonoc.core.loop.GatedToolCalls.Clearance;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.core.tool.ToolDescriptor;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The one gated path to a tool on its own: a tool runs only with a clearance, which only an ALLOW
 * or a person's approval gives; every decision, request, answer, call and result is in the ledger,
 * with the caller's tags.
 */
class GatedToolCallsTest {

    private static final Instant NOW = LoopWorld.T0;
    private static final String AGENT = "agent:test";
    private static final Approver OPERATOR =
            new Approver("olga", Set.of(RoleHierarchy.NOC_OPERATOR));

    /** What a person does with a parked action. */
    enum Answer {
        NONE,
        APPROVE,
        APPROVE_AMENDED,
        REJECT
    }

    @Property(tries = 200)
    void a_tool_runs_only_with_a_clearance_from_an_allow_or_an_approval(
            @ForAll Effect first,
            @ForAll Effect second,
            @ForAll boolean secondNeedsMoreThanTheAnswerer,
            @ForAll Answer answer) {
        World w =
                new World(
                        decision(first, RoleHierarchy.NOC_OPERATOR),
                        decision(
                                second,
                                secondNeedsMoreThanTheAnswerer
                                        ? RoleHierarchy.NOC_SUPERVISOR
                                        : RoleHierarchy.NOC_OPERATOR));

        Gated gated = w.calls.propose(w.action());
        Optional<Clearance> cleared = Optional.empty();
        if (gated instanceof Gated.Allowed allowed) {
            cleared = Optional.of(allowed.clearance());
        } else if (gated instanceof Gated.Parked parked) {
            String id = parked.approval().id();
            assertThat(w.queue.pending()).extracting(r -> r.id()).containsExactly(id);
            cleared = w.answerAndFollow(id, answer);
        }
        cleared.ifPresent(c -> w.calls.execute(c, 1, NOW));

        boolean expectRun =
                first == Effect.ALLOW
                        || (first == Effect.REQUIRE_APPROVAL
                                && (answer == Answer.APPROVE
                                        || (answer == Answer.APPROVE_AMENDED
                                                && (second == Effect.ALLOW
                                                        || (second == Effect.REQUIRE_APPROVAL
                                                                && !secondNeedsMoreThanTheAnswerer)))));
        assertThat(w.tool.calls)
                .as("%s then %s, %s", first, second, answer)
                .hasSize(expectRun ? 1 : 0);
        assertThat(w.gate.executed).hasSize(expectRun ? 1 : 0);
        if (expectRun && answer == Answer.APPROVE_AMENDED && first == Effect.REQUIRE_APPROVAL) {
            assertThat(w.tool.calls.get(0).call().arguments()).containsEntry("cost", 2L);
        }
        // every evaluation is one decision event, every run one call and one result, all tagged
        assertThat(w.events(AuditEventType.POLICY_DECISION)).hasSize(w.gate.evaluated.size());
        assertThat(w.events(AuditEventType.TOOL_CALL)).hasSize(w.tool.calls.size());
        assertThat(w.events(AuditEventType.TOOL_RESULT)).hasSize(w.tool.calls.size());
        assertThat(w.audit.entries)
                .allSatisfy(e -> assertThat(e.event().payload()).containsEntry("via", "test"));
        assertThat(w.tool.calls)
                .allSatisfy(
                        inv -> {
                            assertThat(inv.actor()).isEqualTo(AGENT);
                            assertThat(inv.key()).isEqualTo(new IdempotencyKey("ext-0001/0/1"));
                        });
    }

    @Test
    void an_answer_that_is_not_a_plain_approval_clears_nothing() {
        World w = new World(decision(Effect.REQUIRE_APPROVAL, RoleHierarchy.NOC_OPERATOR));
        String rejected = ((Gated.Parked) w.calls.propose(w.action())).approval().id();
        w.queue.reject(rejected, OPERATOR, "not now", NOW);
        Answered no = w.calls.answer(rejected).orElseThrow();

        assertThatThrownBy(() -> w.calls.approved(no, NOW))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("REJECTED");
        assertThatThrownBy(() -> w.calls.amended(no, w.action()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no amended call");
        assertThat(w.tool.calls).isEmpty();
    }

    @Test
    void an_amendment_is_gated_as_the_person_wrote_it_not_as_the_caller_says() {
        World w =
                new World(
                        decision(Effect.REQUIRE_APPROVAL, RoleHierarchy.NOC_OPERATOR),
                        decision(Effect.ALLOW, RoleHierarchy.NOC_OPERATOR));
        String id = ((Gated.Parked) w.calls.propose(w.action())).approval().id();
        ToolCall amended = ToolCall.of("restart", Map.of("cost", 2L));
        w.queue.approve(id, OPERATOR, "cheaper", NOW, Optional.of(amended));
        Answered yes = w.calls.answer(id).orElseThrow();

        assertThatThrownBy(() -> w.calls.approved(yes, NOW))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("amended");
        ActionRequest smuggled =
                w.action().withCall(ToolCall.of("restart", Map.of("cost", 99L)), estimate());
        assertThatThrownBy(() -> w.calls.amended(yes, smuggled))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the amended action must be");
        assertThat(w.gate.evaluated).hasSize(1);
        assertThat(w.tool.calls).isEmpty();
    }

    @Test
    void an_earlier_approval_clears_the_same_call_of_the_same_step_again_without_asking_anyone() {
        World w = new World(decision(Effect.REQUIRE_APPROVAL, RoleHierarchy.NOC_OPERATOR));
        String id = ((Gated.Parked) w.calls.propose(w.action())).approval().id();
        w.queue.approve(id, OPERATOR, "ok", NOW, Optional.empty());
        int events = w.audit.entries.size();

        Clearance again =
                w.calls.approvedEarlier(id, w.action().at(NOW.plusSeconds(600))).orElseThrow();

        assertThat(again.approvalId()).contains(id);
        assertThat(again.action().at()).isEqualTo(NOW.plusSeconds(600));
        assertThat(w.gate.evaluated).as("the gate is not asked twice").hasSize(1);
        assertThat(w.audit.entries).as("nothing new to log").hasSize(events);
        assertThat(w.calls.execute(again, 2, NOW).succeeded()).isTrue();
        assertThat(w.tool.calls)
                .singleElement()
                .satisfies(
                        inv -> assertThat(inv.key()).isEqualTo(new IdempotencyKey("ext-0001/0/2")));
    }

    @Test
    void an_earlier_approval_clears_nothing_else() {
        World w = new World(decision(Effect.REQUIRE_APPROVAL, RoleHierarchy.NOC_OPERATOR));
        String approved = ((Gated.Parked) w.calls.propose(w.action())).approval().id();
        w.queue.approve(approved, OPERATOR, "ok", NOW, Optional.empty());
        ActionRequest otherCall =
                w.action().withCall(ToolCall.of("restart", Map.of("cost", 5L)), estimate());
        ActionRequest otherStep =
                new ActionRequest(
                        w.action().caseId(),
                        1,
                        w.action().call(),
                        estimate(),
                        LoopWorld.ROUTER,
                        NOW,
                        AGENT,
                        Optional.empty());
        ActionRequest otherCase =
                new ActionRequest(
                        new CaseId("ext-0002"),
                        0,
                        w.action().call(),
                        estimate(),
                        LoopWorld.ROUTER,
                        NOW,
                        AGENT,
                        Optional.empty());

        assertThat(w.calls.approvedEarlier(approved, otherCall)).isEmpty();
        assertThat(w.calls.approvedEarlier(approved, otherStep)).isEmpty();
        assertThat(w.calls.approvedEarlier(approved, otherCase)).isEmpty();
        assertThat(w.calls.approvedEarlier("apr-404", w.action())).isEmpty();

        World x =
                new World(
                        decision(Effect.REQUIRE_APPROVAL, RoleHierarchy.NOC_OPERATOR),
                        decision(Effect.REQUIRE_APPROVAL, RoleHierarchy.NOC_OPERATOR),
                        decision(Effect.REQUIRE_APPROVAL, RoleHierarchy.NOC_OPERATOR));
        String rejected = ((Gated.Parked) x.calls.propose(x.action())).approval().id();
        x.queue.reject(rejected, OPERATOR, "no", NOW);
        String expired = ((Gated.Parked) x.calls.propose(x.action())).approval().id();
        x.queue.expire(expired, "nobody", NOW);
        String unanswered = ((Gated.Parked) x.calls.propose(x.action())).approval().id();
        assertThat(x.calls.approvedEarlier(rejected, x.action())).isEmpty();
        assertThat(x.calls.approvedEarlier(expired, x.action())).isEmpty();
        assertThat(x.calls.approvedEarlier(unanswered, x.action())).isEmpty();
        assertThat(x.tool.calls).isEmpty();
    }

    @Test
    void an_earlier_amended_approval_clears_the_call_as_the_person_amended_it_not_as_asked() {
        World w = new World(decision(Effect.REQUIRE_APPROVAL, RoleHierarchy.NOC_OPERATOR));
        String id = ((Gated.Parked) w.calls.propose(w.action())).approval().id();
        ToolCall amended = ToolCall.of("restart", Map.of("cost", 2L));
        w.queue.approve(id, OPERATOR, "cheaper", NOW, Optional.of(amended));

        assertThat(w.calls.approvedEarlier(id, w.action())).isEmpty();
        assertThat(w.calls.approvedEarlier(id, w.action().withCall(amended, estimate())))
                .isPresent();
    }

    @Test
    void a_call_on_another_element_than_the_gate_is_asked_about_is_denied_and_never_runs() {
        // the per-element rules (never-touch, blast radius, daily rate) read the action's element:
        // a call whose element_id names another one would dodge them
        World w = new World(decision(Effect.ALLOW, RoleHierarchy.NOC_OPERATOR));
        ActionRequest elsewhere =
                w.action()
                        .withCall(
                                ToolCall.of("restart", Map.of("element_id", "core-rtr-99")),
                                estimate());

        Gated gated = w.calls.propose(elsewhere);

        assertThat(gated).isInstanceOf(Gated.Denied.class);
        assertThat(gated.decision().ruleIds()).containsExactly(GatedToolCalls.ELEMENT_MISMATCH);
        assertThat(gated.decision().reasons().get(0))
                .contains("core-rtr-99")
                .contains("core-rtr-02");
        assertThat(w.gate.evaluated)
                .as("the policy is not asked about the wrong element")
                .isEmpty();
        assertThat(w.events(AuditEventType.POLICY_DECISION)).hasSize(1);
        assertThat(w.tool.calls).isEmpty();

        ActionRequest same =
                w.action()
                        .withCall(
                                ToolCall.of("restart", Map.of("element_id", "core-rtr-02")),
                                estimate());
        assertThat(w.calls.propose(same)).isInstanceOf(Gated.Allowed.class);
    }

    @Test
    void an_amendment_that_moves_the_call_to_another_element_is_denied_and_never_runs() {
        World w =
                new World(
                        decision(Effect.REQUIRE_APPROVAL, RoleHierarchy.NOC_OPERATOR),
                        decision(Effect.ALLOW, RoleHierarchy.NOC_OPERATOR));
        String id = ((Gated.Parked) w.calls.propose(w.action())).approval().id();
        ToolCall moved = ToolCall.of("restart", Map.of("element_id", "core-rtr-99"));
        w.queue.approve(id, OPERATOR, "do the other one", NOW, Optional.of(moved));
        Answered yes = w.calls.answer(id).orElseThrow();

        Gated again = w.calls.amended(yes, w.action().withCall(moved, estimate()));

        assertThat(again).isInstanceOf(Gated.Denied.class);
        assertThat(again.decision().ruleIds()).containsExactly(GatedToolCalls.ELEMENT_MISMATCH);
        assertThat(w.gate.evaluated).hasSize(1);
        assertThat(w.tool.calls).isEmpty();
    }

    @Test
    void a_read_refuses_an_acting_tool_and_writes_nothing() {
        World w = new World();
        ToolInvocation inv =
                new ToolInvocation(
                        ToolCall.of("restart", Map.of()),
                        new IdempotencyKey("ext-0001/0/1"),
                        AGENT);

        assertThatThrownBy(() -> w.calls.read("ext-0001", "core-rtr-01", 0, inv, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'restart' acts");
        assertThat(w.tool.calls).isEmpty();
        assertThat(w.audit.entries).isEmpty();
    }

    @Test
    void a_read_runs_without_the_gate_with_its_call_and_result_in_the_ledger() {
        World w = new World();
        ToolInvocation inv =
                new ToolInvocation(
                        ToolCall.of("lookup", Map.of()), new IdempotencyKey("ext-0001/0/1"), AGENT);

        ToolResult result = w.calls.read("ext-0001", "core-rtr-01", 0, inv, NOW);

        assertThat(result.succeeded()).isTrue();
        assertThat(w.gate.evaluated).isEmpty();
        assertThat(w.audit.entries)
                .extracting(e -> e.event().type())
                .containsExactly(AuditEventType.TOOL_CALL, AuditEventType.TOOL_RESULT);
        assertThat(w.audit.entries.get(0).event().payload())
                .containsEntry("tool_kind", "READ")
                .containsEntry("via", "test");
    }

    @Test
    void a_tool_that_throws_is_retryable_and_is_not_recorded_as_executed() {
        World w = new World(decision(Effect.ALLOW, RoleHierarchy.NOC_OPERATOR));
        w.tool.failWith = new IllegalStateException("socket closed");
        Clearance cleared = ((Gated.Allowed) w.calls.propose(w.action())).clearance();

        ToolResult result = w.calls.execute(cleared, 1, NOW);

        assertThat(result.outcome()).isEqualTo(ToolResult.Outcome.UNCERTAIN);
        assertThat(result.summary()).contains("threw IllegalStateException: socket closed");
        assertThat(w.gate.executed).isEmpty();
        assertThat(w.events(AuditEventType.TOOL_RESULT)).hasSize(1);

        w.tool.failWith = null;
        ToolResult retried = w.calls.execute(cleared, 1, NOW.plus(Duration.ofMinutes(5)));
        assertThat(retried.succeeded()).isTrue();
        assertThat(w.gate.executed).hasSize(1);
        assertThat(w.gate.evaluated).as("a retry is not gated again").hasSize(1);
    }

    @Test
    void an_expired_request_escalates_to_the_role_above_and_at_the_top_to_nobody() {
        World w = new World(decision(Effect.REQUIRE_APPROVAL, RoleHierarchy.NOC_OPERATOR));
        String id = ((Gated.Parked) w.calls.propose(w.action())).approval().id();

        Answered expired = w.calls.expire(id, Duration.ofHours(4), NOW.plus(Duration.ofHours(4)));
        assertThat(expired.answer().verdict()).isEqualTo(Verdict.EXPIRED);
        assertThatThrownBy(() -> w.calls.approved(expired, NOW))
                .isInstanceOf(IllegalStateException.class);
        var up = w.calls.escalate(expired, NOW.plus(Duration.ofHours(4))).orElseThrow();
        assertThat(up.requiredRole()).isEqualTo(RoleHierarchy.NOC_SUPERVISOR);
        assertThat(up.decision().reasons()).last().asString().startsWith("escalated to");

        Answered top = w.calls.expire(up.id(), Duration.ofHours(4), NOW.plus(Duration.ofHours(8)));
        assertThat(w.calls.escalate(top, NOW.plus(Duration.ofHours(8)))).isEmpty();
        assertThat(w.tool.calls).isEmpty();
        assertThat(w.events(AuditEventType.APPROVAL_ANSWERED)).hasSize(2);
        assertThat(w.events(AuditEventType.APPROVAL_REQUESTED)).hasSize(2);
    }

    @Test
    void an_answer_the_answering_path_logged_is_not_logged_again_when_it_is_read() {
        World w = new World(decision(Effect.REQUIRE_APPROVAL, RoleHierarchy.NOC_OPERATOR));
        ApprovalRequest parked = ((Gated.Parked) w.calls.propose(w.action())).approval();
        ApprovalAnswer a = w.queue.reject(parked.id(), OPERATOR, "not now", NOW);

        // the desk: the answer is in the ledger before it is reported done
        AnswerLog log = new AnswerLog(w.audit, Map.of("via", "test"));
        assertThat(log.record(parked, a)).isTrue();
        assertThat(w.events(AuditEventType.APPROVAL_ANSWERED)).hasSize(1);
        assertThat(log.record(parked, a)).as("once").isFalse();

        // the caller acting on it later (run_approved, the loop's next tick) adds nothing
        assertThat(w.calls.answer(parked.id())).isPresent();
        assertThat(w.calls.answer(parked.id())).isPresent();
        assertThat(w.events(AuditEventType.APPROVAL_ANSWERED)).hasSize(1);
        assertThat(w.events(AuditEventType.APPROVAL_ANSWERED).get(0).payload())
                .containsEntry("approval_id", parked.id())
                .containsEntry("verdict", "REJECTED")
                .containsEntry("via", "test");
    }

    @Test
    void an_answer_given_on_the_queue_alone_is_logged_once_when_first_read() {
        World w = new World(decision(Effect.REQUIRE_APPROVAL, RoleHierarchy.NOC_OPERATOR));
        ApprovalRequest parked = ((Gated.Parked) w.calls.propose(w.action())).approval();
        w.queue.approve(parked.id(), OPERATOR, "ok", NOW, Optional.empty());
        assertThat(w.events(AuditEventType.APPROVAL_ANSWERED)).isEmpty();

        w.calls.answer(parked.id());
        w.calls.answer(parked.id());

        assertThat(w.events(AuditEventType.APPROVAL_ANSWERED)).hasSize(1);
        assertThatThrownBy(
                        () ->
                                new AnswerLog(w.audit, Map.of())
                                        .record(
                                                parked,
                                                new ApprovalAnswer(
                                                        "apr-99",
                                                        Verdict.REJECTED,
                                                        "olga",
                                                        RoleHierarchy.NOC_OPERATOR,
                                                        "",
                                                        NOW,
                                                        Optional.empty())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_tag_that_would_overwrite_a_payload_key_is_refused() {
        GatedToolCalls clashing =
                new GatedToolCalls(
                        new SequenceGate(List.of(decision(Effect.DENY, "n/a"))),
                        new InMemoryApprovalQueue(RoleHierarchy.operatorDefault()),
                        ToolCatalogue.of(List.of()),
                        new ListAuditLog(),
                        RoleHierarchy.operatorDefault(),
                        Map.of("effect", "mine"));

        assertThatThrownBy(() -> clashing.propose(new World().action()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'effect'");
    }

    private static Decision decision(Effect effect, String role) {
        return switch (effect) {
            case ALLOW -> Decision.allow("d-allow", List.of("r-allow"), List.of("ok"), "v1");
            case DENY -> Decision.deny("d-deny", List.of("r-deny"), List.of("no"), "v1");
            case REQUIRE_APPROVAL ->
                    Decision.requireApproval(
                            "d-ask", role, List.of("r-ask"), List.of("ask " + role), "v1");
        };
    }

    private static Estimate estimate() {
        return new Estimate(1.0, Risk.LOW, Map.of());
    }

    /** A gate that answers the given decisions in order, DENY once they run out. */
    static final class SequenceGate implements PolicyGate {
        final Deque<Decision> script;
        final List<ActionRequest> evaluated = new ArrayList<>();
        final List<ActionRequest> executed = new ArrayList<>();

        SequenceGate(List<Decision> script) {
            this.script = new ArrayDeque<>(script);
        }

        @Override
        public String version() {
            return "v1";
        }

        @Override
        public Decision evaluate(ActionRequest request) {
            evaluated.add(request);
            return script.isEmpty() ? decision(Effect.DENY, "n/a") : script.pop();
        }

        @Override
        public void recordExecution(ActionRequest request, ToolResult result) {
            executed.add(request);
        }
    }

    /** An acting tool that records its calls and can be told to throw. */
    static final class ThrowingTool implements Tool {
        final List<ToolInvocation> calls = new ArrayList<>();
        RuntimeException failWith;

        @Override
        public ToolDescriptor descriptor() {
            return new ToolDescriptor("restart", ToolKind.ACT, "restarts", "{}", "TMF000");
        }

        @Override
        public Estimate estimate(Map<String, Object> arguments) {
            return GatedToolCallsTest.estimate();
        }

        @Override
        public ToolResult execute(ToolInvocation invocation) {
            calls.add(invocation);
            if (failWith != null) {
                throw failWith;
            }
            return ToolResult.succeeded(Map.of(), "restarted");
        }
    }

    private static final class World {
        final SequenceGate gate;
        final InMemoryApprovalQueue queue =
                new InMemoryApprovalQueue(RoleHierarchy.operatorDefault());
        final ThrowingTool tool = new ThrowingTool();
        final ListAuditLog audit = new ListAuditLog();
        final GatedToolCalls calls;

        World(Decision... script) {
            gate = new SequenceGate(List.of(script));
            RecordingTool lookup =
                    new RecordingTool(
                            "lookup", ToolKind.READ, args -> ToolResult.succeeded(Map.of(), "ok"));
            calls =
                    new GatedToolCalls(
                            gate,
                            queue,
                            ToolCatalogue.of(List.of(tool, lookup)),
                            audit,
                            RoleHierarchy.operatorDefault(),
                            Map.of("via", "test"));
        }

        ActionRequest action() {
            return new ActionRequest(
                    new CaseId("ext-0001"),
                    0,
                    ToolCall.of("restart", Map.of("cost", 1L)),
                    estimate(),
                    LoopWorld.ROUTER,
                    NOW,
                    AGENT,
                    Optional.empty());
        }

        /** A person answers a parked action; what the answer clears, if anything. */
        Optional<Clearance> answerAndFollow(String id, Answer answer) {
            switch (answer) {
                case NONE -> {
                    assertThat(calls.answer(id)).isEmpty();
                    return Optional.empty();
                }
                case REJECT -> queue.reject(id, OPERATOR, "not now", NOW);
                case APPROVE -> queue.approve(id, OPERATOR, "ok", NOW, Optional.empty());
                case APPROVE_AMENDED ->
                        queue.approve(
                                id,
                                OPERATOR,
                                "cheaper",
                                NOW,
                                Optional.of(ToolCall.of("restart", Map.of("cost", 2L))));
            }
            Answered answered = calls.answer(id).orElseThrow();
            if (answer == Answer.REJECT) {
                return Optional.empty();
            }
            if (answer == Answer.APPROVE) {
                return Optional.of(calls.approved(answered, NOW));
            }
            ToolCall amended = answered.answer().amended().orElseThrow();
            Gated again = calls.amended(answered, action().withCall(amended, estimate()));
            return again instanceof Gated.Allowed allowed
                    ? Optional.of(allowed.clearance())
                    : Optional.empty();
        }

        List<AuditEvent> events(AuditEventType type) {
            return audit.entries.stream()
                    .map(e -> e.event())
                    .filter(e -> e.type() == type)
                    .toList();
        }
    }
}
