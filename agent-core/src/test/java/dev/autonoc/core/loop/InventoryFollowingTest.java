package dev.autonoc.core.loop;

import static dev.autonoc.core.loop.LoopWorld.ROUTER;
import static dev.autonoc.core.loop.LoopWorld.ROUTER_3;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.loop.Fakes.SagaPlanner;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The elements a loop opens cases on follow the inventory it is told ({@link
 * RemediationLoop#inventory}): for a service whose network gains and loses elements while it runs.
 */
class InventoryFollowingTest {

    private final LoopWorld w = new LoopWorld(new SagaPlanner(LoopWorld::orderPlan));

    @Test
    void an_element_added_to_the_inventory_gets_a_case_and_a_removed_one_does_not() {
        w.elements = List.of(ROUTER);
        w.predict(ROUTER_3, 0.9, Duration.ofHours(48));
        w.tick();
        assertThat(w.cases.all()).as("core-rtr-03 is not in the inventory yet").isEmpty();

        w.loop().inventory(List.of(ROUTER, ROUTER_3));
        w.clock.advance(Duration.ofMinutes(5));
        w.tick();
        assertThat(w.cases.all())
                .extracting(c -> c.element().id())
                .as("added, it is worked like the others")
                .containsExactly(ROUTER_3.id());

        w.loop().inventory(List.of(ROUTER_3));
        w.predict(ROUTER, 0.9, Duration.ofHours(48));
        w.clock.advance(Duration.ofMinutes(5));
        w.tick();
        assertThat(w.cases.all())
                .extracting(c -> c.element().id())
                .as("removed, it gets no new case")
                .doesNotContain(ROUTER.id());
    }

    @Test
    void a_loop_not_told_of_changes_keeps_the_elements_it_was_built_with() {
        w.elements = List.of(ROUTER);
        w.predict(ROUTER, 0.9, Duration.ofHours(48));
        w.predict(ROUTER_3, 0.9, Duration.ofHours(48));
        w.tick();
        assertThat(w.cases.all()).extracting(CaseRecord::element).containsExactly(ROUTER);
    }
}
