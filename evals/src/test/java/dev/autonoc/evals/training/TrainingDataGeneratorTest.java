package dev.autonoc.evals.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.Element;
import dev.autonoc.predictor.TrainingSet;
import dev.autonoc.simulators.ElementSelector;
import dev.autonoc.simulators.FaultSpec;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.TwinSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TrainingDataGeneratorTest {

    static final TrainingDataGenerator.Settings SHORT =
            new TrainingDataGenerator.Settings(
                    Duration.ofDays(4),
                    Duration.ofHours(48),
                    0,
                    6,
                    12,
                    Duration.ofDays(2),
                    Duration.ofDays(3),
                    0.0,
                    0.6,
                    Duration.ofHours(2));

    @Test
    void a_seed_decides_its_whole_run_and_every_fault_strikes_an_element_its_mode_can_strike() {
        TrainingDataGenerator generator =
                new TrainingDataGenerator(TrainingDataGenerator.Settings.defaults());
        for (long seed : ModelTraining.trainingSeeds(8)) {
            TwinSpec spec = generator.spec(seed);
            assertThat(generator.spec(seed)).isEqualTo(spec);
            Map<String, Element> elements =
                    OperatorTwin.topology(spec.preset(), spec.sites(), seed).stream()
                            .collect(Collectors.toMap(e -> e.id().value(), Function.identity()));
            assertThat(spec.faults()).isNotEmpty();
            assertThat(spec.faults().stream().map(FaultSpec::target).distinct().count())
                    .isEqualTo(spec.faults().size());
            for (FaultSpec f : spec.faults()) {
                Element target = elements.get(((ElementSelector.ById) f.target()).id().value());
                assertThat(f.mode().strikes(target.kind()))
                        .as("%s on %s", f.mode(), target)
                        .isTrue();
                assertThat(f.timeToFailure()).isBetween(Duration.ofDays(2), Duration.ofDays(8));
            }
        }
    }

    @Test
    void speedups_are_drawn_on_a_stream_of_their_own_so_the_rest_of_a_run_stays_as_it_was() {
        TrainingDataGenerator.Settings defaults = TrainingDataGenerator.Settings.defaults();
        TrainingDataGenerator without = new TrainingDataGenerator(defaults.withSpeedupShare(0));
        TrainingDataGenerator every = new TrainingDataGenerator(defaults.withSpeedupShare(1));
        TrainingDataGenerator usual = new TrainingDataGenerator(defaults.withSpeedupShare(0.2));
        int faults = 0;
        int spedUp = 0;
        for (long seed : ModelTraining.trainingSeeds(40)) {
            TwinSpec steady = without.spec(seed);
            TwinSpec allSped = every.spec(seed);
            assertThat(steady.faults()).allMatch(f -> f.speedup().isEmpty());
            assertThat(allSped.faults()).allMatch(f -> f.speedup().isPresent());
            assertThat(allSped.disturbances()).isEqualTo(steady.disturbances());
            assertThat(allSped.faults().stream().map(TrainingDataGeneratorTest::steadyPart))
                    .containsExactlyElementsOf(
                            steady.faults().stream()
                                    .map(TrainingDataGeneratorTest::steadyPart)
                                    .toList());
            for (FaultSpec f : usual.spec(seed).faults()) {
                faults++;
                spedUp += f.speedup().isPresent() ? 1 : 0;
            }
        }
        // at 0.2 about one fault in five speeds up, as in the generated scenarios
        assertThat((double) spedUp / faults).isBetween(0.12, 0.28);
    }

    private static FaultSpec steadyPart(FaultSpec f) {
        return new FaultSpec(f.target(), f.mode(), f.onset(), f.timeToFailure());
    }

    @Test
    void the_training_seeds_never_meet_the_evaluation_seeds_or_the_scenarios_small_seeds() {
        assertThat(ModelTraining.trainingSeeds(1000))
                .allMatch(s -> s >= 1_000_000 && s < 2_000_000);
        assertThat(ModelTraining.evaluationSeeds(1000)).allMatch(s -> s >= 2_000_000);
    }

    @Test
    void rows_are_labelled_from_the_twins_ground_truth() {
        long seed = ModelTraining.trainingSeeds(1).get(0) + 1; // a metro run
        TrainingDataGenerator generator = new TrainingDataGenerator(SHORT);
        TrainingSet set = generator.generate(List.of(seed));
        OperatorTwin twin = OperatorTwin.create(generator.spec(seed));
        var faults =
                twin.groundTruth().faults().stream()
                        .collect(Collectors.toMap(f -> f.element(), Function.identity()));

        assertThat(set.runs()).containsExactly(seed);
        assertThat(set.positives()).isPositive();
        for (TrainingSet.Row row : set.rows()) {
            var fault = faults.get(row.element());
            if (fault == null) {
                assertThat(row.label()).isEqualTo(TrainingSet.Label.healthy());
                continue;
            }
            Instant at = row.at();
            assertThat(row.label().mode()).contains(fault.mode());
            assertThat(row.label().timeToFailure()).contains(Duration.between(at, fault.failsAt()));
            assertThat(row.label().failsWithinHorizon())
                    .isEqualTo(
                            at.isBefore(fault.failsAt())
                                    && !at.plus(Duration.ofHours(48)).isBefore(fault.failsAt()));
            assertThat(row.label().faultActive()).isEqualTo(!at.isBefore(fault.onset()));
        }
    }
}
