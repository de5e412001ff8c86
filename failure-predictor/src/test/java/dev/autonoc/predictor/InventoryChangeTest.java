package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.prediction.Prediction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * A predictor rebuilt over a changed inventory ({@link TribuoFailurePredictor#carriedOver}) keeps
 * what it learnt: with an element added (anywhere in the inventory's order), every other element
 * scores, alarms and keeps its alarms exactly as in a predictor that never saw the change; with
 * elements removed or moved to another region, each peer group holds exactly its members' own
 * values, as if built from them.
 */
class InventoryChangeTest {

    static final Duration RUN = Duration.ofDays(4);

    @Property(tries = 5)
    void an_element_added_leaves_every_other_element_as_it_was(
            @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        SyntheticOperator op = SyntheticOperator.random(seed, 5, RUN);
        SplittableRandom rng = new SplittableRandom(seed);
        ModelBundle bundle = SyntheticModels.bundle();
        TribuoFailurePredictor never = new TribuoFailurePredictor(op.elements, bundle);
        TribuoFailurePredictor[] rebuilt = {new TribuoFailurePredictor(op.elements, bundle)};
        long changeAt = rng.nextLong(12, 3 * 24) * 4; // a tick of the second to fourth day
        List<Element> changed = new ArrayList<>(op.elements);
        Element added =
                new Element(
                        ElementId.of("cell-new-1"), ElementKind.RADIO, "cell", "north", "site-0");
        changed.add(rng.nextInt(changed.size() + 1), added);
        long[] ticks = {0};
        double[] worst = {0.0};
        int[] alarms = {0};
        op.runTicks(
                RUN,
                s -> {
                    never.observe(s);
                    rebuilt[0].observe(s);
                },
                at -> {
                    if (++ticks[0] == changeAt) {
                        rebuilt[0] = rebuilt[0].carriedOver(changed);
                    }
                    TreeSet<ElementId> one = ids(never.atRisk(at));
                    assertThat(ids(rebuilt[0].atRisk(at)))
                            .as("the alarms at %s", at)
                            .isEqualTo(one);
                    alarms[0] += one.size();
                    for (Element e : op.elements) {
                        Optional<Double> p = never.probability(e.id());
                        Optional<Double> q = rebuilt[0].probability(e.id());
                        assertThat(q.isPresent()).isEqualTo(p.isPresent());
                        if (p.isPresent()) {
                            worst[0] = Math.max(worst[0], Math.abs(p.get() - q.get()));
                        }
                    }
                });
        assertThat(rebuilt[0].probability(added.id())).as("it has no data yet").isEmpty();
        assertThat(worst[0]).isCloseTo(0.0, within(1e-9));
    }

    @Property(tries = 5)
    void elements_removed_or_moved_leave_each_group_with_its_members_own_values(
            @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        SyntheticOperator op = SyntheticOperator.random(seed, 5, Duration.ofDays(2));
        SplittableRandom rng = new SplittableRandom(seed);
        TribuoFailurePredictor p =
                new TribuoFailurePredictor(op.elements, SyntheticModels.bundle());
        op.runTicks(Duration.ofDays(2), p::observe, p::atRisk);
        List<Element> changed = new ArrayList<>();
        List<String> regions = SyntheticOperator.REGIONS;
        for (Element e : op.elements) {
            int what = rng.nextInt(10);
            if (what == 0) {
                continue; // removed
            }
            changed.add(
                    what == 1
                            ? new Element(
                                    e.id(),
                                    e.kind(),
                                    e.role(),
                                    regions.get(rng.nextInt(regions.size())),
                                    e.site())
                            : e);
        }

        TribuoFailurePredictor after = p.carriedOver(changed);

        FeatureExtractor fx = after.features();
        FeatureExtractor built = new FeatureExtractor(changed);
        double[] own = new double[ElementFeatures.OWN_KINDS];
        for (int e = 0; e < fx.size(); e++) {
            ElementFeatures st = fx.state(e);
            ElementFeatures copy = built.state(st.id);
            st.countIn(copy.group, 1, own);
        }
        int compared = 0;
        for (int e = 0; e < fx.size(); e++) {
            PeerGroup group = fx.state(e).group;
            PeerGroup expected = built.state(fx.state(e).id).group;
            assertThat(group.count).isEqualTo(expected.count);
            byte[] plan = fx.state(e).plan;
            for (int j = 0; j < group.sum.length; j++) {
                // a metric updated lean, or not at all, keeps no peer sums (its models read none)
                if (plan == null || plan[j / PeerGroup.KINDS] == ElementFeatures.FULL) {
                    assertThat(group.sum[j]).isCloseTo(expected.sum[j], within(1e-9));
                    compared++;
                }
            }
        }
        // every element kept carries its own state over
        double[] was = new double[ElementFeatures.OWN_KINDS];
        int carried = 0;
        for (Element e : changed) {
            ElementFeatures before = p.features().state(e.id());
            ElementFeatures now = fx.state(e.id());
            assertThat(now.lastAt).isEqualTo(before.lastAt);
            for (int i = 0; i < now.metricCount; i++) {
                before.own(i, was);
                now.own(i, own);
                assertThat(own).containsExactly(was);
                carried += now.inGroup(i) ? 1 : 0;
            }
        }
        assertThat(carried).isPositive();
        assertThat(compared).isPositive();
    }

    private static TreeSet<ElementId> ids(List<Prediction> predictions) {
        TreeSet<ElementId> out = new TreeSet<>();
        predictions.forEach(p -> out.add(p.element()));
        return out;
    }
}
