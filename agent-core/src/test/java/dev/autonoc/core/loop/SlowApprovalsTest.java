package dev.autonoc.core.loop;

import static dev.autonoc.core.loop.LoopWorld.ROUTER;
import static dev.autonoc.core.loop.LoopWorld.SUPERVISOR;
import static dev.autonoc.core.loop.LoopWorld.T0;
import static dev.autonoc.core.loop.LoopWorld.hours;
import static dev.autonoc.core.loop.LoopWorld.minutes;
import static dev.autonoc.core.tool.ToolNames.DISPATCH_ENGINEER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.planner.PlaybookPlanner;
import dev.autonoc.core.testing.FakeOperator.Call;
import dev.autonoc.core.tool.ToolResult.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Every visit waits for a person's approval, and people take their time. A visit booked on an
 * approval that came after the engineer would have had to set off is refused by the workforce
 * system; the next plan leaves the case's longest approval wait before the engineer's drive, so it
 * does not lose its slot the same way again and again while the element wears out.
 */
class SlowApprovalsTest {

    /** Runs the loop in 5-minute ticks, approving each request {@code wait} after it was asked. */
    static void run(LoopWorld w, Duration wait, Duration total) {
        Instant end = w.now().plus(total);
        while (w.now().isBefore(end)) {
            for (var r : w.approvals.pending()) {
                if (!w.now().isBefore(r.requestedAt().plus(wait))) {
                    w.approvals.approve(r.id(), SUPERVISOR, "ok", w.now(), Optional.empty());
                }
            }
            w.tick();
            w.clock.advance(minutes(5));
        }
    }

    @Property(tries = 12)
    void once_a_slot_is_lost_to_a_slow_approval_the_next_visit_is_booked(
            @ForAll @IntRange(min = 100, max = 200) int waitMinutes) {
        LoopWorld w = new LoopWorld(new PlaybookPlanner());
        w.gate.requireApproval(DISPATCH_ENGINEER, RoleHierarchy.NOC_OPERATOR);
        // the part is at the site already: the engineer's drive is all the lead a visit needs
        w.net.sources.values().forEach(s -> s.leadMinutes = 0);
        w.predictFailureAt(ROUTER, 0.9, T0.plus(hours(12)));

        run(w, Duration.ofMinutes(waitMinutes), hours(12));

        List<Call> bookings = w.net.callsOf(DISPATCH_ENGINEER);
        assertThat(bookings).isNotEmpty();
        assertThat(bookings.stream().filter(c -> c.result().outcome() == Outcome.SUCCEEDED))
                .as("booked before the failure: " + bookings)
                .hasSize(1);
        assertThat(bookings.stream().filter(c -> c.result().outcome() == Outcome.REFUSED))
                .as("at most one slot lost to the approval's wait")
                .hasSizeLessThanOrEqualTo(1);
    }
}
