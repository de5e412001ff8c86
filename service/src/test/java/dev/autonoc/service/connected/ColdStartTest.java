package dev.autonoc.service.connected;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Connected mode's warm-up at start ({@link ColdStart}): the loop's whole way through cases of a
 * throwaway network, on resources of its own that it drops at the end.
 */
class ColdStartTest {

    @Test
    void works_throwaway_cases_to_their_first_proposals_and_leaves_no_thread_behind() {
        ColdStart.Done done = ColdStart.run(6, 3);

        assertThat(done.cases()).isEqualTo(6);
        assertThat(done.ticks()).isEqualTo(2);
        // on the quiet metro twin under the default policy every case acts or asks a person
        assertThat(done.proposed()).isEqualTo(6);
        assertThat(done.took()).isPositive();
        assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName)
                .doesNotContain("autonoc-cold-start");
    }

    @Test
    void nothing_is_run_when_it_is_turned_off() {
        assertThat(ColdStart.run(0, 4)).isEqualTo(new ColdStart.Done(0, 0, 0, Duration.ZERO));
    }
}
