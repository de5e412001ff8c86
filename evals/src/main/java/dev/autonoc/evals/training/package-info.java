/**
 * Training and evaluating the failure predictor on the digital twin: runs the twin over training
 * seeds (never the evals' seeds) with random faults and heatwaves, labels every element and time
 * from the twin's ground truth, trains and saves a model bundle, and scores a bundle live on
 * held-out seeds beside the oracle (which reads the twin's noise-free latent level), checks
 * calibration and drift, and writes the model report. The {@code ./autonoc model} commands call
 * {@link dev.autonoc.evals.training.ModelTraining}, {@link dev.autonoc.evals.training.ModelReport},
 * {@link dev.autonoc.evals.training.CalibrationCheck} and {@link
 * dev.autonoc.evals.training.DriftScenario}.
 */
package dev.autonoc.evals.training;
