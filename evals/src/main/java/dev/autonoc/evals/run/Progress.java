package dev.autonoc.evals.run;

import dev.autonoc.evals.report.RunReport;

/**
 * Hears how an eval goes, run by run. The runner calls it from its worker threads, so an
 * implementation must be safe to call from several at once.
 */
public interface Progress {

    /** Before any run: how many runs there will be (baselines included) and how many at once. */
    void started(int runs, int threads);

    /** One run begins on a worker. */
    void runStarted(String scenario, String planner, long seed);

    /** One run ended, passed or not. */
    void runFinished(RunReport run);

    /** Every run has ended. */
    default void finished() {}

    /** Hears nothing. */
    Progress NONE =
            new Progress() {
                @Override
                public void started(int runs, int threads) {}

                @Override
                public void runStarted(String scenario, String planner, long seed) {}

                @Override
                public void runFinished(RunReport run) {}
            };
}
