package dev.autonoc.core.loop;

import dev.autonoc.core.cases.CaseRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Works a tick's new cases at once (docs/connected-mode.md, "A case's first proposal"): each on the
 * executor, at most {@code atOnce} at a time, taken most urgent first; returns when every one is
 * done. A worker that failed fails the tick with its exception, after the others finished: no case
 * is left half-worked behind the tick's back.
 */
final class NewCases {

    private final Executor executor;
    private final int atOnce;

    NewCases(Executor executor, int atOnce) {
        this.executor = Objects.requireNonNull(executor, "executor");
        if (atOnce < 1) {
            throw new IllegalArgumentException("atOnce must be >= 1, got " + atOnce);
        }
        this.atOnce = atOnce;
    }

    /** Runs {@code work} on each case of {@code byUrgency}, in that order of start. */
    void run(List<CaseRecord> byUrgency, Consumer<CaseRecord> work) {
        if (byUrgency.size() == 1) {
            work.accept(byUrgency.get(0)); // nothing to overlap
            return;
        }
        Semaphore slots = new Semaphore(atOnce);
        List<CompletableFuture<Void>> running = new ArrayList<>();
        RuntimeException failure = null;
        for (CaseRecord c : byUrgency) {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("interrupted while working new cases", e);
                break;
            }
            try {
                running.add(
                        CompletableFuture.runAsync(
                                () -> {
                                    try {
                                        work.accept(c);
                                    } finally {
                                        slots.release();
                                    }
                                },
                                executor));
            } catch (RuntimeException e) {
                slots.release(); // refused by the executor (shut down): nothing ran
                failure = e;
                break;
            }
        }
        for (CompletableFuture<Void> f : running) {
            try {
                f.join();
            } catch (CompletionException e) {
                RuntimeException cause =
                        e.getCause() instanceof RuntimeException r
                                ? r
                                : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else if (failure != cause) {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
