package dev.autonoc.service.connected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.service.store.PredictorStates;
import dev.autonoc.service.store.ServiceDatabase;
import dev.autonoc.service.store.SharedCaseStore;
import dev.autonoc.simulators.OperatorTwin;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * A partition's predictor state handed over through the database (docs/connected-mode.md, "A
 * partition's predictor state handed over"): the instance that takes the metro twin's elements over
 * after two days, from the states the one before wrote, predicts from then on exactly as the one
 * before would have: the same predictions every hour, the aging link's alarm among them, where one
 * starting afresh is blind for hours.
 */
class PartitionHandoverTest {

    private static final ElementId LINK = ElementId.of("link-agg-rtr-01-core-rtr-02");

    @Test
    void the_instance_that_takes_the_state_over_predicts_as_the_one_before_would_have() {
        OperatorTwin twin = OperatorTwin.create(LaserAgingTwin.on(LINK));
        List<Element> elements = twin.elements();
        PredictedNetwork before = new PredictedNetwork(elements, twin.clock());
        PredictedNetwork heir = null;
        PredictedNetwork afresh = null;
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:handover-" + ProcessHandle.current().pid() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        ServiceDatabase db = ServiceDatabase.open(h2);
        PredictorStates states = new PredictorStates(db, "live");
        SharedCaseStore owner = SharedCaseStore.open(db, "live", "before", twin.clock());
        owner.claim(List.of(0, 1, 2, 3), e -> Partitions.of(e, 4));
        int alarmsAfter = 0;
        int blindAfresh = 0;
        for (int hour = 0; hour < 24 * 3; hour++) {
            List<TelemetryMessage> batch = new ArrayList<>();
            twin.advanceTo(
                    twin.now().plus(Duration.ofHours(1)),
                    sample -> batch.add(new TelemetryMessage.Sample(sample)));
            before.network.apply(batch);
            Instant now = twin.now();
            List<Prediction> expected = before.atRisk(now);
            if (hour == 40) {
                String model = before.network.predictor().modelVersion();
                states.save(
                        model,
                        before.network.states(elements.stream().map(Element::id).toList()),
                        e -> Partitions.of(e, 4),
                        owner.claims(),
                        now);
                heir = new PredictedNetwork(elements, twin.clock());
                afresh = new PredictedNetwork(elements, twin.clock());
                Map<ElementId, byte[]> kept = states.load(model, List.of(0, 1, 2, 3), now);
                assertThat(heir.network.restore(kept, now)).isEqualTo(elements.size());
            } else if (heir != null) {
                heir.network.apply(batch);
                afresh.network.apply(batch);
                List<Prediction> got = heir.atRisk(now);
                assertThat(got).as("at %s", now).hasSameSizeAs(expected);
                for (int i = 0; i < got.size(); i++) {
                    // the same, but for rounding: the peer sums are added up anew from the states
                    assertThat(got.get(i).element()).isEqualTo(expected.get(i).element());
                    assertThat(got.get(i).mode()).isEqualTo(expected.get(i).mode());
                    assertThat(got.get(i).timeToFailure())
                            .isEqualTo(expected.get(i).timeToFailure());
                    assertThat(got.get(i).probability())
                            .isCloseTo(expected.get(i).probability(), within(1e-9));
                }
                alarmsAfter += expected.size();
                blindAfresh += afresh.atRisk(now).size() < expected.size() ? 1 : 0;
            }
        }
        assertThat(alarmsAfter).as("the link's alarm, after the handover").isPositive();
        assertThat(blindAfresh)
                .as("hours in which a predictor starting afresh missed it")
                .isPositive();
    }
}
