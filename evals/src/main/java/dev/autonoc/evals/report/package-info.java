/**
 * Metrics and scoring: {@link dev.autonoc.evals.report.Measurement} measures a finished run from
 * the twin's outcome and ground truth and the audit trail, {@link
 * dev.autonoc.evals.report.PolicyViolations} recounts from the trail alone the act calls that ran
 * without leave, {@link dev.autonoc.evals.report.Expectations} checks a scenario's {@code expect},
 * {@link dev.autonoc.evals.report.Scoring} computes pass^k and the capture ratio, and {@link
 * dev.autonoc.evals.report.ReportWriter} writes {@code report.json} and {@code report.md}, and each
 * run's ground truth and metrics ({@link dev.autonoc.evals.report.TruthFile}) to {@code truth/}.
 */
package dev.autonoc.evals.report;
