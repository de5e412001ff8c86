package dev.autonoc.service.connected;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.simulators.OperatorTwin;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectedNetworkTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Element R1 =
            new Element(ElementId.of("r1"), ElementKind.ROUTER, "core", "north", "n1");
    private static final Element R2 =
            new Element(ElementId.of("r2"), ElementKind.ROUTER, "core", "north", "n1");

    /** A predictor per inventory, each remembering what it was built over and was fed. */
    private final List<List<Element>> builtOver = new ArrayList<>();

    private final List<TelemetrySample> observed = new ArrayList<>();
    private final List<Alarm> alarms = new ArrayList<>();
    private final List<Instant> ticks = new ArrayList<>();
    private final List<Instant> asked = new ArrayList<>();
    // per predictor built, in order: the streams it was told
    private final List<Map<ElementId, Integer>> streamsTold = new ArrayList<>();

    private ConnectedNetwork network(List<Element> start) {
        return new ConnectedNetwork(
                start,
                elements -> {
                    builtOver.add(elements);
                    Map<ElementId, Integer> told = new HashMap<>();
                    streamsTold.add(told);
                    return new FailurePredictor() {
                        @Override
                        public void streams(Map<ElementId, Integer> streamOf) {
                            told.putAll(streamOf);
                        }

                        @Override
                        public String modelVersion() {
                            return "test";
                        }

                        @Override
                        public void observe(TelemetrySample sample) {
                            observed.add(sample);
                        }

                        @Override
                        public void observe(Alarm alarm) {
                            alarms.add(alarm);
                        }

                        @Override
                        public List<Prediction> atRisk(Instant now) {
                            asked.add(now);
                            return List.of();
                        }
                    };
                },
                Clock.fixed(T0.plus(Duration.ofHours(1)), ZoneOffset.UTC),
                Duration.ofMinutes(5),
                ticks::add);
    }

    private static TelemetryMessage sample(Element e, int minute) {
        double[] v = TelemetrySample.emptyValues();
        v[Metric.FAN_RPM.ordinal()] = 7000 + minute;
        return new TelemetryMessage.Sample(
                new TelemetrySample(e.id(), T0.plusSeconds(60L * minute), v));
    }

    /**
     * The consumer tells each element's partition once; the predictor judges its silence and clock
     * within it. A predictor built afresh over a new inventory is told them all again.
     */
    @Test
    void each_elements_partition_reaches_the_predictor_and_its_successor() {
        ConnectedNetwork network = network(List.of(R1));
        network.apply(List.of(sample(R1, 1)), Map.of(R1.id(), 3));
        assertThat(streamsTold.get(0)).isEqualTo(Map.of(R1.id(), 3));

        network.apply(
                List.of(new TelemetryMessage.ElementUpserted(R2, T0), sample(R2, 2)),
                Map.of(R2.id(), 1));
        assertThat(builtOver).hasSize(2);
        assertThat(streamsTold.get(1)).isEqualTo(Map.of(R1.id(), 3, R2.id(), 1));
    }

    @Test
    void an_element_added_by_the_topic_takes_samples_from_then_on_and_a_removed_one_refuses_them() {
        ConnectedNetwork network = network(List.of(R1));

        IngestSink.Applied applied =
                network.apply(
                        List.of(
                                sample(R2, 1),
                                new TelemetryMessage.ElementUpserted(R2, T0),
                                sample(R2, 2),
                                new TelemetryMessage.ElementRemoved(R1.id(), T0),
                                sample(R1, 3)));

        assertThat(applied.refused())
                .extracting(r -> r.index() + " " + r.why().code())
                .containsExactly("0 unknown-element", "4 unknown-element");
        assertThat(observed).extracting(TelemetrySample::element).containsExactly(R2.id());
        assertThat(builtOver).containsExactly(List.of(R1), List.of(R1, R2), List.of(R2));
        assertThat(network.elements()).containsExactly(R2);
        assertThat(ticks).as("the loop acted once, after the batch").hasSize(1);
    }

    @Test
    void a_replayed_batch_has_no_second_effect() {
        ConnectedNetwork network = network(List.of(R1));
        List<TelemetryMessage> batch =
                List.of(
                        new TelemetryMessage.ElementUpserted(R1, T0),
                        sample(R1, 1),
                        sample(R1, 2),
                        new TelemetryMessage.AlarmRaised(
                                new Alarm(
                                        R1.id(),
                                        T0.plusSeconds(150),
                                        Alarm.Kind.ELEMENT_DOWN,
                                        "x")));

        IngestSink.Applied first = network.apply(batch);
        IngestSink.Applied again = network.apply(batch);

        assertThat(first.duplicates()).as("the element was known already").isEqualTo(1);
        assertThat(again.duplicates()).isEqualTo(4);
        assertThat(observed).hasSize(2);
        assertThat(alarms).hasSize(1);
        assertThat(builtOver)
                .as("an element message that changes nothing rebuilds nothing")
                .hasSize(1);
    }

    @Test
    void history_replayed_goes_into_the_predictors_state_only_and_skips_what_it_holds() {
        ConnectedNetwork network = network(List.of(R1, R2));
        List<Object> loopSamples = new ArrayList<>();
        List<Alarm> loopAlarms = new ArrayList<>();
        List<List<Element>> inventories = new ArrayList<>();
        network.attach(
                new ConnectedNetwork.TelemetryObserver(loopSamples::add, loopAlarms::add),
                ticks::add,
                inventories::add);
        network.apply(List.of(sample(R1, 20)));
        loopSamples.clear();
        ticks.clear();
        asked.clear();

        int taken =
                network.replay(
                        List.of(
                                sample(R1, 5), // before the window
                                sample(R1, 15), // held already: a later one is
                                sample(R2, 15), // up to its repair: the worn part's history
                                sample(R1, 20), // held already
                                sample(R2, 25),
                                sample(R1, 25),
                                new TelemetryMessage.AlarmRaised(
                                        new Alarm(
                                                R2.id(),
                                                T0.plusSeconds(60 * 26),
                                                Alarm.Kind.ELEMENT_DOWN,
                                                "x")),
                                sample(R2, 30),
                                new TelemetryMessage.ElementUpserted(R1, T0)),
                        T0.plusSeconds(60 * 10),
                        java.util.Map.of(R2.id(), T0.plusSeconds(60 * 20)));

        assertThat(observed)
                .extracting(o -> o.element().value() + "@" + o.at())
                .containsExactly(
                        "r2@" + T0.plusSeconds(60 * 25),
                        "r1@" + T0.plusSeconds(60 * 25),
                        "r2@" + T0.plusSeconds(60 * 30));
        assertThat(taken).isEqualTo(4);
        assertThat(loopSamples).as("samples go to the predictor, not the loop").isEmpty();
        assertThat(loopAlarms).as("the loop keeps which elements are down").hasSize(1);
        assertThat(ticks).as("no tick: no case, no act, no ledger event").isEmpty();
        assertThat(asked)
                .as("the predictor is asked as the samples' time advances, never backwards")
                .containsExactly(T0.plusSeconds(60 * 25), T0.plusSeconds(60 * 30));
        assertThat(inventories).as("an element message that changes nothing").isEmpty();
        assertThat(network.lastSampleAt(R2.id())).hasValue(T0.plusSeconds(60 * 30));
        assertThat(network.apply(List.of(sample(R2, 30))).duplicates())
                .as("what was replayed is not taken again")
                .isEqualTo(1);
    }

    @Test
    void the_loop_is_told_the_inventory_after_each_change() {
        ConnectedNetwork network = network(List.of(R1));
        List<List<Element>> inventories = new ArrayList<>();
        network.attach(
                new ConnectedNetwork.TelemetryObserver(o -> {}, a -> {}),
                ticks::add,
                inventories::add);

        network.apply(List.of(new TelemetryMessage.ElementUpserted(R2, T0), sample(R2, 1)));
        network.apply(List.of(new TelemetryMessage.ElementRemoved(R1.id(), T0)));

        assertThat(inventories).containsExactly(List.of(R1, R2), List.of(R2));
    }

    @Test
    void samples_and_alarms_go_to_the_attached_loop() {
        ConnectedNetwork network = network(List.of(R1));
        List<Object> loop = new ArrayList<>();
        network.attach(new ConnectedNetwork.TelemetryObserver(loop::add, loop::add), ticks::add);

        network.apply(
                List.of(
                        sample(R1, 1),
                        new TelemetryMessage.AlarmRaised(
                                new Alarm(R1.id(), T0, Alarm.Kind.ELEMENT_UP, "restarted"))));
        network.tick(T0.plus(Duration.ofMinutes(30)));

        assertThat(loop).hasSize(2);
        assertThat(observed).as("the loop hands them to the predictor itself").isEmpty();
        assertThat(ticks).hasSize(2).endsWith(T0.plus(Duration.ofMinutes(30)));
    }

    @Test
    void an_element_added_by_the_topic_leaves_what_the_predictor_learnt_of_the_others() {
        OperatorTwin twin =
                OperatorTwin.create(LaserAgingTwin.on(ElementId.of("link-agg-rtr-01-core-rtr-02")));
        PredictedNetwork changed = new PredictedNetwork(twin.elements(), twin.clock());
        PredictedNetwork same = new PredictedNetwork(twin.elements(), twin.clock());
        Element joining =
                new Element(
                        ElementId.of("cell-99-1"), ElementKind.RADIO, "cell", "north", "site-01");
        int alarms = 0;
        for (int hour = 0; hour < 24 * 4; hour++) {
            List<TelemetryMessage> batch = new ArrayList<>();
            twin.advanceTo(
                    twin.now().plus(Duration.ofHours(1)),
                    sample -> batch.add(new TelemetryMessage.Sample(sample)));
            same.network.apply(batch);
            if (hour == 40) {
                batch.add(0, new TelemetryMessage.ElementUpserted(joining, twin.now()));
            }
            changed.network.apply(batch);
            Instant now = twin.now();
            List<Prediction> expected = same.atRisk(now);
            assertThat(changed.atRisk(now)).isEqualTo(expected);
            alarms += expected.size();
        }
        assertThat(changed.built)
                .as("carried over by the predictor, not built afresh by the factory")
                .hasSize(1);
        assertThat(changed.network.elements()).contains(joining);
        assertThat(alarms).as("the link's alarm, before and after the change").isPositive();
    }
}
