/**
 * The runner on simulated time: {@link dev.autonoc.evals.run.EvalRunner} runs each (scenario, seed,
 * planner) in a fresh twin with its own gate, approval queue, ledger and case store, feeds the loop
 * tick by tick, lets a simulated NOC answer approvals as the scenario says, and measures the run.
 * The baselines {@code none}, {@code reactive} and {@code oracle} live here too.
 */
package dev.autonoc.evals.run;
