package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.Prediction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * A predictor that takes over another's element states ({@link TribuoFailurePredictor#states},
 * {@link TribuoFailurePredictor#restore}: connected mode's handover of a partition) goes on exactly
 * as the other would have: the same alarms and every probability within 1e-9, at every tick after.
 * A state is taken only for an element not watched yet and only if it knows the element from the
 * time asked on; one of another family is refused.
 */
class StateHandoverTest {

    static final Duration RUN = Duration.ofDays(4);

    @Property(tries = 5)
    void a_predictor_that_takes_over_the_states_goes_on_as_the_one_that_gave_them(
            @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        SyntheticOperator op = SyntheticOperator.random(seed, 5, RUN);
        ModelBundle bundle = SyntheticModels.bundle();
        List<ElementId> ids = op.elements.stream().map(Element::id).toList();
        TribuoFailurePredictor giver = new TribuoFailurePredictor(op.elements, bundle);
        TribuoFailurePredictor[] taker = {null};
        long handoverAt = new SplittableRandom(seed).nextLong(24, 3 * 24) * 4;
        long[] ticks = {0};
        double[] worst = {0.0};
        int[] compared = {0};
        op.runTicks(
                RUN,
                s -> {
                    giver.observe(s);
                    if (taker[0] != null) {
                        taker[0].observe(s);
                    }
                },
                at -> {
                    TreeSet<ElementId> expected = ids(giver.atRisk(at));
                    if (++ticks[0] == handoverAt) {
                        Map<ElementId, byte[]> states = giver.states(ids);
                        taker[0] = new TribuoFailurePredictor(op.elements, bundle);
                        assertThat(taker[0].restore(states, at))
                                .isEqualTo(states.size())
                                .isPositive();
                        assertThat(taker[0].restore(states, at))
                                .as("each element is taken over once")
                                .isZero();
                        return;
                    }
                    if (taker[0] == null) {
                        return;
                    }
                    assertThat(ids(taker[0].atRisk(at))).as("alarms at %s", at).isEqualTo(expected);
                    for (ElementId id : ids) {
                        Optional<Double> p = giver.probability(id);
                        Optional<Double> q = taker[0].probability(id);
                        assertThat(q.isPresent()).as("%s at %s", id, at).isEqualTo(p.isPresent());
                        if (p.isPresent()) {
                            worst[0] = Math.max(worst[0], Math.abs(p.get() - q.get()));
                            compared[0]++;
                        }
                    }
                });
        assertThat(compared[0]).isGreaterThan(1_000);
        assertThat(worst[0]).isCloseTo(0.0, within(1e-9));
    }

    @Property(tries = 3)
    void a_state_of_another_family_is_refused(
            @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        SyntheticOperator op = SyntheticOperator.random(seed, 0, Duration.ofDays(1));
        TribuoFailurePredictor giver =
                new TribuoFailurePredictor(op.elements, SyntheticModels.bundle());
        op.runTicks(Duration.ofDays(1), giver::observe, giver::atRisk);
        ElementId router = ElementId.of("core-rtr-01");
        ElementId link = ElementId.of("link-core-rtr-01-core-rtr-02");
        byte[] routerState = giver.states(List.of(router)).get(router);
        TribuoFailurePredictor taker =
                new TribuoFailurePredictor(op.elements, SyntheticModels.bundle());

        Instant later = SyntheticOperator.EPOCH.plus(Duration.ofDays(1));
        assertThat(taker.restore(Map.of(link, routerState), later)).isZero();
        assertThat(taker.restore(Map.of(router, new byte[] {1, 2, 3}), later)).isZero();
        assertThat(
                        taker.restore(
                                Map.of(router, routerState),
                                SyntheticOperator.EPOCH.minusSeconds(1)))
                .as("it knows the router only from after that: the history from then knows more")
                .isZero();
        assertThat(taker.restore(Map.of(router, routerState), later)).isOne();
    }

    private static TreeSet<ElementId> ids(List<Prediction> predictions) {
        TreeSet<ElementId> out = new TreeSet<>();
        predictions.forEach(p -> out.add(p.element()));
        return out;
    }
}
