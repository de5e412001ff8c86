package dev.autonoc.service.connected;

import dev.autonoc.service.simulation.DriverThread;
import dev.autonoc.service.store.PredictorStates;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Writes the predictor's state of the elements this instance owns every {@code interval}
 * (docs/connected-mode.md, "A partition's predictor state handed over"). An instance that gives a
 * partition away hands its state over there and then; one killed, or cut off from the group, never
 * does, and its heir would start the partition's baselines again from the warm-up's hours. With the
 * checkpoint it starts from a state at most {@code interval} old, and the warm-up adds what came
 * after it. A checkpoint that fails (the database away) is logged and the next one tries again.
 *
 * <p>The interval is on the instance's clock, as the warm-up's window it must fit in is; but a
 * checkpoint writes every element's state (half a second of the database's time for the national
 * network), so a rehearsal at a fast pace checkpoints at most once every {@link #LEAST_GAP} of real
 * time: at one every 2 s, the soak's instances at 3,600× wrote their states every 2.1 s, 3.9 MB/s
 * each to the database, beside the telemetry they took.
 */
final class PredictorCheckpoints implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PredictorCheckpoints.class);

    /** How often the thread looks at the clock. */
    static final Duration WAKE = Duration.ofSeconds(2);

    /** The least real time from the start of one checkpoint to the start of the next. */
    static final Duration LEAST_GAP = Duration.ofSeconds(30);

    private final Supplier<PredictorStates.Saved> checkpoint;
    private final Duration interval;
    private final Clock clock;
    private final LongSupplier nanoTime;
    // when the last checkpoint began (or the checkpoints started), on the instance's clock and in
    // real time (nanoTime; absent before the first one); on the checkpoints' thread
    private Instant last;
    private OptionalLong lastNanos = OptionalLong.empty();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile DriverThread thread;

    /**
     * @param checkpoint one checkpoint ({@link ConnectedDriver#checkpoint})
     * @param interval from the start of one checkpoint to the start of the next, on {@code clock};
     *     zero: none
     * @param clock the instance's clock
     */
    PredictorCheckpoints(
            Supplier<PredictorStates.Saved> checkpoint, Duration interval, Clock clock) {
        this(checkpoint, interval, clock, System::nanoTime);
    }

    /** As above, with real time read from {@code nanoTime} ({@link System#nanoTime}'s kind). */
    PredictorCheckpoints(
            Supplier<PredictorStates.Saved> checkpoint,
            Duration interval,
            Clock clock,
            LongSupplier nanoTime) {
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        if (interval.isNegative()) {
            throw new IllegalArgumentException(
                    "a checkpoint interval is zero (none) or positive, got " + interval);
        }
        this.interval = interval;
    }

    /**
     * Checkpoints if {@code interval} has passed on the clock since the last one began (or the
     * first wake, for the first), and {@link #LEAST_GAP} in real time.
     */
    void wake() {
        Instant now = clock.instant();
        long nanos = nanoTime.getAsLong();
        if (last == null) {
            last = now;
            return;
        }
        if (now.isBefore(last.plus(interval))
                || (lastNanos.isPresent() && nanos - lastNanos.getAsLong() < LEAST_GAP.toNanos())) {
            return;
        }
        last = now;
        lastNanos = OptionalLong.of(nanos);
        try {
            written.addAndGet(checkpoint.get().written());
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            log.warn(
                    "no checkpoint of the predictor's state this time (the next in {}): {}",
                    interval,
                    e.toString());
        }
    }

    /** The element states written by checkpoints since the start. */
    long written() {
        return written.get();
    }

    /** The checkpoints that failed since the start. */
    long failures() {
        return failures.get();
    }

    /**
     * Registers {@code autonoc.predictor.states.checkpointed} (element states written by
     * checkpoints) and {@code autonoc.predictor.checkpoint.failures}.
     */
    void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("autonoc.predictor.states.checkpointed", written, AtomicLong::get)
                .description("element states written by the predictor's checkpoints")
                .register(registry);
        FunctionCounter.builder("autonoc.predictor.checkpoint.failures", failures, AtomicLong::get)
                .description("checkpoints of the predictor's state that failed")
                .register(registry);
    }

    @Override
    public synchronized void start() {
        if (thread == null && !interval.isZero()) {
            thread =
                    DriverThread.start(
                            "autonoc-predictor-checkpoint",
                            "the predictor's checkpoints",
                            WAKE,
                            this::wake);
        }
    }

    /** Stops the checkpoints; the driver's stop hands the partitions over anyway. */
    @Override
    public synchronized void stop() {
        DriverThread t = thread;
        thread = null;
        if (t != null) {
            t.stop(log);
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** After the driver starts (the state is taken on its thread), and stops before it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1500;
    }
}
