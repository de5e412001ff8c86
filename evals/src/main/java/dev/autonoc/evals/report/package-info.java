/**
 * Metrics and scoring: {@link dev.autonoc.evals.report.Measurement} measures a finished run from
 * the twin's outcome and ground truth and the audit trail, {@link
 * dev.autonoc.evals.report.PolicyViolations} recounts from the trail alone the act calls that ran
 * without leave, {@link dev.autonoc.evals.report.Expectations} checks a scenario's {@code expect},
 * {@link dev.autonoc.evals.report.Scoring} computes pass^k and the capture ratio, and {@link
 * dev.autonoc.evals.report.ReportWriter} writes {@code report.json}, {@code report.md}, {@code
 * report.html} ({@link dev.autonoc.evals.report.HtmlReport}, with a timeline per run) and {@code
 * report.junit.xml} ({@link dev.autonoc.evals.report.JunitXml}), and each run's ground truth and
 * metrics ({@link dev.autonoc.evals.report.TruthFile}) to {@code truth/}. {@link
 * dev.autonoc.evals.report.Conduct} is how the agent went about a run, counted from its trail.
 */
package dev.autonoc.evals.report;
