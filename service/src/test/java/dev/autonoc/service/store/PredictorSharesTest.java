package dev.autonoc.service.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.PredictorShare;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The predictors' shares of one network's instances: each instance keeps one, reads the others' as
 * written (to the bit), and leaves out those gone stale or taken away; other networks' are apart.
 */
class PredictorSharesTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    DataSource database() {
        return TestDatabases.h2();
    }

    private static PredictorShare share(String model, double value, String... out) {
        return new PredictorShare(
                model,
                T0,
                List.of(
                        new PredictorShare.Peers(
                                "north/NODE",
                                new int[] {3, 2},
                                new double[] {value, -0.1 / 3, Math.PI, 1e-300, -7.5, 0.0})),
                Arrays.stream(out).map(ElementId::of).toList());
    }

    @Test
    void an_instance_reads_the_others_shares_as_written_and_not_its_own() {
        ServiceDatabase db = ServiceDatabase.open(database());
        PredictorShares a = new PredictorShares(db, "live", "node-a");
        PredictorShares b = new PredictorShares(db, "live", "node-b");
        PredictorShares elsewhere = new PredictorShares(db, "lab", "node-c");

        a.write(share("m1", 1.0 / 7));
        b.write(share("m1", 2.0, "core-rtr-01"));
        elsewhere.write(share("m1", 3.0));
        // written again: the latest counts
        a.write(share("m1", 0.1 + 0.2, "link-1"));

        List<PredictorShares.Written> seenByB = b.others(Duration.ofMinutes(1));
        assertThat(seenByB)
                .extracting(PredictorShares.Written::instanceId)
                .containsExactly("node-a");
        assertThat(seenByB.get(0).share()).isEqualTo(share("m1", 0.1 + 0.2, "link-1"));
        assertThat(a.others(Duration.ofMinutes(1)))
                .extracting(PredictorShares.Written::share)
                .containsExactly(share("m1", 2.0, "core-rtr-01"));
    }

    @Test
    void a_share_not_written_again_goes_stale_and_one_taken_away_is_gone() throws Exception {
        ServiceDatabase db = ServiceDatabase.open(database());
        PredictorShares a = new PredictorShares(db, "live", "node-a");
        PredictorShares b = new PredictorShares(db, "live", "node-b");
        a.write(share("m1", 1.0));
        Thread.sleep(120);

        assertThat(b.others(Duration.ofMillis(50))).as("older than 50 ms").isEmpty();
        assertThat(b.others(Duration.ofMinutes(1))).hasSize(1);
        assertThat(b.others(Duration.ofMinutes(1)).get(0).age())
                .isGreaterThanOrEqualTo(Duration.ofMillis(100));

        a.write(share("m1", 1.0));
        assertThat(b.others(Duration.ofMillis(50))).as("written again").hasSize(1);

        a.remove();
        assertThat(b.others(Duration.ofMinutes(1))).isEmpty();
        a.remove(); // taking away what is not there is no error
    }
}
