/**
 * Training and evaluating the failure predictor on the digital twin: runs the twin over training
 * seeds (never the evals' seeds) with random faults and heatwaves, labels every element and time
 * from the twin's ground truth, trains and saves a model bundle, and scores a bundle live on
 * held-out seeds. The {@code ./autonoc model} commands call {@link
 * dev.autonoc.evals.training.ModelTraining}.
 */
package dev.autonoc.evals.training;
