package dev.autonoc.core.planner;

import static dev.autonoc.core.planner.Planning.THURSDAY_10;
import static dev.autonoc.core.planner.Planning.arg;
import static dev.autonoc.core.planner.Planning.start;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.plan.CaseContext;
import dev.autonoc.core.plan.Holding;
import dev.autonoc.core.plan.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Engineer time other open cases count on (docs/agent.md, "The scheduler"): never booked twice; a
 * less urgent case's booking is taken only when nothing else beats the deadline, and never one
 * whose engineer may be on the way or whose case is more urgent.
 */
class SharingEngineersTest {

    final Planning w = new Planning();

    static final Instant THURSDAY_15 = Instant.parse("2025-01-09T15:00:00Z");
    static final CaseId OTHER = new CaseId("case-0002");

    void holding(String engineer, Instant holderFails, boolean booked, boolean started) {
        if (booked) {
            w.net.engineer(engineer)
                    .booked("case-0002/2/1", THURSDAY_15, THURSDAY_15.plus(Duration.ofHours(1)));
        }
        Holding h =
                new Holding(
                        OTHER,
                        2,
                        engineer,
                        THURSDAY_15,
                        THURSDAY_15.plus(Duration.ofHours(1)),
                        holderFails,
                        booked,
                        started);
        w.context =
                new CaseContext(
                        0,
                        0,
                        "opened",
                        Optional.empty(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(h));
    }

    /** Only eng-south-1 can come (the others away); the fan fails at 20:00, work by 18:00. */
    Plan tight() {
        Instant from = Instant.parse("2025-01-09T00:00:00Z");
        Instant to = Instant.parse("2025-01-12T00:00:00Z");
        w.net.engineer("eng-south-2").away(from, to);
        w.net.engineer("eng-north-1").away(from, to);
        return w.fan(Duration.ofHours(10));
    }

    @Test
    void an_hour_another_case_counts_on_but_has_not_booked_yet_is_not_booked_twice() {
        holding("eng-south-1", THURSDAY_10.plus(Duration.ofHours(5)), false, false);

        Plan plan = w.fan(Duration.ofHours(38));

        assertThat(arg(plan, "dispatch_engineer", "engineer_id")).isEqualTo("eng-south-2");
        assertThat(start(plan)).isEqualTo(THURSDAY_15);
        assertThat(plan.takes()).isEmpty();
    }

    @Test
    void a_less_urgent_booking_is_taken_when_nothing_else_beats_the_deadline() {
        holding("eng-south-1", THURSDAY_10.plus(Duration.ofDays(4)), true, false);

        Plan plan = tight();

        assertThat(arg(plan, "dispatch_engineer", "engineer_id")).isEqualTo("eng-south-1");
        assertThat(start(plan)).isEqualTo(THURSDAY_15);
        assertThat(plan.takes())
                .singleElement()
                .satisfies(h -> assertThat(h.caseId()).isEqualTo(OTHER));
        assertThat(plan.rationale()).contains("takes the slot of [case-0002]");
    }

    @Test
    void a_less_urgent_booking_is_left_alone_when_another_way_is_in_time() {
        holding("eng-south-1", THURSDAY_10.plus(Duration.ofDays(4)), true, false);

        Plan plan = w.fan(Duration.ofHours(10));

        assertThat(plan.takes()).isEmpty();
        assertThat(arg(plan, "dispatch_engineer", "engineer_id")).isNotEqualTo("eng-south-1");
    }

    @Test
    void a_more_urgent_cases_booking_is_never_taken() {
        holding("eng-south-1", THURSDAY_10.plus(Duration.ofHours(6)), true, false);

        Plan plan = tight();

        assertThat(plan.takes()).isEmpty();
        assertThat(start(plan)).isNotEqualTo(THURSDAY_15);
        assertThat(plan.rationale()).contains("no way ends before the deadline");
    }

    @Test
    void a_booking_whose_engineer_may_be_on_the_way_is_never_taken() {
        holding("eng-south-1", THURSDAY_10.plus(Duration.ofDays(4)), true, true);

        Plan plan = tight();

        assertThat(plan.takes()).isEmpty();
        assertThat(start(plan)).isNotEqualTo(THURSDAY_15);
    }
}
