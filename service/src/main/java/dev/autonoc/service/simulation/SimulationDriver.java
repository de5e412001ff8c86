package dev.autonoc.service.simulation;

import dev.autonoc.core.loop.RemediationLoop;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.TwinListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Owns the twin and the loop and is the only one to touch them: every tick, every command, runs on
 * its single thread. A tick advances the twin by one telemetry interval, hands the loop every
 * sample and alarm of that interval, then lets the loop act ({@link RemediationLoop#tick}).
 *
 * <p>On its own the driver keeps simulated time at {@code pace} times wall time; when the machine
 * cannot keep up it runs slower rather than piling up a backlog. A failure of the twin or the loop
 * pauses the simulation and is shown in the status, so that one bad tick does not spin.
 */
final class SimulationDriver implements Simulation, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SimulationDriver.class);

    private final OperatorTwin twin;
    private final RemediationLoop loop;
    private final LatestPredictions predictions;
    private final Clock wall;
    private final SimulationProperties settings;
    private final TwinListener listener;
    private final Instant startedAt;
    private final List<Element> elements;
    private final ToolCatalogue tools;
    private final Consumer<Instant> reached;
    private final Pacing pacing;
    private volatile Consumer<Duration> tickTook = took -> {};

    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    // reads are journaled and replayed after a restart: each run's keys are its own
    private final String readKeyPrefix;
    private volatile Instant simNow;
    private volatile boolean running;
    private volatile boolean started;
    private volatile String lastError;
    // a new thread per start: the lifecycle may stop and start the driver again (Spring's test
    // context cache does), and the twin and the loop carry on where they were
    private volatile DriverThread thread;
    private boolean everStarted;
    private boolean runningWhenStopped;

    // touched on the driver thread only
    private Instant anchorSim;
    private Instant anchorWall;
    private double anchorPace;

    SimulationDriver(
            OperatorTwin twin,
            RemediationLoop loop,
            LatestPredictions predictions,
            Clock wall,
            SimulationProperties settings) {
        this(twin, loop, predictions, wall, settings, twin.tools(), twin.now(), at -> {});
    }

    /**
     * @param tools the twin's tools as the console's reads call them (journaled in the service)
     * @param startedAt the world's first simulated instant; the twin may be further on (a restart)
     * @param reached told the simulated time after every tick, once the loop has acted on it
     */
    SimulationDriver(
            OperatorTwin twin,
            RemediationLoop loop,
            LatestPredictions predictions,
            Clock wall,
            SimulationProperties settings,
            ToolCatalogue tools,
            Instant startedAt,
            Consumer<Instant> reached) {
        this(twin, loop, predictions, wall, settings, tools, startedAt, reached, Optional.empty());
    }

    /**
     * @param stoppedBy why the simulation stands still from the start (the loop failed finishing a
     *     tick at a restart): it starts paused with that error, as after any failed tick
     */
    SimulationDriver(
            OperatorTwin twin,
            RemediationLoop loop,
            LatestPredictions predictions,
            Clock wall,
            SimulationProperties settings,
            ToolCatalogue tools,
            Instant startedAt,
            Consumer<Instant> reached,
            Optional<String> stoppedBy) {
        this(
                twin,
                loop,
                predictions,
                wall,
                settings,
                tools,
                startedAt,
                reached,
                stoppedBy,
                Pacing.fixed(settings.pace(), wall));
    }

    /**
     * @param pacing the pace due now: the configured one, or slower while a person is needed
     */
    SimulationDriver(
            OperatorTwin twin,
            RemediationLoop loop,
            LatestPredictions predictions,
            Clock wall,
            SimulationProperties settings,
            ToolCatalogue tools,
            Instant startedAt,
            Consumer<Instant> reached,
            Optional<String> stoppedBy,
            Pacing pacing) {
        this.pacing = pacing;
        this.anchorPace = pacing.last().pace();
        this.twin = twin;
        this.loop = loop;
        this.predictions = predictions;
        this.wall = wall;
        this.settings = settings;
        this.tools = tools;
        this.reached = reached;
        this.startedAt = startedAt;
        this.simNow = twin.now();
        this.readKeyPrefix = "service-read/" + RunStamp.of(wall) + "-";
        this.elements = List.copyOf(twin.elements());
        this.lastError = stoppedBy.orElse(null);
        this.listener =
                new TwinListener() {
                    @Override
                    public void onTelemetry(TelemetrySample sample) {
                        loop.observe(sample);
                    }

                    @Override
                    public void onAlarm(Alarm alarm) {
                        loop.observe(alarm);
                    }
                };
    }

    // --- Simulation: reads are snapshots ---

    @Override
    public SimulationStatus status() {
        return new SimulationStatus(
                simNow,
                startedAt,
                settings.pace(),
                settings.tick(),
                running,
                ticks.get(),
                settings.presetValue().key(),
                settings.seed(),
                Optional.ofNullable(lastError),
                pacingView(pacing.last()));
    }

    private static SimulationStatus.Pacing pacingView(Pacing.Now now) {
        return new SimulationStatus.Pacing(
                now.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                now.pace(),
                now.reason());
    }

    @Override
    public void onTick(Consumer<Duration> took) {
        tickTook = took;
    }

    @Override
    public Instant now() {
        return simNow;
    }

    @Override
    public List<Element> elements() {
        return elements;
    }

    @Override
    public List<Prediction> atRisk() {
        return predictions.latest();
    }

    // --- Simulation: commands run on the driver thread ---

    @Override
    public void pause() {
        // takes effect at the next tick boundary; the pump checks the flag between ticks
        running = false;
    }

    @Override
    public void resume() {
        onDriverThread(
                () -> {
                    lastError = null;
                    anchor();
                    running = true;
                    return null;
                });
    }

    @Override
    public SimulationStatus advance(Duration by) {
        if (by == null || by.isNegative() || by.isZero()) {
            throw new IllegalArgumentException("duration must be positive (e.g. PT6H), got " + by);
        }
        if (by.compareTo(settings.maxAdvance()) > 0) {
            throw new IllegalArgumentException(
                    "duration must be at most "
                            + settings.maxAdvance()
                            + " (autonoc.simulation.max-advance), got "
                            + by);
        }
        return onDriverThread(
                () -> {
                    long n = Pacer.ticksCovering(by, settings.tick());
                    for (long i = 0; i < n; i++) {
                        tick();
                    }
                    anchor();
                    return status();
                });
    }

    @Override
    public <T> T exclusively(java.util.function.Supplier<T> work) {
        return onDriverThread(work::get);
    }

    @Override
    public ToolResult read(ToolCall call) {
        Tool tool = tools.require(call.tool());
        if (tool.descriptor().kind() != ToolKind.READ) {
            throw new IllegalArgumentException(
                    "'" + call.tool() + "' is an act tool; only read tools run outside the gate");
        }
        long n = reads.incrementAndGet();
        return exclusively(
                () ->
                        tool.execute(
                                new ToolInvocation(
                                        call, new IdempotencyKey(readKeyPrefix + n), "system")));
    }

    // --- lifecycle ---

    @Override
    public synchronized void start() {
        thread =
                DriverThread.start(
                        "autonoc-simulation",
                        "the simulation",
                        settings.pumpInterval(),
                        this::pump);
        started = true;
        boolean run = everStarted ? runningWhenStopped : settings.autoStart() && lastError == null;
        if (run) {
            resume();
        }
        if (!everStarted) {
            log.info(
                    "simulation of a {} operator (seed {}) at {} simulated s per s, tick {}, {}",
                    settings.presetValue().key(),
                    settings.seed(),
                    settings.pace(),
                    settings.tick(),
                    run ? "running" : "paused");
        }
        everStarted = true;
    }

    @Override
    public synchronized void stop() {
        runningWhenStopped = running;
        running = false;
        started = false;
        DriverThread stopping = thread;
        if (stopping == null) {
            return;
        }
        stopping.stop(log);
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    // --- the driver thread ---

    private void pump() {
        try {
            if (!running) {
                return;
            }
            // a change of pace starts a new anchor: the new pace applies from now, not since the
            // last anchor (which would jump the clock, or leave it owing time)
            Pacing.Now now = pacing.now();
            if (now.pace() != anchorPace) {
                anchor();
                anchorPace = now.pace();
            }
            if (now.holds()) {
                return;
            }
            double pace = now.pace();
            Instant wallNow = wall.instant();
            long due =
                    Pacer.ticksDue(simNow, settings.tick(), anchorSim, anchorWall, wallNow, pace);
            long run =
                    Math.min(
                            due,
                            Pacer.perPumpLimit(settings.tick(), settings.pumpInterval(), pace));
            for (long i = 0; i < run && running; i++) {
                tick();
            }
            if (due - run > Pacer.backlogLimit(settings.tick(), pace)) {
                anchor();
            }
        } catch (SimulationFailedException e) {
            // recorded by tick(); the simulation is paused
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: log and keep the thread alive
            log.error("simulation pump failed", e);
        }
    }

    private void tick() {
        Instant next = simNow.plus(settings.tick());
        long began = System.nanoTime();
        try {
            twin.advanceTo(next, listener);
            loop.tick(twin.now());
            ticks.incrementAndGet();
            reached.accept(twin.now());
            tickTook.accept(Duration.ofNanos(System.nanoTime() - began));
        } catch (RuntimeException e) {
            running = false;
            lastError = "simulation stopped at " + next + ": " + e;
            log.error("simulation stopped at {}; resume to try again", next, e);
            throw new SimulationFailedException(lastError, e);
        } finally {
            simNow = twin.now();
        }
    }

    private void anchor() {
        anchorSim = simNow;
        anchorWall = wall.instant();
    }

    private <T> T onDriverThread(Callable<T> task) {
        DriverThread driverThread = thread;
        if (driverThread == null) {
            throw new SimulationUnavailableException("the simulation is not started", null);
        }
        return driverThread.call(task);
    }
}
