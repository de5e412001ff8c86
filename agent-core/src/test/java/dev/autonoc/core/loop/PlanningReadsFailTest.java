package dev.autonoc.core.loop;

import static dev.autonoc.core.loop.LoopWorld.ROUTER;
import static dev.autonoc.core.loop.LoopWorld.T0;
import static dev.autonoc.core.loop.LoopWorld.minutes;
import static dev.autonoc.core.tool.ToolNames.DISPATCH_ENGINEER;
import static dev.autonoc.core.tool.ToolNames.LIST_ENGINEERS;
import static dev.autonoc.core.tool.ToolNames.ORDER_PART;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.planner.PlaybookPlanner;
import dev.autonoc.core.tool.ToolResult.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A read the playbook needs to plan (stock, engineers, an outage's cost) that fails in a way worth
 * another try (the OSS busy, or slow to answer) does not hand the case to a person: the case is
 * planned again after the read tool's backoff, under new read keys, until the tries run out. A read
 * refused on the merits goes to a person at once, as before.
 */
class PlanningReadsFailTest {

    final LoopWorld w = new LoopWorld(new PlaybookPlanner());
    final Instant failsAt = T0.plus(Duration.ofDays(3));

    @Test
    void a_busy_engineer_list_delays_the_first_plan_by_its_backoff_and_the_case_is_mended() {
        w.net.fail(LIST_ENGINEERS, Outcome.TRANSIENT, Outcome.UNCERTAIN); // both lists
        w.predictFailureAt(ROUTER, 0.9, failsAt);
        w.tick();

        CaseRecord waiting = w.only();
        assertThat(waiting.status()).isEqualTo(CaseStatus.ACTIVE);
        assertThat(waiting.plan()).as("nothing planned yet").isEmpty();
        assertThat(waiting.replanDue()).isPresent();

        w.run(minutes(5), Duration.ofHours(2));

        CaseRecord c = w.only();
        assertThat(c.status()).isIn(CaseStatus.ACTIVE, CaseStatus.CLOSED);
        assertThat(c.plan()).isPresent();
        assertThat(w.net.effectsOf(ORDER_PART)).hasSize(1);
        assertThat(w.net.effectsOf(DISPATCH_ENGINEER)).hasSize(1);
        assertThat(w.net.callsOf(LIST_ENGINEERS))
                .extracting(call -> call.key())
                .as("each planning reads under keys of its own")
                .doesNotHaveDuplicates()
                .hasSize(3);
    }

    @Test
    void a_planning_tried_again_waits_for_the_backoff_between_tries() {
        w.net.fail(LIST_ENGINEERS, Outcome.TRANSIENT, Outcome.TRANSIENT);
        w.predictFailureAt(ROUTER, 0.9, failsAt);
        w.tick();
        Duration backoff = w.settings.retryOf(LIST_ENGINEERS).backoff(w.only().id().value(), -1, 1);

        w.tickAt(T0.plus(backoff).minusSeconds(1));
        assertThat(w.net.callsOf(LIST_ENGINEERS)).as("not before the backoff").hasSize(2);
        w.tickAt(T0.plus(backoff));

        assertThat(w.net.callsOf(LIST_ENGINEERS)).hasSize(3);
        assertThat(w.only().plan()).isPresent();
    }

    @Property(tries = 30)
    void however_many_tries_fail_a_case_is_planned_or_with_a_person_never_stuck(
            @ForAll @IntRange(min = 1, max = 8) int failures, @ForAll boolean failureFarOff) {
        LoopWorld world = new LoopWorld(new PlaybookPlanner());
        Outcome[] outcomes = new Outcome[2 * failures]; // each planning reads two lists
        Arrays.fill(outcomes, Outcome.TRANSIENT);
        world.net.fail(LIST_ENGINEERS, outcomes);
        // far off, the tries go on until a day before the failure; near, they end when spent
        Instant fails = failureFarOff ? failsAt : T0.plus(Duration.ofHours(20));
        world.predictFailureAt(ROUTER, 0.9, fails);
        world.tick();
        world.run(minutes(5), Duration.ofHours(12));

        CaseRecord c = world.only();
        int tries = world.settings.retryOf(LIST_ENGINEERS).maxTries();
        if (failures < tries || failureFarOff) {
            assertThat(c.plan()).as("planned on try " + (failures + 1)).isPresent();
            assertThat(c.status()).isNotEqualTo(CaseStatus.NEEDS_PERSON);
        } else {
            assertThat(c.status()).isEqualTo(CaseStatus.NEEDS_PERSON);
            assertThat(c.reason())
                    .contains("list_engineers failed")
                    .contains("tried " + tries + " times");
        }
    }

    @Test
    void
            reads_that_keep_failing_go_to_a_person_a_day_before_the_failure_not_when_the_tries_are_spent() {
        Outcome[] outcomes = new Outcome[200];
        Arrays.fill(outcomes, Outcome.UNCERTAIN);
        w.net.fail(LIST_ENGINEERS, outcomes);
        w.predictFailureAt(ROUTER, 0.9, failsAt);
        w.tick();
        Instant lastChance = failsAt.minus(Duration.ofDays(1));

        w.run(minutes(5), Duration.between(T0, lastChance).minusHours(2));
        assertThat(w.only().status())
                .as("tried all the while, at the backoff's longest")
                .isEqualTo(CaseStatus.ACTIVE);
        int triesSoFar = w.net.callsOf(LIST_ENGINEERS).size() / 2;
        assertThat(triesSoFar).isGreaterThan(w.settings.retryOf(LIST_ENGINEERS).maxTries());

        w.run(minutes(5), Duration.ofHours(4));
        CaseRecord c = w.only();
        assertThat(c.status()).isEqualTo(CaseStatus.NEEDS_PERSON);
        assertThat(c.endedAt().orElseThrow()).isBefore(lastChance.plusSeconds(1));
        assertThat(c.reason()).contains("list_engineers failed").contains("tried ");
    }

    @Test
    void a_read_refused_as_wrong_goes_to_a_person_at_once() {
        w.net.fail(LIST_ENGINEERS, Outcome.INVALID, Outcome.INVALID);
        w.predictFailureAt(ROUTER, 0.9, failsAt);
        w.tick();

        CaseRecord c = w.only();
        assertThat(c.status()).isEqualTo(CaseStatus.NEEDS_PERSON);
        assertThat(c.reason()).contains("the planner could not plan").doesNotContain("tried");
    }
}
