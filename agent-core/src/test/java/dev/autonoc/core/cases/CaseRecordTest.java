package dev.autonoc.core.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.casefile.Exclusion;
import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.ToolCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * A case's record across plans: a new plan's steps follow the earlier ones, what was still to run
 * is superseded, what stands is listed for the next plan to keep or undo; people and the agent move
 * the case between statuses with why.
 */
class CaseRecordTest {

    static final Instant T = Instant.parse("2025-01-07T10:00:00Z");
    static final CaseId ID = new CaseId("case-0001");
    static final Element E =
            new Element(
                    ElementId.of("core-rtr-02"), ElementKind.ROUTER, "core", "south", "site-02");
    static final Prediction P =
            new Prediction(
                    E.id(), T, 0.9, FailureMode.FAN_WEAR, Duration.ofHours(30), List.of(), "m");

    static PlanStep step(int i, String tool) {
        return new PlanStep(i, ToolCall.of(tool, Map.of()), T, OptionalInt.empty(), tool);
    }

    static Plan plan(int revision, List<PlanStep> steps, List<Integer> keeps) {
        return new Plan(
                ID,
                "p",
                "1",
                steps,
                "why",
                revision,
                keeps,
                List.of(),
                List.of(),
                Optional.empty());
    }

    @Test
    void a_new_case_is_to_be_planned_at_once_with_nothing_done() {
        CaseRecord c = CaseRecord.opened(ID, E, P, T);
        assertThat(c.status()).isEqualTo(CaseStatus.ACTIVE);
        assertThat(c.replanDue()).contains("opened");
        assertThat(c.nextIndex()).isZero();
        assertThat(c.nextRevision()).isZero();
        assertThat(c.commitments()).isEmpty();
    }

    @Test
    void a_replan_adds_its_steps_after_the_earlier_ones_and_supersedes_what_was_still_to_run() {
        CaseRecord first =
                CaseRecord.opened(ID, E, P, T)
                        .planned(
                                plan(
                                        0,
                                        List.of(step(0, "open_ticket"), step(1, "order_part")),
                                        List.of()));
        CaseRecord ran =
                first.withStep(
                        first.step(0)
                                .registering(ToolCall.of("close_ticket", Map.of()))
                                .done(Optional.empty(), Map.of(), "opened"));
        assertThat(ran.commitments()).extracting(StepRecord::index).containsExactly(0);
        assertThat(ran.nextIndex()).isEqualTo(2);
        assertThat(ran.nextRevision()).isEqualTo(1);

        Prediction later =
                new Prediction(
                        E.id(),
                        T.plusSeconds(3600),
                        0.95,
                        FailureMode.FAN_WEAR,
                        Duration.ofHours(5),
                        List.of(),
                        "m");
        CaseRecord replanned =
                ran.replanning("refused", Optional.empty())
                        .planned(plan(1, List.of(step(2, "order_part")), List.of(0)), later);

        assertThat(replanned.step(1).state()).isEqualTo(StepState.SUPERSEDED);
        assertThat(replanned.step(1).note()).contains("revision 1");
        assertThat(replanned.step(2).revision()).isEqualTo(1);
        assertThat(replanned.latest()).isEqualTo(later);
        assertThat(replanned.trigger()).isEqualTo(P);
        assertThat(replanned.replanDue()).isEmpty();
        assertThat(replanned.verifiedAt()).isEmpty();
    }

    @Test
    void a_plan_numbered_from_elsewhere_is_refused() {
        CaseRecord first =
                CaseRecord.opened(ID, E, P, T)
                        .planned(plan(0, List.of(step(0, "open_ticket")), List.of()));
        assertThatThrownBy(() -> first.planned(plan(1, List.of(step(0, "order_part")), List.of())))
                .hasMessageContaining("must start at 1");
    }

    @Test
    void what_was_learnt_is_kept_across_replans() {
        Exclusion no = new Exclusion("order_part", Map.of("source", "south"), "no stock", T);
        CaseRecord c = CaseRecord.opened(ID, E, P, T).replanning("refused", Optional.of(no));
        c = c.replanning("again", Optional.empty());
        assertThat(c.exclusions()).containsExactly(no);
        assertThat(c.replanDue()).contains("again");
    }

    @Test
    void people_move_the_case_with_why_and_the_owner_goes_with_a_hand_back() {
        CaseRecord taken = CaseRecord.opened(ID, E, P, T).takenOver("ana", T, "mine");
        assertThat(taken.status()).isEqualTo(CaseStatus.TAKEN_OVER);
        assertThat(taken.status().isWithPerson()).isTrue();
        assertThat(taken.status().isAgentWorking()).isFalse();
        assertThat(taken.owner()).contains("ana");

        CaseRecord back = taken.handedBack("handed back by ana: yours");
        assertThat(back.status()).isEqualTo(CaseStatus.ACTIVE);
        assertThat(back.owner()).isEmpty();
        assertThat(back.endedAt()).isEmpty();
        assertThat(back.replanDue()).contains("handed back by ana: yours");

        CaseRecord needs = back.needsPerson(T, "no way");
        assertThat(needs.status().isOpen()).isTrue();
        assertThat(needs.reason()).isEqualTo("no way");
        assertThat(needs.closed(T, "done").status().isOpen()).isFalse();
    }

    @Test
    void steps_must_be_numbered_by_their_place() {
        CaseRecord c =
                CaseRecord.opened(ID, E, P, T)
                        .planned(plan(0, List.of(step(0, "open_ticket")), List.of()));
        assertThatThrownBy(() -> c.step(3)).hasMessageContaining("has no step 3");
    }
}
