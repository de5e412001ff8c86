package dev.autonoc.service.connected;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The threads that work a tick's new cases at once (docs/connected-mode.md, "A case's first
 * proposal"): daemon threads, {@code atOnce} of them (none for 1: the loop then works its new cases
 * one after another on its own thread), stopped with the application. Their time is mostly spent
 * waiting on the operator's systems and on the database's commits, not on a core.
 */
final class NewCaseWorkers implements AutoCloseable {

    private final int atOnce;
    private final @Nullable ExecutorService pool;

    NewCaseWorkers(int atOnce) {
        if (atOnce < 1) {
            throw new IllegalArgumentException("at least 1 new case at once, got " + atOnce);
        }
        this.atOnce = atOnce;
        AtomicInteger n = new AtomicInteger();
        this.pool =
                atOnce == 1
                        ? null
                        : Executors.newFixedThreadPool(
                                atOnce,
                                r -> {
                                    Thread t =
                                            new Thread(
                                                    r, "autonoc-new-case-" + n.incrementAndGet());
                                    t.setDaemon(true);
                                    return t;
                                });
    }

    int atOnce() {
        return atOnce;
    }

    Executor executor() {
        if (pool == null) {
            throw new IllegalStateException("one new case at a time: there are no workers");
        }
        return pool;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
