package dev.autonoc.service.connected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.prediction.PredictorShare;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.service.store.PredictorShares;
import dev.autonoc.service.store.ServiceDatabase;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.TwinListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * Two instances over one network, each taking its partitions' telemetry, judge every element as one
 * instance taking all of it does, once their exchanges have written and joined each other's shares
 * through the database: the peers of an element and its neighbours out of service count wherever
 * their samples go. The twin's link fails on day 3, so its neighbours spend the last day beside an
 * element out of service.
 */
class PredictorShareExchangeTest {

    private static final ElementId LINK = ElementId.of("link-agg-rtr-01-core-rtr-02");
    private static final int PARTITIONS = 4;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static ServiceDatabase database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(
                "jdbc:h2:mem:shares-"
                        + ProcessHandle.current().pid()
                        + "-"
                        + DATABASES.incrementAndGet()
                        + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return ServiceDatabase.open(h2);
    }

    private static final ConnectedProperties.Shares EVERY_SECOND =
            new ConnectedProperties.Shares(Duration.ofSeconds(1), Duration.ofMinutes(10));

    @Test
    void two_instances_that_exchange_their_shares_judge_every_element_as_one_instance_does() {
        OperatorTwin twin = OperatorTwin.create(LaserAgingTwin.on(LINK));
        List<Element> elements = twin.elements();
        PredictedNetwork whole = new PredictedNetwork(elements, twin.clock());
        PredictedNetwork a = new PredictedNetwork(elements, twin.clock());
        PredictedNetwork b = new PredictedNetwork(elements, twin.clock());
        ServiceDatabase db = database();
        PredictorShareExchange exA =
                new PredictorShareExchange(
                        a.network,
                        () -> {},
                        new PredictorShares(db, "live", "node-a"),
                        EVERY_SECOND);
        PredictorShareExchange exB =
                new PredictorShareExchange(
                        b.network,
                        () -> {},
                        new PredictorShares(db, "live", "node-b"),
                        EVERY_SECOND);

        double worst = 0.0;
        int compared = 0;
        int alarms = 0;
        boolean failed = false;
        for (int hour = 0; hour < 24 * 4; hour++) {
            List<TelemetryMessage> all = new ArrayList<>();
            twin.advanceTo(
                    twin.now().plus(Duration.ofHours(1)),
                    new TwinListener() {
                        @Override
                        public void onTelemetry(TelemetrySample sample) {
                            all.add(new TelemetryMessage.Sample(sample));
                        }

                        @Override
                        public void onAlarm(Alarm alarm) {
                            all.add(new TelemetryMessage.AlarmRaised(alarm));
                        }
                    });
            whole.network.apply(all);
            a.network.apply(all.stream().filter(m -> partition(m) < 2).toList());
            b.network.apply(all.stream().filter(m -> partition(m) >= 2).toList());
            // a writes, b writes and joins a's, a joins b's: each holds the other's latest
            exA.exchange();
            exB.exchange();
            exA.exchange();

            Instant now = twin.now();
            Set<ElementId> one = ids(whole.atRisk(now));
            Set<ElementId> two = ids(a.atRisk(now));
            two.addAll(ids(b.atRisk(now)));
            assertThat(two).as("the alarms at %s", now).isEqualTo(one);
            alarms += one.size();
            for (Element e : elements) {
                PredictedNetwork owner = Partitions.of(e.id(), PARTITIONS) < 2 ? a : b;
                Optional<Double> expected = whole.predictor().probability(e.id());
                Optional<Double> shared = owner.predictor().probability(e.id());
                assertThat(shared.isPresent())
                        .as("%s at %s", e.id(), now)
                        .isEqualTo(expected.isPresent());
                if (expected.isPresent()) {
                    worst = Math.max(worst, Math.abs(expected.get() - shared.get()));
                    compared++;
                }
            }
            failed |= whole.network.share().orElseThrow().outOfService().contains(LINK);
        }
        assertThat(failed).as("the link failed and fell silent").isTrue();
        assertThat(compared).isGreaterThan(5_000);
        assertThat(alarms).as("the link's alarm, hour after hour").isPositive();
        assertThat(worst).isCloseTo(0.0, within(1e-9));
        assertThat(exA.joinedFrom()).containsExactly("node-b");
        assertThat(exB.joinedFrom()).containsExactly("node-a");
        assertThat(exA.rounds()).isEqualTo(2 * 24 * 4);
    }

    @Test
    void a_network_that_lets_elements_go_shares_nothing_of_them_and_takes_their_history_again() {
        OperatorTwin twin = OperatorTwin.create(LaserAgingTwin.on(LINK));
        PredictedNetwork a = new PredictedNetwork(twin.elements(), twin.clock());
        List<TelemetryMessage> day = new ArrayList<>();
        twin.advanceTo(
                twin.now().plus(Duration.ofDays(1)),
                sample -> day.add(new TelemetryMessage.Sample(sample)));
        a.network.apply(day);
        a.atRisk(twin.now());
        int before = members(a.network.share().orElseThrow());

        a.network.release(List.of(LINK));

        assertThat(members(a.network.share().orElseThrow())).isEqualTo(before - 1);
        assertThat(a.network.lastSampleAt(LINK)).isEmpty();
        // a day later, with none of its samples here, it is not out of service to its neighbours
        twin.advanceTo(twin.now().plus(Duration.ofDays(1)), sample -> {});
        assertThat(a.network.share().orElseThrow().outOfService()).doesNotContain(LINK);
        // coming back, its history is taken again
        assertThat(a.network.replay(day, day.get(0).at(), java.util.Map.of())).isPositive();
        assertThat(a.network.lastSampleAt(LINK)).isPresent();
    }

    private static int members(PredictorShare share) {
        return share.peers().stream().mapToInt(p -> p.members()[0]).sum();
    }

    private static int partition(TelemetryMessage m) {
        return Partitions.of(m.element(), PARTITIONS);
    }

    private static Set<ElementId> ids(List<Prediction> predictions) {
        Set<ElementId> out = new TreeSet<>();
        predictions.forEach(p -> out.add(p.element()));
        return out;
    }
}
