package dev.autonoc.core.loop;

import dev.autonoc.core.cases.CaseRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The rest of each tick, run behind it on one thread ({@link
 * RemediationLoopBuilder#laterStepsBehind}): the tick hands over the cases it brought to their
 * first proposals and its instant, and returns. Rests handed over while one runs are coalesced:
 * their new cases together, at the latest instant (every step due by an earlier instant is due by
 * the later one). A rest that fails is kept, and thrown by the next tick ({@link #failure}).
 */
final class LaterSteps {

    private final Executor oneThread;
    private final BiConsumer<List<CaseRecord>, Instant> rest;
    private final Object lock = new Object();
    private List<CaseRecord> newCases = new ArrayList<>();
    private @Nullable Instant due;
    private boolean running;
    private @Nullable RuntimeException failed;

    /**
     * @param rest the rest of a tick: the new cases' later steps, then the other cases' work, at
     *     the instant given
     */
    LaterSteps(Executor oneThread, BiConsumer<List<CaseRecord>, Instant> rest) {
        this.oneThread = Objects.requireNonNull(oneThread, "oneThread");
        this.rest = Objects.requireNonNull(rest, "rest");
    }

    /** The rest of the tick at {@code now}, whose new cases were {@code brought}, to run behind. */
    void after(List<CaseRecord> brought, Instant now) {
        synchronized (lock) {
            newCases.addAll(brought);
            due = now;
            if (running) {
                return; // the running rest takes it when it is done
            }
            running = true;
            try {
                oneThread.execute(this::drain);
            } catch (RuntimeException e) {
                running = false; // refused (shut down): nothing runs behind
                lock.notifyAll();
                throw e;
            }
        }
    }

    private void drain() {
        boolean idle = false;
        try {
            while (true) {
                List<CaseRecord> cases;
                Instant now;
                synchronized (lock) {
                    if (due == null) {
                        // idle under the lock: a rest handed over after this starts a new drain
                        running = false;
                        idle = true;
                        lock.notifyAll();
                        return;
                    }
                    cases = newCases;
                    now = due;
                    newCases = new ArrayList<>();
                    due = null;
                }
                try {
                    rest.accept(cases, now);
                } catch (RuntimeException e) {
                    synchronized (lock) {
                        if (failed == null) {
                            failed = e;
                        } else if (failed != e) {
                            failed.addSuppressed(e);
                        }
                    }
                }
            }
        } finally {
            if (!idle) {
                synchronized (lock) { // an Error: nothing runs behind any more until handed more
                    running = false;
                    lock.notifyAll();
                }
            }
        }
    }

    /** What failed behind the ticks since last asked, once; null if nothing. */
    @Nullable RuntimeException failure() {
        synchronized (lock) {
            RuntimeException f = failed;
            failed = null;
            return f;
        }
    }

    /** Waits until nothing runs behind and nothing is left to run. */
    void await() {
        synchronized (lock) {
            while (running) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted waiting for the later steps", e);
                }
            }
        }
    }
}
