package dev.autonoc.core.loop;

import static dev.autonoc.core.loop.LoopWorld.ROUTER;
import static dev.autonoc.core.loop.LoopWorld.ROUTER_3;
import static dev.autonoc.core.loop.LoopWorld.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.planner.PlaybookPlanner;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What the loop remembers of its cases' calls ({@link GatedToolCalls#startedEarlier}: which cases
 * it opened, which keys it looked up) is kept for the cases open in it only: a long-running
 * instance does not grow with every case it ever worked.
 */
class CallMemoryTest {

    final LoopWorld w = new LoopWorld(new PlaybookPlanner());

    @Test
    void a_closed_case_is_forgotten_at_the_next_tick() {
        w.predict(ROUTER, 0.9, Duration.ofHours(30));
        w.predict(ROUTER_3, 0.9, Duration.ofHours(40));
        w.tick();
        assertThat(w.loop().casesRemembered()).isEqualTo(2);

        for (CaseRecord c : w.cases.open()) {
            w.loop().close(c.id(), "olga", "done by hand", w.now());
        }
        w.clock.advance(minutes(5));
        w.tick();

        assertThat(w.cases.open()).isEmpty();
        assertThat(w.loop().casesRemembered()).isZero();
    }

    @Test
    void a_case_this_loop_no_longer_works_is_forgotten_at_once() {
        w.predict(ROUTER, 0.9, Duration.ofHours(30));
        w.tick();
        assertThat(w.loop().casesRemembered()).isEqualTo(1);
        CaseId id = w.only().id();

        // the store no longer lists it open here (as after its partition went elsewhere)
        w.cases.save(w.cases.find(id).orElseThrow().closed(w.now(), "moved elsewhere"));
        w.loop().workOnly(e -> false);

        assertThat(w.loop().casesRemembered()).isZero();
    }

    @Test
    void however_many_cases_come_and_go_only_the_open_ones_are_remembered() {
        for (int round = 0; round < 6; round++) {
            w.predict(ROUTER, 0.9, Duration.ofHours(30));
            w.tick();
            for (CaseRecord c : w.cases.open()) {
                w.loop().close(c.id(), "olga", "round " + round, w.now());
            }
            // past the reopen cooldown of a case a person closed
            w.clock.advance(Duration.ofDays(2));
            w.predictor.risks.clear();
            w.tick();
            assertThat(w.loop().casesRemembered()).isEqualTo(w.cases.open().size());
        }
        assertThat(w.cases.all()).hasSize(6);
    }
}
