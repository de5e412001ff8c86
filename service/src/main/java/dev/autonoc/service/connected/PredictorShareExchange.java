package dev.autonoc.service.connected;

import dev.autonoc.core.prediction.PredictorShare;
import dev.autonoc.service.store.PredictorShares;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the predictors of the instances over one network judging as one (docs/connected-mode.md,
 * "Peers and neighbours across instances"). Each instance's predictor takes only its partitions'
 * samples, yet an element is judged against its region's peers and beside its neighbours wherever
 * their samples go: every {@code interval} this instance writes its predictor's {@link
 * PredictorShare} to the database and joins the other instances' latest, leaving out those not
 * written for {@code staleAfter} (their instance stopped or died).
 *
 * <p>Each round first lets the predictor go of partitions revoked from this instance that the group
 * gave to another ({@link ConnectedDriver#releaseRevoked}), so that their elements are in one share
 * only. A round that fails (the database away) is logged and the next one tries again: meanwhile
 * the predictor goes on with the shares it joined last.
 */
final class PredictorShareExchange implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PredictorShareExchange.class);

    private final ConnectedNetwork network;
    private final Runnable letGo;
    private final PredictorShares store;
    private final ConnectedProperties.Shares settings;
    private final AtomicLong rounds = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile Set<String> joinedFrom = Set.of();
    private ScheduledExecutorService timer;

    /**
     * The exchange of an instance whose {@code driver} lets revoked partitions go at each round,
     * telling {@code forgetTaken} (the ingest's {@link TelemetryIngest#forgetTaken}) each one
     * first, so that a partition coming back is warmed up again.
     */
    static PredictorShareExchange of(
            ConnectedNetwork network,
            ConnectedDriver driver,
            IntConsumer forgetTaken,
            PredictorShares store,
            ConnectedProperties.Shares settings) {
        Duration settled = settings.interval().multipliedBy(2);
        return new PredictorShareExchange(
                network,
                () -> {
                    if (driver.isRunning()) {
                        driver.releaseRevoked(settled, forgetTaken);
                    }
                },
                store,
                settings);
    }

    /**
     * @param letGo the first step of each round: lets the predictor go of the elements this
     *     instance no longer watches
     */
    PredictorShareExchange(
            ConnectedNetwork network,
            Runnable letGo,
            PredictorShares store,
            ConnectedProperties.Shares settings) {
        this.network = Objects.requireNonNull(network, "network");
        this.letGo = Objects.requireNonNull(letGo, "letGo");
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** One round: let revoked partitions go, write this instance's share, join the others'. */
    void exchange() {
        letGo.run();
        network.share().ifPresent(store::write);
        List<PredictorShares.Written> others = store.others(settings.staleAfter());
        network.join(others.stream().map(PredictorShares.Written::share).toList());
        Set<String> from = new TreeSet<>();
        others.forEach(w -> from.add(w.instanceId()));
        if (!from.equals(joinedFrom)) {
            log.info(
                    "the predictor joins the shares of {} other instance(s) of the network: {}",
                    from.size(),
                    from);
            joinedFrom = Set.copyOf(from);
        }
        rounds.incrementAndGet();
    }

    private void exchangeOrLog() {
        try {
            exchange();
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            log.warn(
                    "predictor shares not exchanged this round (the next one tries again in {}): {}",
                    settings.interval(),
                    e.toString());
        }
    }

    /** The other instances whose shares the predictor joined at the last round. */
    Set<String> joinedFrom() {
        return joinedFrom;
    }

    /** Rounds done, and rounds that failed. */
    long rounds() {
        return rounds.get();
    }

    long failures() {
        return failures.get();
    }

    @Override
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "autonoc-predictor-shares");
                            t.setDaemon(true);
                            return t;
                        });
        long every = settings.interval().toMillis();
        timer.scheduleWithFixedDelay(this::exchangeOrLog, 0, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the rounds and takes this instance's share away, so the others leave it out at once.
     */
    @Override
    public synchronized void stop() {
        ScheduledExecutorService t = timer;
        timer = null;
        if (t == null) {
            return;
        }
        t.shutdown();
        try {
            if (!t.awaitTermination(10, TimeUnit.SECONDS)) {
                t.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            store.remove();
        } catch (RuntimeException e) {
            log.warn(
                    "this instance's predictor share was not taken away; the others leave it out"
                            + " after {}: {}",
                    settings.staleAfter(),
                    e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    /** After the driver starts (it lets partitions go on its thread), and stops before it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1500;
    }
}
