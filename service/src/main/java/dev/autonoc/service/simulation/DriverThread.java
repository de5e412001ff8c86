package dev.autonoc.service.simulation;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * The one thread a driver of the loop runs on (the simulation's, connected mode's): a daemon that
 * runs the driver's pump at a fixed delay, and the commands handed to it in turn, so that the loop
 * and what it drives are touched by one thread only. A new one per start: a lifecycle may stop a
 * driver and start it again.
 */
public final class DriverThread {

    private final ScheduledExecutorService executor;
    private final String what;

    private DriverThread(ScheduledExecutorService executor, String what) {
        this.executor = executor;
        this.what = what;
    }

    /**
     * Starts a thread named {@code name} that runs {@code pump} every {@code every} (from the end
     * of one run to the start of the next). A pump that throws is never run again: it catches what
     * it can recover from.
     *
     * @param what the driver, for errors ("the simulation", "the connected loop")
     */
    public static DriverThread start(String name, String what, Duration every, Runnable pump) {
        ScheduledExecutorService executor =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, name);
                            t.setDaemon(true);
                            return t;
                        });
        long nanos = every.toNanos();
        executor.scheduleWithFixedDelay(pump, nanos, nanos, TimeUnit.NANOSECONDS);
        return new DriverThread(executor, what);
    }

    /**
     * Runs {@code task} on the thread and waits for it; its runtime exception is thrown here.
     *
     * @throws SimulationUnavailableException when the thread is stopped
     */
    public <T> T call(Callable<T> task) {
        try {
            return executor.submit(task).get();
        } catch (RejectedExecutionException e) {
            throw new SimulationUnavailableException(what + " is stopped", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Stops the thread, interrupting what it runs; waits up to 10 s for it to end. */
    public void stop(Logger log) {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("the thread of {} did not stop within 10 s", what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
