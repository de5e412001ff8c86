package dev.autonoc.service.connected;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The threads connected mode's loop works on besides its own (docs/connected-mode.md, "A case's
 * first proposal"): those that work a tick's new cases at once, {@code atOnce} of them (none for 1:
 * the loop then works its new cases one after another on its own thread), those that ask a
 * planning's independent reads of the operator's systems beside the planner's thread, two for each
 * case worked at once, and the one that works the rest of each tick behind it (none for 1). Daemon
 * threads, stopped with the application; their time is mostly spent waiting on the operator's
 * systems and on the database's commits, not on a core.
 */
final class LoopWorkers implements AutoCloseable {

    private final int atOnce;
    private final @Nullable ExecutorService newCases;
    private final @Nullable ExecutorService planningReads;
    private final @Nullable ExecutorService laterSteps;

    LoopWorkers(int atOnce) {
        this(atOnce, true);
    }

    /**
     * @param planningReadsAtOnce false: a planning's reads one after another on the planner's
     *     thread (the same ledger; for measuring what asking them at once buys)
     */
    LoopWorkers(int atOnce, boolean planningReadsAtOnce) {
        if (atOnce < 1) {
            throw new IllegalArgumentException("at least 1 new case at once, got " + atOnce);
        }
        this.atOnce = atOnce;
        this.newCases = atOnce == 1 ? null : pool(atOnce, "autonoc-new-case-");
        // the playbook's first reads are three: the planner's thread asks one, these the others
        this.planningReads =
                planningReadsAtOnce ? pool(2 * atOnce, "autonoc-planning-read-") : null;
        // the rest of each tick, behind it, on one thread (RemediationLoop.awaitLaterSteps)
        this.laterSteps = atOnce == 1 ? null : pool(1, "autonoc-later-steps-");
    }

    private static ExecutorService pool(int threads, String name) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(
                threads,
                r -> {
                    Thread t = new Thread(r, name + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    int atOnce() {
        return atOnce;
    }

    Executor newCases() {
        if (newCases == null) {
            throw new IllegalStateException("one new case at a time: there are no workers");
        }
        return newCases;
    }

    /** The one thread the rest of each tick runs on, behind it; none for one new case at once. */
    Optional<Executor> laterSteps() {
        return Optional.ofNullable(laterSteps);
    }

    Executor planningReads() {
        return planningReads == null ? Runnable::run : planningReads;
    }

    @Override
    public void close() {
        if (newCases != null) {
            newCases.shutdown();
        }
        if (planningReads != null) {
            planningReads.shutdown();
        }
        if (laterSteps != null) {
            laterSteps.shutdown();
        }
    }
}
