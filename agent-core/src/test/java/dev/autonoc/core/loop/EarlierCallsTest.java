package dev.autonoc.core.loop;

import static dev.autonoc.core.loop.LoopWorld.ROUTER;
import static dev.autonoc.core.loop.LoopWorld.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.approval.Verdict;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.audit.AuditVerification;
import dev.autonoc.core.loop.EarlierCalls.Started;
import dev.autonoc.core.loop.Fakes.ListAuditLog;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolInvocation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The calls a case's ledger already holds ({@link EarlierCalls}), at its port: a call is found only
 * if the ledger holds this very call (key, tool, arguments by value) after the decision that
 * cleared it, with the approval a person gave it; each key is looked up once, a case opened here
 * not at all, and a case forgotten is looked up again.
 */
class EarlierCallsTest {

    private static final CaseId CASE = new CaseId("case-0001");
    private static final Decision ALLOWED =
            Decision.allow("d-1", List.of("r-allow"), List.of("within limits"), "v1");
    private static final Decision ASKED =
            Decision.requireApproval(
                    "d-2", RoleHierarchy.NOC_OPERATOR, List.of("r-ask"), List.of("big"), "v1");

    final ListAuditLog entries = new ListAuditLog();
    final CountingLedger ledger = new CountingLedger(entries);
    final AuditEvents events = AuditEvents.untagged();
    final EarlierCalls earlier = new EarlierCalls(ledger);

    @Test
    void a_call_written_after_the_decision_that_cleared_it_is_found_with_that_decision() {
        ActionRequest act = action(0, Map.of("element_id", "rtr-01", "minutes", 30));
        decided(act, ALLOWED);
        called(act, 0);

        assertThat(earlier.find(act, 0)).contains(new Started(ALLOWED, Optional.empty()));
    }

    @Test
    void a_call_a_person_approved_is_found_with_the_approval() {
        ActionRequest act = action(0, Map.of("element_id", "rtr-01"));
        decided(act, ASKED);
        answered(act, "apr-1", Verdict.APPROVED);
        called(act, 0);

        assertThat(earlier.find(act, 0)).contains(new Started(ASKED, Optional.of("apr-1")));
    }

    @Test
    void an_approval_refused_after_an_earlier_one_is_not_the_calls_approval() {
        ActionRequest act = action(0, Map.of("element_id", "rtr-01"));
        decided(act, ASKED);
        answered(act, "apr-1", Verdict.APPROVED);
        answered(act, "apr-2", Verdict.REJECTED);
        called(act, 0);

        assertThat(earlier.find(act, 0)).contains(new Started(ASKED, Optional.empty()));
    }

    @Test
    void a_call_with_no_decision_before_it_is_not_found() {
        ActionRequest act = action(0, Map.of("element_id", "rtr-01"));
        called(act, 0);
        decided(act, ALLOWED);

        assertThat(earlier.find(act, 0)).isEmpty();
    }

    @Test
    void a_decision_of_another_step_clears_no_call_of_this_one() {
        ActionRequest act = action(0, Map.of("element_id", "rtr-01"));
        decided(action(1, Map.of("element_id", "rtr-01")), ALLOWED);
        called(act, 0);

        assertThat(earlier.find(act, 0)).isEmpty();
    }

    @Test
    void a_call_under_another_attempt_tool_or_arguments_is_not_this_call() {
        ActionRequest act = action(0, Map.of("element_id", "rtr-01", "minutes", 30));
        decided(act, ALLOWED);
        called(act, 1);
        called(withCall(act, ToolCall.of("other_tool", act.call().arguments())), 0);
        called(withCall(act, ToolCall.of("act", Map.of("element_id", "rtr-01", "minutes", 31))), 0);

        assertThat(earlier.find(act, 0)).isEmpty();
        assertThat(new EarlierCalls(ledger).find(act, 1))
                .as("the call under attempt 1 is that attempt's")
                .isPresent();
    }

    @Test
    void a_call_read_back_with_numbers_of_another_java_type_is_the_same_call() {
        ActionRequest act = action(0, Map.of("element_id", "rtr-01", "minutes", 30));
        decided(act, ALLOWED);
        // as the ledger's JSON gives it back: no int, a long
        called(
                withCall(act, ToolCall.of("act", Map.of("element_id", "rtr-01", "minutes", 30L))),
                0);

        assertThat(earlier.find(act, 0)).isPresent();
    }

    @Test
    void each_key_is_looked_up_once_a_later_call_under_it_is_a_retry_made_here() {
        ActionRequest act = action(0, Map.of("element_id", "rtr-01"));
        decided(act, ALLOWED);
        called(act, 0);

        assertThat(earlier.find(act, 0)).isPresent();
        assertThat(earlier.find(act, 0)).isEmpty();
        assertThat(ledger.queries).isEqualTo(1);
        assertThat(earlier.find(act, 1)).as("another key is looked up").isEmpty();
        assertThat(ledger.queries).isEqualTo(2);
    }

    @Test
    void a_case_opened_here_is_not_looked_up() {
        ActionRequest act = action(0, Map.of("element_id", "rtr-01"));
        decided(act, ALLOWED);
        called(act, 0);
        earlier.openedHere(CASE);

        assertThat(earlier.find(act, 0)).isEmpty();
        assertThat(ledger.queries).isZero();
        assertThat(earlier.casesKnown()).isEqualTo(1);
    }

    @Test
    void a_case_forgotten_is_looked_up_again_and_one_kept_is_not() {
        ActionRequest act = action(0, Map.of("element_id", "rtr-01"));
        ActionRequest other = action(new CaseId("case-0002"), 0, act.call());
        decided(act, ALLOWED);
        called(act, 0);
        assertThat(earlier.find(act, 0)).isPresent();
        earlier.openedHere(other.caseId());

        earlier.retainOnly(Set.of(other.caseId().value()));

        assertThat(earlier.casesKnown()).isEqualTo(1);
        assertThat(earlier.find(act, 0)).isPresent();
        assertThat(earlier.find(other, 0)).as("still known as opened here").isEmpty();
        assertThat(ledger.queries).isEqualTo(2);
    }

    // ------------------------------------------------------------ the value comparison

    @Property(tries = 300)
    void a_value_matches_itself_whatever_its_numbers_boxed_types_scales_and_map_orders(
            @ForAll("values") Object value, @ForAll long seed) {
        Random choices = new Random(seed);

        assertThat(EarlierCalls.sameValue(boxed(value, choices), boxed(value, choices))).isTrue();
    }

    @Property(tries = 300)
    void a_value_different_anywhere_never_matches(
            @ForAll("values") Object value,
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 10_000) int where) {
        Random choices = new Random(seed);
        Object changed = changedAt(value, where % places(value), new int[] {0});

        assertThat(EarlierCalls.sameValue(boxed(value, choices), boxed(changed, choices)))
                .isFalse();
        assertThat(EarlierCalls.sameValue(boxed(changed, choices), boxed(value, choices)))
                .isFalse();
    }

    @Test
    void a_number_never_matches_its_text_nor_a_list_a_map() {
        assertThat(EarlierCalls.sameValue(1, "1")).isFalse();
        assertThat(EarlierCalls.sameValue(List.of(), Map.of())).isFalse();
        assertThat(EarlierCalls.sameValue(null, 0)).isFalse();
        assertThat(EarlierCalls.sameValue(null, null)).isTrue();
    }

    /**
     * Argument-like values as the property's reference: numbers as {@link BigDecimal} (whole, and
     * with up to four decimals), text, booleans, and lists and maps of them, three levels deep.
     */
    @Provide
    Arbitrary<Object> values() {
        return value(3);
    }

    private Arbitrary<Object> value(int depth) {
        Arbitrary<Object> whole =
                Arbitraries.longs()
                        .between(-1_000_000_000_000L, 1_000_000_000_000L)
                        .map(v -> (Object) BigDecimal.valueOf(v));
        Arbitrary<Object> decimal =
                Arbitraries.integers()
                        .between(-1_000_000, 1_000_000)
                        .flatMap(
                                unscaled ->
                                        Arbitraries.integers()
                                                .between(1, 4)
                                                .map(
                                                        scale ->
                                                                (Object)
                                                                        BigDecimal.valueOf(
                                                                                unscaled, scale)));
        Arbitrary<Object> leaf =
                Arbitraries.oneOf(
                        whole,
                        decimal,
                        Arbitraries.strings().alpha().ofMaxLength(4).map(s -> (Object) s),
                        Arbitraries.of(true, false).map(b -> (Object) b));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Object> inner = value(depth - 1);
        return Arbitraries.frequencyOf(
                Tuple.of(4, leaf),
                Tuple.of(1, inner.list().ofMaxSize(4).map(l -> (Object) l)),
                Tuple.of(
                        1,
                        Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(3), inner)
                                .ofMaxSize(4)
                                .map(m -> (Object) m)));
    }

    /**
     * The value as a caller or the ledger might hold it: each number in one of the Java types that
     * can carry it exactly (at a scale with trailing zeros, for a {@link BigDecimal}), each map in
     * another key order.
     */
    private static Object boxed(Object value, Random choices) {
        if (value instanceof BigDecimal n) {
            return boxedNumber(n, choices);
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(boxed(v, choices)));
            return out;
        }
        if (value instanceof Map<?, ?> m) {
            List<Object> keys = new ArrayList<>(m.keySet());
            Collections.shuffle(keys, choices);
            Map<Object, Object> out = new LinkedHashMap<>();
            keys.forEach(k -> out.put(k, boxed(m.get(k), choices)));
            return out;
        }
        return value;
    }

    private static Number boxedNumber(BigDecimal n, Random choices) {
        BigDecimal padded = n.setScale(n.scale() + choices.nextInt(3));
        boolean whole = n.stripTrailingZeros().scale() <= 0;
        if (!whole) {
            return choices.nextBoolean() ? padded : n.doubleValue();
        }
        long v = n.longValueExact();
        List<Number> forms = new ArrayList<>(List.of(v, BigInteger.valueOf(v), padded));
        forms.add((double) v); // exact: |v| is well below 2^53
        if (v == (int) v) {
            forms.add((int) v);
        }
        if (v == (short) v) {
            forms.add((short) v);
        }
        return forms.get(choices.nextInt(forms.size()));
    }

    /** How many places a value has to change: itself and every member, at any depth. */
    private static int places(Object value) {
        int n = 1;
        if (value instanceof List<?> l) {
            for (Object v : l) {
                n += places(v);
            }
        } else if (value instanceof Map<?, ?> m) {
            for (Object v : m.values()) {
                n += places(v);
            }
        }
        return n;
    }

    /**
     * The value with its {@code target}-th place (depth first, counting from 0 in {@code seen})
     * changed: a number by one, a text by a letter, a boolean negated, a list by a member more or
     * less, a map by a key more.
     */
    private static Object changedAt(Object value, int target, int[] seen) {
        boolean here = seen[0]++ == target;
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object v : l) {
                out.add(here ? v : changedAt(v, target, seen));
            }
            if (here) {
                if (out.isEmpty()) {
                    out.add(BigDecimal.ZERO);
                } else {
                    out.remove(out.size() - 1);
                }
            }
            return out;
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, here ? v : changedAt(v, target, seen)));
            if (here) {
                out.put("extra", BigDecimal.ZERO); // keys have at most three letters
            }
            return out;
        }
        if (!here) {
            return value;
        }
        if (value instanceof BigDecimal n) {
            return n.add(BigDecimal.ONE);
        }
        if (value instanceof Boolean b) {
            return !b;
        }
        return value + "x";
    }

    // ------------------------------------------------------------ fixtures

    private static ActionRequest action(int step, Map<String, Object> arguments) {
        return action(CASE, step, ToolCall.of("act", arguments));
    }

    /** The same case and step as {@code a}, calling otherwise. */
    private static ActionRequest withCall(ActionRequest a, ToolCall call) {
        return action(a.caseId(), a.step(), call);
    }

    private static ActionRequest action(CaseId caseId, int step, ToolCall call) {
        return new ActionRequest(
                caseId,
                step,
                call,
                new Estimate(0.0, Risk.LOW, Map.of()),
                ROUTER,
                T0,
                "agent",
                Optional.empty());
    }

    private void decided(ActionRequest action, Decision decision) {
        entries.append(events.decision(action, decision));
    }

    private void answered(ActionRequest action, String approvalId, Verdict verdict) {
        ApprovalRequest request = new ApprovalRequest(approvalId, action, ASKED, T0);
        ApprovalAnswer answer =
                new ApprovalAnswer(
                        approvalId,
                        verdict,
                        "olga",
                        RoleHierarchy.NOC_OPERATOR,
                        "ok",
                        T0,
                        Optional.empty());
        entries.append(events.approvalAnswered(request, answer));
    }

    private void called(ActionRequest action, int attempt) {
        ToolInvocation inv =
                new ToolInvocation(
                        action.call(),
                        IdempotencyKey.of(action.caseId(), action.step(), attempt),
                        "agent");
        entries.append(
                events.toolCall(
                        action.caseId().value(),
                        action.element().id().value(),
                        action.step(),
                        inv,
                        "ACT",
                        T0));
    }

    /** A ledger that counts its queries. */
    static final class CountingLedger implements AuditLog {
        private final AuditLog inner;
        int queries;

        CountingLedger(AuditLog inner) {
            this.inner = inner;
        }

        @Override
        public AuditEntry append(AuditEvent event) {
            return inner.append(event);
        }

        @Override
        public List<AuditEntry> query(AuditQuery query) {
            queries++;
            return inner.query(query);
        }

        @Override
        public AuditVerification verify() {
            return inner.verify();
        }
    }
}
