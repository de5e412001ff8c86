package dev.autonoc.service.connected;

import dev.autonoc.core.loop.RemediationLoop;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.service.simulation.DriverThread;
import dev.autonoc.service.simulation.Simulation;
import dev.autonoc.service.simulation.SimulationStatus;
import dev.autonoc.service.store.FencedWriteException;
import dev.autonoc.service.store.PartitionClaims;
import dev.autonoc.service.store.PredictorStates;
import dev.autonoc.service.store.SharedCaseStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Connected mode's owner of the loop: the network on the wall clock. One thread runs everything
 * that touches the loop and the predictor: each batch of telemetry from the topic (taken, then the
 * loop's tick at the clock's now, before the batch's offsets are committed), a tick of its own
 * every {@code tickInterval} so that approvals expire and scheduled steps run when no telemetry
 * comes, and the API's commands ({@link #exclusively}).
 *
 * <p>There is no simulated time to pause, resume or advance: those commands are refused.
 *
 * <p>Several instances share a network (docs/connected-mode.md, "Several instances"): each works
 * the cases of the elements in the telemetry partitions its consumers own. When the group assigns
 * it partitions, the driver claims them in the case store (which stamps their open cases with a new
 * fencing epoch) and tells the loop to work only the owned elements; when they are revoked, the
 * current tick has finished (the driver's one thread), and their cases are dropped. A write of a
 * case another instance claimed since is refused by the store ({@link FencedWriteException}): the
 * driver logs it and goes on with its other cases.
 */
final class ConnectedDriver
        implements Simulation, IngestSink, PartitionOwner, TelemetryReplay.Sink, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConnectedDriver.class);

    private final ConnectedNetwork network;
    private final RemediationLoop loop;
    private final SharedCaseStore cases;
    private final PredictorStates states;
    private final Duration handoverMaxAge;
    private final ToolCatalogue tools;
    private final Clock clock;
    private final Duration tickInterval;
    private final String networkId;
    private final Instant startedAt;
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong restored = new AtomicLong();
    private final String readKeyPrefix = "service-read/" + UUID.randomUUID() + "-";
    // the repairs a warm-up places in the history it replays; on the driver's thread
    private Map<ElementId, Instant> mendedAt = Map.of();
    // partitions revoked and not assigned again since, with when (System.nanoTime): their
    // elements' state is let go once the group has settled without them; on the driver's thread
    private final Map<Integer, Long> revokedAt = new HashMap<>();
    private volatile int partitionCount;
    private volatile String lastError;
    private volatile DriverThread thread;

    ConnectedDriver(
            ConnectedNetwork network,
            RemediationLoop loop,
            SharedCaseStore cases,
            PredictorStates states,
            Duration handoverMaxAge,
            ToolCatalogue tools,
            Clock clock,
            Duration tickInterval,
            String networkId) {
        this.network = network;
        this.loop = loop;
        this.cases = cases;
        this.states = states;
        this.handoverMaxAge = handoverMaxAge;
        this.tools = tools;
        this.clock = clock;
        this.tickInterval = tickInterval;
        this.networkId = networkId;
        this.startedAt = clock.instant();
    }

    /** The loop's tick at {@code now}, remembering what it saw at risk. On the driver's thread. */
    void tick(Instant now) {
        try {
            loop.tick(now);
            ticks.incrementAndGet();
            lastError = null;
        } catch (FencedWriteException e) {
            // another instance owns the case now (a rebalance this one learns of late): the store
            // dropped the partition's cases; the next tick works the others
            log.warn("{}; this instance goes on without it", e.getMessage());
            loop.workOnly(cases::owns);
            ticks.incrementAndGet();
        } catch (RuntimeException e) {
            lastError = "the loop failed at " + now + ": " + e;
            throw e;
        }
    }

    // --- IngestSink: a batch from the topic, on the driver's thread ---

    @Override
    public Applied apply(List<TelemetryMessage> batch) {
        return apply(batch, Map.of());
    }

    @Override
    public Applied apply(List<TelemetryMessage> batch, Map<ElementId, Integer> partitions) {
        return onDriverThread(() -> network.apply(batch, partitions));
    }

    // --- TelemetryReplay.Sink: a warm-up's history, into the predictor's state only ---

    @Override
    public void replayStarts(Instant from) {
        onDriverThread(
                () -> {
                    mendedAt = loop.mendedSince(from);
                    return null;
                });
    }

    @Override
    public int replay(
            List<TelemetryMessage> history, Map<ElementId, Integer> partitions, Instant from) {
        return onDriverThread(() -> network.replay(history, partitions, from, mendedAt));
    }

    // --- PartitionOwner: the group's rebalances, from a consumer's thread ---

    @Override
    public void assigned(Collection<Integer> partitions, int partitionCount) {
        onDriverThread(
                () -> {
                    loop.awaitLaterSteps(); // the work behind the last tick, on the old claims
                    ConnectedDriver.this.partitionCount = partitionCount;
                    partitions.forEach(revokedAt::remove);
                    cases.claim(partitions, e -> Partitions.of(e, partitionCount));
                    takeOver(partitions);
                    loop.workOnly(cases::owns);
                    return null;
                });
    }

    @Override
    public void revoked(Collection<Integer> partitions) {
        if (thread == null) {
            // stopping: no tick runs any more
            loop.awaitLaterSteps();
            handOver(partitions);
            cases.drop(partitions);
            return;
        }
        onDriverThread(
                () -> {
                    // the work behind the last tick finishes before another instance may start
                    // on these partitions' cases, as the tick itself did
                    loop.awaitLaterSteps();
                    handOver(partitions);
                    cases.drop(partitions);
                    long at = System.nanoTime();
                    partitions.forEach(p -> revokedAt.putIfAbsent(p, at));
                    loop.workOnly(cases::owns);
                    log.info(
                            "partitions {} of '{}' revoked; {} open case(s) still worked here",
                            partitions,
                            networkId,
                            cases.open().size());
                    return null;
                });
    }

    /**
     * Writes the predictor's state of the partitions' elements for whoever takes them over (docs/
     * connected-mode.md, "A partition's predictor state handed over"), before their last offsets
     * are committed. A failure is logged: the heir then starts from this instance's last checkpoint
     * and the warm-up's hours.
     */
    private void handOver(Collection<Integer> partitions) {
        if (partitionCount == 0) {
            return;
        }
        try {
            PredictorStates.Saved saved = write(take(partitions));
            if (saved.written() == 0 && saved.fenced().isEmpty()) {
                return; // nothing watched there yet
            }
            log.info(
                    "partitions {} of '{}': the predictor's state of {} element(s) handed over{}",
                    new TreeSet<>(partitions),
                    networkId,
                    saved.written(),
                    unsaved(saved));
        } catch (RuntimeException e) {
            log.warn(
                    "partitions {} of '{}': the predictor's state was not handed over ({}); the"
                            + " next owner starts from the last checkpoint and its warm-up",
                    partitions,
                    networkId,
                    e.toString());
        }
    }

    /**
     * Writes the predictor's state of every element of the partitions this instance owns, for an
     * heir should this instance die without handing them over (docs/connected-mode.md, "A
     * partition's predictor state handed over"). The state is taken on the driver's thread, between
     * two batches, and written on the caller's, so that the loop does not wait for the database.
     *
     * @throws dev.autonoc.service.store.StoreException when the database fails
     */
    PredictorStates.Saved checkpoint() {
        PredictorStates.Saved saved =
                write(onDriverThread(() -> take(cases.claims().epochs().keySet())));
        log.debug(
                "'{}': checkpoint of the predictor's state of {} element(s){}",
                networkId,
                saved.written(),
                unsaved(saved));
        return saved;
    }

    /** The predictor's state of the partitions' elements as of now, with what fences its write. */
    private record TakenStates(
            Map<ElementId, byte[]> states,
            String model,
            PartitionClaims claims,
            int partitionCount,
            Instant at) {}

    /** On the driver's thread: the states of the partitions' elements, this instance's claims. */
    private TakenStates take(Collection<Integer> partitions) {
        return new TakenStates(
                partitionCount == 0 ? Map.of() : network.states(elementsOf(partitions)),
                network.predictor().modelVersion(),
                cases.claims(),
                partitionCount,
                clock.instant());
    }

    /** Writes states taken, fenced by the claims they were taken under; on any thread. */
    private PredictorStates.Saved write(TakenStates taken) {
        return states.save(
                taken.model(),
                taken.states(),
                e -> Partitions.of(e, taken.partitionCount()),
                taken.claims(),
                taken.at());
    }

    private static String unsaved(PredictorStates.Saved saved) {
        return (saved.fenced().isEmpty()
                        ? ""
                        : "; not those of partitions "
                                + saved.fenced()
                                + ", claimed by another instance since")
                + (saved.laterKept() == 0
                        ? ""
                        : "; " + saved.laterKept() + " left as a later state was kept");
    }

    /**
     * Takes over the predictor's state the previous owner of the partitions handed over, for
     * elements this instance does not watch yet, when it was taken within the warm-up's window and
     * knows the element from before it (the warm-up then goes on from where the state ends). A
     * failure is logged: the warm-up rebuilds what it can.
     */
    private void takeOver(Collection<Integer> partitions) {
        if (handoverMaxAge.isZero()) {
            return;
        }
        try {
            // a state taken since the warm-up's window began, that knows the element from before
            // it: the warm-up then adds what came after; one that knows less is passed over, and
            // the warm-up rebuilds more from the history alone
            Instant windowStart = clock.instant().minus(handoverMaxAge);
            Map<ElementId, byte[]> kept =
                    states.load(network.predictor().modelVersion(), partitions, windowStart);
            int taken = network.restore(kept, windowStart);
            restored.addAndGet(taken);
            if (taken > 0) {
                log.info(
                        "partitions {} of '{}': the predictor took over the state of {} element(s)"
                                + " from the instance before",
                        new TreeSet<>(partitions),
                        networkId,
                        taken);
            }
        } catch (RuntimeException e) {
            log.warn(
                    "partitions {} of '{}': no predictor state taken over ({}); the warm-up"
                            + " rebuilds it",
                    partitions,
                    networkId,
                    e.toString());
        }
    }

    /** How many elements' predictor state this instance took over from others, since it started. */
    long restored() {
        return restored.get();
    }

    private List<ElementId> elementsOf(Collection<Integer> partitions) {
        return network.elements().stream()
                .map(Element::id)
                .filter(e -> partitions.contains(Partitions.of(e, partitionCount)))
                .toList();
    }

    /**
     * Lets the predictor go of the elements of partitions revoked at least {@code settled} ago and
     * not assigned to this instance again: another instance watches them now, and left here they
     * would count twice among their peers and, falling silent, read as out of service to their
     * neighbours. A rebalance may revoke partitions and assign them again within moments, so a
     * revoked partition is let go only once the group settled without it. {@code forgetTaken} is
     * told each partition first, so that if it comes back its warm-up reads its history again. On
     * the driver's thread, as assignments are, so a partition assigned again is never let go after
     * its claim.
     *
     * @return the partitions let go
     */
    Set<Integer> releaseRevoked(Duration settled, IntConsumer forgetTaken) {
        return onDriverThread(
                () -> {
                    long now = System.nanoTime();
                    Set<Integer> gone = new TreeSet<>();
                    revokedAt.forEach(
                            (p, at) -> {
                                if (now - at >= settled.toNanos()
                                        && !cases.partitions().contains(p)) {
                                    gone.add(p);
                                }
                            });
                    if (gone.isEmpty()) {
                        return gone;
                    }
                    gone.forEach(forgetTaken::accept);
                    List<ElementId> elements = elementsOf(gone);
                    network.release(elements);
                    gone.forEach(revokedAt::remove);
                    log.info(
                            "partitions {} of '{}' settled elsewhere: their {} element(s) let go by"
                                    + " the predictor",
                            gone,
                            networkId,
                            elements.size());
                    return gone;
                });
    }

    /** The partitions this instance owns now. */
    Set<Integer> partitions() {
        return cases.partitions();
    }

    // --- Simulation, as the API and the console see it ---

    @Override
    public SimulationStatus status() {
        Instant now = clock.instant();
        return new SimulationStatus(
                now,
                startedAt,
                1.0,
                tickInterval,
                thread != null,
                ticks.get(),
                "connected:" + networkId,
                0,
                Optional.ofNullable(lastError));
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public List<Element> elements() {
        return network.elements();
    }

    @Override
    public List<Prediction> atRisk() {
        return network.latest();
    }

    @Override
    public void pause() {
        throw wallClock();
    }

    @Override
    public void resume() {
        throw wallClock();
    }

    @Override
    public SimulationStatus advance(Duration by) {
        throw wallClock();
    }

    private static IllegalStateException wallClock() {
        return new IllegalStateException(
                "connected mode runs on the wall clock (autonoc.mode=connected): there is no"
                        + " simulated time to pause, resume or advance");
    }

    @Override
    public <T> T exclusively(Supplier<T> work) {
        return onDriverThread(work::get);
    }

    /** A read tool against the operator's systems; reads need not wait for the loop's thread. */
    @Override
    public ToolResult read(ToolCall call) {
        Tool tool = tools.require(call.tool());
        if (tool.descriptor().kind() != ToolKind.READ) {
            throw new IllegalArgumentException(
                    "'" + call.tool() + "' is an act tool; only read tools run outside the gate");
        }
        return tool.execute(
                new ToolInvocation(
                        call,
                        new IdempotencyKey(readKeyPrefix + reads.incrementAndGet()),
                        "system"));
    }

    // --- lifecycle ---

    @Override
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread =
                DriverThread.start(
                        "autonoc-connected", "the connected loop", tickInterval, this::ownTick);
        log.info(
                "connected mode: network '{}' on the wall clock, the loop ticks every {}",
                networkId,
                tickInterval);
    }

    private void ownTick() {
        try {
            network.tick(clock.instant());
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: log, and try at the next one
            log.error("the loop's tick failed; trying again in {}", tickInterval, e);
        }
    }

    @Override
    public synchronized void stop() {
        DriverThread t = thread;
        thread = null;
        if (t == null) {
            return;
        }
        t.stop(log);
        loop.awaitLaterSteps();
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** Before the telemetry consumer starts, after it stops. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }

    private <T> T onDriverThread(Callable<T> task) {
        DriverThread t = thread;
        if (t == null) {
            throw new IllegalStateException("the connected loop is not running");
        }
        return t.call(task);
    }
}
