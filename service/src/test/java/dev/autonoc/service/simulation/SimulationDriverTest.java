package dev.autonoc.service.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.approval.InMemoryApprovalQueue;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.cases.InMemoryCaseStore;
import dev.autonoc.core.loop.RemediationLoop;
import dev.autonoc.core.planner.PlaybookPlanner;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.policy.CelPolicyGate;
import dev.autonoc.service.MovableClock;
import dev.autonoc.simulators.OperatorTwin;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The driver on a quiet real twin and a real loop; the predictor is a counting stand-in. */
class SimulationDriverTest {

    private static final Instant WALL_START = Instant.parse("2026-11-26T07:00:00Z");

    private final MovableClock wall = new MovableClock(WALL_START);
    private final CountingPredictor predictor = new CountingPredictor();
    private SimulationDriver driver;
    private JdbcAuditLog audit;

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.stop();
        }
        if (audit != null) {
            audit.close();
        }
    }

    private SimulationDriver driver(boolean autoStart) {
        SimulationProperties settings =
                new SimulationProperties(
                        "metro",
                        3,
                        Duration.ofMinutes(5),
                        3600,
                        autoStart,
                        Duration.ofDays(2),
                        Duration.ofMillis(20),
                        List.of());
        OperatorTwin twin = OperatorTwin.create(settings.twinSpec());
        LatestPredictions predictions = new LatestPredictions(predictor);
        audit = JdbcAuditLog.h2InMemory("driver-test-" + System.identityHashCode(this), wall);
        RemediationLoop loop =
                RemediationLoop.builder()
                        .predictor(predictions)
                        .planner(new PlaybookPlanner())
                        .gate(CelPolicyGate.defaultPolicy())
                        .approvals(new InMemoryApprovalQueue(RoleHierarchy.operatorDefault()))
                        .tools(twin.tools())
                        .audit(audit)
                        .cases(new InMemoryCaseStore())
                        .clock(twin.clock())
                        .elements(twin.elements())
                        .roles(RoleHierarchy.operatorDefault())
                        .build();
        driver = new SimulationDriver(twin, loop, predictions, wall, settings);
        return driver;
    }

    @Test
    void
            an_advance_runs_whole_ticks_feeding_every_sample_to_the_loop_and_letting_it_act_after_each() {
        SimulationDriver d = driver(false);
        d.start();
        int elements = d.elements().size();

        SimulationStatus status = d.advance(Duration.ofHours(1));

        assertThat(status.simTime()).isEqualTo(OperatorTwin.EPOCH.plus(Duration.ofHours(1)));
        assertThat(status.ticks()).isEqualTo(12);
        assertThat(predictor.samples.get()).isEqualTo(12 * elements);
        assertThat(predictor.asked.get()).isEqualTo(12);
        assertThat(predictor.lastAskedAt.get()).isEqualTo(status.simTime());
        assertThat(status.running()).isFalse();
    }

    @Test
    void a_running_simulation_keeps_simulated_time_at_pace_with_the_wall_clock() {
        SimulationDriver d = driver(true);
        d.start();

        wall.move(Duration.ofSeconds(1));

        // an hour a second: one wall second is twelve five-minute ticks
        await().atMost(Duration.ofSeconds(30))
                .until(() -> d.now().equals(OperatorTwin.EPOCH.plus(Duration.ofHours(1))));
        assertThat(d.status().running()).isTrue();
    }

    @Test
    void a_paused_simulation_stays_where_it_is_until_resumed() {
        SimulationDriver d = driver(true);
        d.start();
        d.pause();
        Instant pausedAt = d.now();

        wall.move(Duration.ofSeconds(5));
        d.advance(
                Duration.ofMinutes(
                        5)); // a command round trip through the driver thread: pumps ran since

        assertThat(d.now()).isEqualTo(pausedAt.plus(Duration.ofMinutes(5)));
        assertThat(d.status().running()).isFalse();

        d.resume();
        wall.move(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> d.now().isAfter(pausedAt.plus(Duration.ofMinutes(30))));
    }

    @Test
    void a_failing_loop_pauses_the_simulation_and_says_why() {
        SimulationDriver d = driver(false);
        d.start();
        predictor.failAfter.set(3);

        assertThatThrownBy(() -> d.advance(Duration.ofHours(1)))
                .isInstanceOf(SimulationFailedException.class)
                .hasMessageContaining("the model fell over");

        SimulationStatus status = d.status();
        assertThat(status.running()).isFalse();
        assertThat(status.lastError())
                .hasValueSatisfying(e -> assertThat(e).contains("the model fell over"));
        assertThat(status.ticks()).isEqualTo(3);
    }

    @Test
    void a_stopped_driver_starts_again_where_it_was_and_as_it_was() {
        SimulationDriver d = driver(true);
        d.start();
        d.advance(Duration.ofHours(1));
        d.stop();

        assertThatThrownBy(() -> d.advance(Duration.ofHours(1)))
                .isInstanceOf(IllegalStateException.class);

        d.start();
        assertThat(d.status().running()).isTrue();
        assertThat(d.advance(Duration.ofHours(1)).simTime())
                .isAfterOrEqualTo(OperatorTwin.EPOCH.plus(Duration.ofHours(2)));
    }

    @Test
    void an_advance_beyond_the_configured_maximum_is_refused() {
        SimulationDriver d = driver(false);
        d.start();

        assertThatThrownBy(() -> d.advance(Duration.ofDays(3)))
                .hasMessageContaining("at most PT48H");
        assertThatThrownBy(() -> d.advance(Duration.ZERO)).hasMessageContaining("positive");
        assertThat(d.now()).isEqualTo(OperatorTwin.EPOCH);
    }

    /** Counts what the loop hands it; at risk: nothing, or a failure after a set number of asks. */
    static final class CountingPredictor implements FailurePredictor {
        final AtomicInteger samples = new AtomicInteger();
        final AtomicInteger asked = new AtomicInteger();
        final AtomicInteger failAfter = new AtomicInteger(Integer.MAX_VALUE);
        final AtomicReference<Instant> lastAskedAt = new AtomicReference<>();

        @Override
        public String modelVersion() {
            return "counting";
        }

        @Override
        public void observe(TelemetrySample sample) {
            samples.incrementAndGet();
        }

        @Override
        public List<Prediction> atRisk(Instant now) {
            if (asked.get() >= failAfter.get()) {
                throw new IllegalStateException("the model fell over");
            }
            asked.incrementAndGet();
            lastAskedAt.set(now);
            return List.of();
        }
    }
}
