package dev.autonoc.core.cases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.casefile.Exclusion;
import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.prediction.Evidence;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.ToolCall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * What every {@link CaseStore} promises, whatever keeps the cases: a saved snapshot comes back
 * equal, the latest save of a case wins and keeps the case's place, {@link CaseStore#open()} and
 * {@link CaseStore#all()} list in the order the cases were first saved. Extend it with {@link
 * #newStore()} returning an empty store; agent-core runs it on {@link InMemoryCaseStore}, the
 * service on its JDBC store (this class ships in agent-core's test-jar).
 *
 * <p>Tool arguments and facts are JSON-like trees whose whole numbers are {@code Long} and decimals
 * {@code Double}, as the ledger keeps them; a store that serialises may give back no other types.
 */
public abstract class CaseStoreContract {

    /** A new, empty store. */
    protected abstract CaseStore newStore();

    @Property(tries = 60)
    void a_saved_case_is_found_equal_to_what_was_saved(@ForAll("cases") CaseRecord record) {
        CaseStore store = newStore();

        store.save(record);

        assertThat(store.find(record.id())).contains(record);
        assertThat(store.all()).containsExactly(record);
        assertThat(store.open()).isEqualTo(record.status().isOpen() ? List.of(record) : List.of());
    }

    @Property(tries = 40)
    void the_latest_snapshot_wins_and_every_case_keeps_the_place_it_was_opened_in(
            @ForAll("histories") @Size(min = 1, max = 12) List<CaseRecord> saves) {
        CaseStore store = newStore();
        Map<CaseId, CaseRecord> expected = new LinkedHashMap<>();

        for (CaseRecord save : saves) {
            store.save(save);
            expected.put(save.id(), save);
        }

        assertThat(store.all()).containsExactlyElementsOf(expected.values());
        assertThat(store.open())
                .containsExactlyElementsOf(
                        expected.values().stream().filter(c -> c.status().isOpen()).toList());
        for (CaseRecord c : expected.values()) {
            assertThat(store.find(c.id())).contains(c);
        }
    }

    @Property(tries = 20)
    void an_unknown_case_is_not_found(@ForAll("cases") CaseRecord record) {
        CaseStore store = newStore();
        store.save(record);

        assertThat(store.find(new CaseId(record.id().value() + "-other"))).isEmpty();
    }

    @Property(tries = 20)
    void a_case_moves_out_of_open_when_it_ends_and_stays_in_all(@ForAll("cases") CaseRecord c) {
        CaseStore store = newStore();
        CaseRecord active = c.withStatus(CaseStatus.ACTIVE);
        store.save(active);
        assertThat(store.open()).containsExactly(active);

        CaseRecord ended = active.closed(c.openedAt().plusSeconds(60), "a person closed it");
        store.save(ended);

        assertThat(store.open()).isEmpty();
        assertThat(store.all()).containsExactly(ended);
    }

    // --- generators: public so that a store's own tests can reuse them ---

    @Provide
    public Arbitrary<CaseRecord> cases() {
        return caseRecords(Arbitraries.of("case-0001", "case-x-0002", "case-20261126-074210-0003"));
    }

    /** Saves of a few cases, each save a (possibly changed) snapshot of one of them. */
    @Provide
    public Arbitrary<List<CaseRecord>> histories() {
        return caseRecords(Arbitraries.of("case-1", "case-2", "case-3", "case-4")).list();
    }

    public static Arbitrary<CaseRecord> caseRecords(Arbitrary<String> ids) {
        Arbitrary<CaseId> id = ids.map(CaseId::new);
        Arbitrary<Element> element =
                Combinators.combine(
                                Arbitraries.of("core-rtr-01", "link-a-b", "cell-01-1"),
                                Arbitraries.of(ElementKind.class),
                                Arbitraries.of("core", "aggregation", "cell", "fibre"),
                                Arbitraries.of("north", "south"),
                                Arbitraries.of("site-01", "site-02"))
                        .as((e, k, r, g, s) -> new Element(ElementId.of(e), k, r, g, s));
        return Combinators.combine(
                        id,
                        element,
                        instants(),
                        Arbitraries.of(CaseStatus.class),
                        toolCalls().list().ofMaxSize(4),
                        Arbitraries.integers().between(0, 3),
                        stepShapes().list().ofMinSize(4).ofMaxSize(4),
                        Arbitraries.strings().ofMaxLength(30))
                .as(
                        (caseId, el, opened, status, calls, planned, shapes, reason) ->
                                build(caseId, el, opened, status, calls, planned, shapes, reason));
    }

    private static CaseRecord build(
            CaseId id,
            Element element,
            Instant opened,
            CaseStatus status,
            List<ToolCall> calls,
            int planned,
            List<StepShape> shapes,
            String reason) {
        Prediction trigger =
                new Prediction(
                        element.id(),
                        opened,
                        0.25 + planned * 0.2,
                        FailureMode.values()[planned % FailureMode.values().length],
                        Duration.ofHours(30 + planned).plusSeconds(7),
                        List.of(
                                new Evidence("fan_rpm.dev_own_baseline_24h", -3.5, 0.41, "slow"),
                                new Evidence("temp.max_1h", 71.25, 0.125, "hot")),
                        "model-" + planned);
        CaseRecord record = CaseRecord.opened(id, element, trigger, opened);
        if (calls.isEmpty()) {
            return inStatus(record, status, opened.plusSeconds(90), reason);
        }
        List<PlanStep> steps = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            OptionalInt after = i == 0 ? OptionalInt.empty() : OptionalInt.of(i - 1);
            steps.add(
                    new PlanStep(i, calls.get(i), opened.plusSeconds(300L * i), after, "why " + i));
        }
        CaseRecord withPlan =
                record.planned(new Plan(id, "playbook", "1.2", steps, "because the fan is slow"));
        for (int i = 0; i < calls.size(); i++) {
            withPlan = withPlan.withStep(shapes.get(i).apply(withPlan.step(i), opened));
        }
        if (planned % 2 == 1) {
            withPlan =
                    withPlan.replanning(
                                    "step 0 refused: no slot",
                                    Optional.of(
                                            new Exclusion(
                                                    calls.get(0).tool(),
                                                    calls.get(0).arguments(),
                                                    "refused: no slot",
                                                    opened.plusSeconds(120))))
                            .withQuietSince(Optional.of(opened.plusSeconds(600)))
                            .verified(opened.plusSeconds(900));
        }
        return inStatus(withPlan, status, opened.plus(Duration.ofDays(2)), reason);
    }

    /** The case moved to {@code status} the way the loop and people move it. */
    private static CaseRecord inStatus(CaseRecord c, CaseStatus status, Instant at, String reason) {
        return switch (status) {
            case ACTIVE, WAITING_APPROVAL -> c.withStatus(status);
            case CLOSED -> c.closed(at, reason);
            case NEEDS_PERSON -> c.needsPerson(at, reason);
            case TAKEN_OVER -> c.takenOver("ana", at, reason);
        };
    }

    /** How a step went, applied to its pending record. */
    private record StepShape(StepState state, int retries, boolean approval, boolean completes) {
        StepRecord apply(StepRecord pending, Instant opened) {
            StepRecord s = pending;
            for (int i = 0; i < retries; i++) {
                s = s.retrying(i % 2 == 0, opened.plusSeconds(60L * (i + 1)), "retry " + i);
            }
            if (retries > 0) {
                s =
                        s.registering(
                                ToolCall.of(
                                        "cancel_order",
                                        Map.of("order_key", "case-1/" + pending.index() + "/1")));
            }
            if (approval) {
                s = s.withApproval("apr-" + (pending.index() + 7));
            }
            if (state == StepState.DONE) {
                return s.done(
                        completes ? Optional.of(opened.plusSeconds(86_400)) : Optional.empty(),
                        Map.of("order_id", "PO-1", "cost_gbp", 450.5, "count", 2L),
                        "done: order PO-1");
            }
            return s.with(state, state == StepState.PENDING ? "" : "note on " + state);
        }
    }

    private static Arbitrary<StepShape> stepShapes() {
        return Combinators.combine(
                        Arbitraries.of(StepState.class),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false))
                .as(StepShape::new);
    }

    private static Arbitrary<Instant> instants() {
        return Arbitraries.longs()
                .between(1_736_121_600_000L, 1_767_225_600_000L)
                .map(Instant::ofEpochMilli);
    }

    /** Calls whose arguments are JSON-like: Long, Double, Boolean, String, lists and maps. */
    public static Arbitrary<ToolCall> toolCalls() {
        Arbitrary<Object> leaf =
                Arbitraries.oneOf(
                        Arbitraries.strings().alpha().numeric().ofMaxLength(12).map(s -> s),
                        Arbitraries.longs().between(-1_000_000, 5_000_000_000L).map(l -> l),
                        Arbitraries.doubles().between(-1e6, 1e6).map(d -> d),
                        Arbitraries.of(true, false).map(b -> b));
        Arbitrary<Object> value =
                Arbitraries.oneOf(
                        leaf,
                        leaf.list().ofMaxSize(3).map(l -> l),
                        Arbitraries.maps(Arbitraries.of("a", "b", "qty"), leaf)
                                .ofMaxSize(2)
                                .map(m -> m));
        return Combinators.combine(
                        Arbitraries.of(
                                "order_part", "book_engineer", "restart_element", "get_element"),
                        Arbitraries.maps(
                                        Arbitraries.of(
                                                "element_id",
                                                "part",
                                                "quantity",
                                                "expedite",
                                                "window",
                                                "note"),
                                        value)
                                .ofMaxSize(4))
                .as(ToolCall::of);
    }
}
