/**
 * {@code autonoc eval compare}: two {@code report.json} files read back ({@link
 * dev.autonoc.evals.compare.EvalResults}), compared scenario by scenario, planner by planner and
 * metric by metric over their seeds ({@link dev.autonoc.evals.compare.Comparison}), and written as
 * Markdown and JSON ({@link dev.autonoc.evals.compare.ComparisonText}).
 */
package dev.autonoc.evals.compare;
