package dev.autonoc.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.cases.CaseStoreContract;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.core.prediction.Evidence;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolCall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ApprovalQueue} promises, whatever keeps the requests: a request comes back as
 * submitted, ids are unique, pending lists unanswered requests in submission order, an answer is
 * given once and only by a person holding the role (or one above it), never the proposer, never an
 * agent; an expired request can no longer be approved; an amendment keeps the tool. Extend it with
 * {@link #newQueue(RoleHierarchy)} returning an empty queue; this class ships in agent-core's
 * test-jar.
 */
public abstract class ApprovalQueueContract {

    protected static final Instant T = Instant.parse("2025-01-07T10:00:00Z");
    protected static final RoleHierarchy ROLES = RoleHierarchy.operatorDefault();
    protected static final Approver OLGA = new Approver("olga", Set.of("noc_operator"));
    protected static final Approver SAM = new Approver("sam", Set.of("noc_supervisor"));

    /** A new, empty queue deciding with {@code roles}. */
    protected abstract ApprovalQueue newQueue(RoleHierarchy roles);

    @Property(tries = 40)
    void a_submitted_request_comes_back_as_submitted_and_waits(
            @ForAll("actions") ActionRequest action, @ForAll("decisions") Decision decision) {
        ApprovalQueue queue = newQueue(ROLES);

        ApprovalRequest r = queue.submit(action, decision, T);

        assertThat(r.action()).isEqualTo(action);
        assertThat(r.decision()).isEqualTo(decision);
        assertThat(r.requestedAt()).isEqualTo(T);
        assertThat(queue.find(r.id())).contains(r);
        assertThat(queue.pending()).containsExactly(r);
        assertThat(queue.answer(r.id())).isEmpty();
    }

    @Property(tries = 20)
    void ids_are_unique_and_pending_keeps_submission_order_without_the_answered(
            @ForAll @IntRange(min = 1, max = 8) int n, @ForAll("answered") List<Boolean> answered) {
        ApprovalQueue queue = newQueue(ROLES);
        Set<String> ids = new HashSet<>();
        List<ApprovalRequest> waiting = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            ApprovalRequest r = submit(queue, RoleHierarchy.NOC_OPERATOR, Actors.AGENT);
            assertThat(ids.add(r.id())).as("id %s given twice", r.id()).isTrue();
            if (answered.get(i)) {
                queue.reject(r.id(), OLGA, "no", T.plusSeconds(i));
            } else {
                waiting.add(r);
            }
        }

        assertThat(queue.pending()).containsExactlyElementsOf(waiting);
    }

    @Test
    void a_supervisor_approves_what_an_operator_may_and_the_answer_is_kept() {
        ApprovalQueue queue = newQueue(ROLES);
        ApprovalRequest r = submit(queue, RoleHierarchy.NOC_OPERATOR, Actors.AGENT);

        ApprovalAnswer a = queue.approve(r.id(), SAM, "stock is there", T, Optional.empty());

        assertThat(a)
                .isEqualTo(
                        new ApprovalAnswer(
                                r.id(),
                                Verdict.APPROVED,
                                "sam",
                                "noc_operator",
                                "stock is there",
                                T,
                                Optional.empty()));
        assertThat(queue.answer(r.id())).contains(a);
        assertThat(queue.pending()).isEmpty();
        assertThat(queue.find(r.id())).contains(r);
    }

    @Test
    void an_answer_is_given_once() {
        ApprovalQueue queue = newQueue(ROLES);
        ApprovalRequest r = submit(queue, RoleHierarchy.NOC_OPERATOR, Actors.AGENT);
        ApprovalAnswer first = queue.reject(r.id(), OLGA, "not now", T);

        assertThatThrownBy(() -> queue.approve(r.id(), SAM, "", T, Optional.empty()))
                .isInstanceOf(ApprovalException.class)
                .hasMessageContaining("already answered");
        assertThatThrownBy(() -> queue.expire(r.id(), "late", T))
                .isInstanceOf(ApprovalException.class)
                .hasMessageContaining("already answered");
        assertThat(queue.answer(r.id())).contains(first);
    }

    @Test
    void nobody_below_the_role_nor_the_proposer_nor_an_agent_answers() {
        ApprovalQueue queue = newQueue(ROLES);
        ApprovalRequest restart = submit(queue, RoleHierarchy.NOC_SUPERVISOR, Actors.AGENT);
        ApprovalRequest own = submit(queue, RoleHierarchy.NOC_OPERATOR, "olga");

        assertThatThrownBy(() -> queue.approve(restart.id(), OLGA, "", T, Optional.empty()))
                .isInstanceOf(ApprovalException.class)
                .hasMessageContaining("noc_supervisor");
        assertThatThrownBy(() -> queue.reject(own.id(), OLGA, "mine", T))
                .isInstanceOf(ApprovalException.class);
        assertThatThrownBy(
                        () ->
                                queue.approve(
                                        restart.id(),
                                        new Approver(Actors.AGENT, Set.of("noc_supervisor")),
                                        "",
                                        T,
                                        Optional.empty()))
                .isInstanceOf(ApprovalException.class);
        assertThat(queue.pending()).containsExactly(restart, own);
    }

    @Test
    void a_person_never_answers_what_an_agent_proposed_on_their_behalf() {
        // an MCP caller signed in as olga proposes as agent:mcp/olga: olga holding an approval
        // role too must not approve her own call through the agent's name
        ApprovalQueue queue = newQueue(ROLES);
        ApprovalRequest viaAgent =
                submit(queue, RoleHierarchy.NOC_OPERATOR, Actors.AGENT_PREFIX + "mcp/olga");

        assertThatThrownBy(() -> queue.approve(viaAgent.id(), OLGA, "", T, Optional.empty()))
                .isInstanceOf(ApprovalException.class)
                .hasMessageContaining("four eyes");
        assertThatThrownBy(() -> queue.reject(viaAgent.id(), OLGA, "", T))
                .isInstanceOf(ApprovalException.class);
        assertThat(queue.pending()).containsExactly(viaAgent);
        assertThat(queue.approve(viaAgent.id(), SAM, "", T, Optional.empty()).by())
                .isEqualTo("sam");
    }

    @Test
    void the_system_answers_only_by_expiry_never_as_a_person() {
        // "system" in the trail means an expiry; a person signed in under that name would make an
        // approval look automatic (or an automatic one look like a person's)
        ApprovalQueue queue = newQueue(ROLES);
        ApprovalRequest r = submit(queue, RoleHierarchy.NOC_OPERATOR, Actors.AGENT);
        Approver system = new Approver(Actors.SYSTEM, Set.of(RoleHierarchy.NOC_SUPERVISOR));

        assertThatThrownBy(() -> queue.approve(r.id(), system, "", T, Optional.empty()))
                .isInstanceOf(ApprovalException.class)
                .hasMessageContaining("system");
        assertThatThrownBy(() -> queue.reject(r.id(), system, "", T))
                .isInstanceOf(ApprovalException.class);
        assertThat(queue.pending()).containsExactly(r);
    }

    @Property(tries = 10)
    void answers_given_at_once_are_given_once(@ForAll @IntRange(min = 2, max = 8) int people)
            throws Exception {
        ApprovalQueue queue = newQueue(ROLES);
        ApprovalRequest r = submit(queue, RoleHierarchy.NOC_OPERATOR, Actors.AGENT);
        ExecutorService pool = Executors.newFixedThreadPool(people);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApprovalAnswer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < people; i++) {
                Approver person = new Approver("person-" + i, Set.of("noc_operator"));
                boolean approves = i % 2 == 0;
                answers.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    return approves
                                            ? queue.approve(r.id(), person, "", T, Optional.empty())
                                            : queue.reject(r.id(), person, "no", T);
                                }));
            }
            start.countDown();
            List<ApprovalAnswer> given = new ArrayList<>();
            int refused = 0;
            for (Future<ApprovalAnswer> f : answers) {
                try {
                    given.add(f.get(10, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    assertThat(e.getCause())
                            .isInstanceOf(ApprovalException.class)
                            .hasMessageContaining("already answered");
                    refused++;
                }
            }
            assertThat(given).hasSize(1);
            assertThat(refused).isEqualTo(people - 1);
            assertThat(queue.answer(r.id())).contains(given.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void an_expired_request_is_answered_by_the_system_and_can_no_longer_be_approved() {
        ApprovalQueue queue = newQueue(ROLES);
        ApprovalRequest r = submit(queue, RoleHierarchy.NOC_OPERATOR, Actors.AGENT);

        ApprovalAnswer expiry = queue.expire(r.id(), "nobody answered within PT24H", T);

        assertThat(expiry.verdict()).isEqualTo(Verdict.EXPIRED);
        assertThat(expiry.by()).isEqualTo(Actors.SYSTEM);
        assertThat(expiry.comment()).isEqualTo("nobody answered within PT24H");
        assertThat(queue.answer(r.id())).contains(expiry);
        assertThatThrownBy(() -> queue.approve(r.id(), SAM, "", T, Optional.empty()))
                .isInstanceOf(ApprovalException.class);
        assertThat(queue.pending()).isEmpty();
    }

    @Property(tries = 20)
    void an_amendment_is_kept_as_given_and_may_not_change_the_tool(
            @ForAll("amendments") ToolCall amended) {
        ApprovalQueue queue = newQueue(ROLES);
        ApprovalRequest r = submit(queue, RoleHierarchy.NOC_OPERATOR, Actors.AGENT);
        ToolCall sameTool = ToolCall.of("order_part", amended.arguments());

        assertThatThrownBy(
                        () ->
                                queue.approve(
                                        r.id(),
                                        OLGA,
                                        "",
                                        T,
                                        Optional.of(ToolCall.of("restart_element", Map.of()))))
                .isInstanceOf(ApprovalException.class)
                .hasMessageContaining("not the tool");
        ApprovalAnswer a = queue.approve(r.id(), OLGA, "cheaper part", T, Optional.of(sameTool));

        assertThat(a.amended()).contains(sameTool);
        assertThat(queue.answer(r.id())).contains(a);
    }

    @Test
    void an_unknown_request_is_named_in_the_error() {
        ApprovalQueue queue = newQueue(ROLES);

        assertThat(queue.find("apr-404")).isEmpty();
        assertThat(queue.answer("apr-404")).isEmpty();
        assertThatThrownBy(() -> queue.approve("apr-404", SAM, "", T, Optional.empty()))
                .isInstanceOf(ApprovalException.class)
                .hasMessageContaining("apr-404");
        assertThatThrownBy(() -> queue.expire("apr-404", "late", T))
                .isInstanceOf(ApprovalException.class)
                .hasMessageContaining("apr-404");
    }

    // --- helpers and generators ---

    protected static final Element ELEMENT =
            new Element(
                    ElementId.of("link-agg-rtr-01-core-rtr-02"),
                    ElementKind.LINK,
                    "fibre",
                    "north",
                    "site-01");

    protected static ApprovalRequest submit(ApprovalQueue queue, String role, String proposer) {
        ActionRequest action =
                new ActionRequest(
                        new CaseId("case-0001"),
                        1,
                        ToolCall.of("order_part", Map.of("part", "SFP-OPTIC", "quantity", 1L)),
                        new Estimate(2800, Risk.MEDIUM, Map.of("in_shift", true)),
                        ELEMENT,
                        T,
                        proposer,
                        Optional.empty());
        return queue.submit(
                action,
                Decision.requireApproval(
                        "dec-1", role, List.of("parts-over-1000"), List.of("why"), "sha256:v1"),
                T);
    }

    @Provide
    public Arbitrary<List<Boolean>> answered() {
        return Arbitraries.of(true, false).list().ofSize(8);
    }

    @Provide
    public Arbitrary<ToolCall> amendments() {
        return CaseStoreContract.toolCalls();
    }

    @Provide
    public Arbitrary<ActionRequest> actions() {
        Arbitrary<Optional<Prediction>> prediction =
                Arbitraries.doubles()
                        .between(0, 1)
                        .map(
                                p ->
                                        new Prediction(
                                                ELEMENT.id(),
                                                T,
                                                p,
                                                FailureMode.LASER_AGING,
                                                Duration.ofHours(50),
                                                List.of(
                                                        new Evidence(
                                                                "rx_power.slope_7d",
                                                                -0.3,
                                                                0.5,
                                                                "dimming")),
                                                "model-1"))
                        .optional();
        Arbitrary<Estimate> estimate =
                Combinators.combine(
                                Arbitraries.doubles().between(0, 10_000),
                                Arbitraries.of(Risk.class),
                                Arbitraries.maps(
                                                Arbitraries.of(
                                                        "in_shift",
                                                        "max_utilization_after",
                                                        "sites_isolated"),
                                                Arbitraries.oneOf(
                                                        Arbitraries.doubles()
                                                                .between(0, 2)
                                                                .map(d -> (Object) d),
                                                        Arbitraries.of(true, false)
                                                                .map(b -> (Object) b)))
                                        .ofMaxSize(3))
                        .as(Estimate::new);
        return Combinators.combine(
                        Arbitraries.integers().between(0, 5),
                        CaseStoreContract.toolCalls(),
                        estimate,
                        Arbitraries.of(Actors.AGENT, "agent:mcp/mcp-agent"),
                        prediction)
                .as(
                        (step, call, est, proposer, pred) ->
                                new ActionRequest(
                                        new CaseId("case-20261126-074210-0002"),
                                        step,
                                        call,
                                        est,
                                        ELEMENT,
                                        T.minusSeconds(step),
                                        proposer,
                                        pred));
    }

    @Provide
    public Arbitrary<Decision> decisions() {
        return Combinators.combine(
                        Arbitraries.of(RoleHierarchy.NOC_OPERATOR, RoleHierarchy.NOC_SUPERVISOR),
                        Arbitraries.of("parts-over-1000", "restart-out-of-hours")
                                .list()
                                .ofMaxSize(2),
                        Arbitraries.strings().ofMaxLength(20).list().ofMaxSize(2))
                .as(
                        (role, rules, reasons) ->
                                new Decision(
                                        "dec-" + rules.size(),
                                        Effect.REQUIRE_APPROVAL,
                                        Optional.of(role),
                                        rules,
                                        reasons,
                                        "sha256:abc"));
    }
}
