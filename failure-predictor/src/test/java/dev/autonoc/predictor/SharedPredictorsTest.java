package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.prediction.PredictorShare;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * Several instances over one network, each taking part of the elements' samples (connected mode's
 * partitions), judge every element as one predictor over all of them would, once they exchange
 * their shares: an element is compared with its region's peers and marked beside an out-of-service
 * neighbour wherever those elements' samples go. Without the exchange they do not.
 */
class SharedPredictorsTest {

    static final Duration RUN = Duration.ofDays(4);

    /** One predictor fed everything, and {@code parts} fed each its elements, run tick by tick. */
    private static final class Split {
        final TribuoFailurePredictor whole;
        final List<TribuoFailurePredictor> parts = new ArrayList<>();
        final int[] partOf;
        final List<Element> elements;
        final boolean exchange;
        double worst;
        int compared;
        int alarmsCompared;

        Split(List<Element> elements, int parts, long seed, boolean exchange) {
            this.elements = elements;
            this.exchange = exchange;
            ModelBundle bundle = SyntheticModels.bundle();
            whole = new TribuoFailurePredictor(elements, bundle);
            for (int p = 0; p < parts; p++) {
                this.parts.add(new TribuoFailurePredictor(elements, bundle));
            }
            SplittableRandom rng = new SplittableRandom(seed);
            partOf = new int[elements.size()];
            for (int i = 0; i < partOf.length; i++) {
                partOf[i] = rng.nextInt(parts);
            }
        }

        TribuoFailurePredictor owner(ElementId id) {
            for (int i = 0; i < elements.size(); i++) {
                if (elements.get(i).id().equals(id)) {
                    return parts.get(partOf[i]);
                }
            }
            throw new IllegalArgumentException(id.value());
        }

        void observe(TelemetrySample sample) {
            whole.observe(sample);
            owner(sample.element()).observe(sample);
        }

        void endOfTick(Instant at) {
            if (exchange) {
                List<PredictorShare> shares =
                        parts.stream().map(p -> p.share(at).orElseThrow()).toList();
                for (int p = 0; p < parts.size(); p++) {
                    List<PredictorShare> others = new ArrayList<>(shares);
                    others.remove(p);
                    parts.get(p).join(others);
                }
            }
            TreeSet<ElementId> alarmedWhole = ids(whole.atRisk(at));
            TreeSet<ElementId> alarmedParts = new TreeSet<>();
            for (TribuoFailurePredictor p : parts) {
                alarmedParts.addAll(ids(p.atRisk(at)));
            }
            if (exchange) {
                assertThat(alarmedParts).as("the alarms at %s", at).isEqualTo(alarmedWhole);
                alarmsCompared += alarmedWhole.size();
            }
            for (Element e : elements) {
                Optional<Double> one = whole.probability(e.id());
                Optional<Double> shared = owner(e.id()).probability(e.id());
                assertThat(shared.isPresent()).isEqualTo(one.isPresent());
                if (one.isPresent()) {
                    worst = Math.max(worst, Math.abs(one.get() - shared.get()));
                    compared++;
                }
            }
        }

        private static TreeSet<ElementId> ids(List<Prediction> predictions) {
            TreeSet<ElementId> out = new TreeSet<>();
            predictions.forEach(p -> out.add(p.element()));
            return out;
        }
    }

    private static Split run(long seed, int parts, boolean exchange) {
        SyntheticOperator op = SyntheticOperator.random(seed, 5, RUN);
        Split split = new Split(op.elements, parts, seed, exchange);
        op.runTicks(RUN, split::observe, split::endOfTick);
        return split;
    }

    @Property(tries = 6)
    void instances_that_exchange_their_shares_judge_as_one_predictor(
            @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 2, max = 4) int parts) {
        Split split = run(seed, parts, true);
        assertThat(split.compared).isGreaterThan(1_000);
        assertThat(split.worst).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void without_the_exchange_an_instance_judges_against_its_own_elements_only() {
        Split split = run(11, 3, false);
        assertThat(split.worst).isGreaterThan(1e-3);
    }

    @Test
    void a_released_element_leaves_its_peers_and_is_not_silent_to_its_neighbours() {
        SyntheticOperator op = SyntheticOperator.random(5, 0, RUN);
        TribuoFailurePredictor kept =
                new TribuoFailurePredictor(op.elements, SyntheticModels.bundle());
        TribuoFailurePredictor released =
                new TribuoFailurePredictor(op.elements, SyntheticModels.bundle());
        ElementId core = ElementId.of("core-rtr-01");
        Instant cut = SyntheticOperator.EPOCH.plus(Duration.ofDays(2));
        Instant later = cut.plus(Duration.ofHours(3));
        PredictorShare[] atCut = new PredictorShare[2];
        Instant[] last = {null};
        op.run(
                Duration.between(SyntheticOperator.EPOCH, later),
                s -> {
                    if (s.at().isAfter(cut) && atCut[0] == null) {
                        kept.atRisk(last[0]);
                        released.atRisk(last[0]);
                        released.release(List.of(core));
                        atCut[0] = kept.share(last[0]).orElseThrow();
                        atCut[1] = released.share(last[0]).orElseThrow();
                    }
                    // from the cut on, the core router's samples go to another instance
                    if (!s.at().isAfter(cut) || !s.element().equals(core)) {
                        kept.observe(s);
                        released.observe(s);
                    }
                    last[0] = s.at();
                });
        assertThat(members(atCut[1], "north/NODE")).isEqualTo(members(atCut[0], "north/NODE") - 1);

        // hours later, the rest of the network's samples still coming: the instance that still
        // thinks it watches the core router sees it silent (its neighbours beside an element out
        // of service); the one that let it go does not
        kept.atRisk(last[0]);
        released.atRisk(last[0]);
        assertThat(kept.share(last[0]).orElseThrow().outOfService()).contains(core);
        assertThat(released.share(last[0]).orElseThrow().outOfService()).doesNotContain(core);
        assertThat(released.probability(core)).isEmpty();
    }

    private static int members(PredictorShare share, String group) {
        return share.peers().stream()
                .filter(p -> p.group().equals(group))
                .findFirst()
                .orElseThrow()
                .members()[0];
    }
}
