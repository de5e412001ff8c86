/**
 * The runner on simulated time: {@link dev.autonoc.evals.run.EvalRunner} runs each (scenario, seed,
 * planner) in a fresh twin with its own gate, approval queue, ledger and case store, feeds the loop
 * tick by tick, lets a simulated NOC answer approvals as the scenario says, and measures the run.
 * The baselines {@code none}, {@code reactive} and {@code oracle} live here too. The runner tells a
 * {@link dev.autonoc.evals.run.Progress} how the runs go, and reaches into each run through its
 * hooks ({@code RunHooks}): the faulted elements' telemetry and probability are recorded for the
 * report's timeline, and a planner variant may stand in for the shipped planner.
 */
package dev.autonoc.evals.run;
