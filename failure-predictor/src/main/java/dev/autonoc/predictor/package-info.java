/**
 * The failure predictor: incremental telemetry features per element ({@link
 * dev.autonoc.predictor.FeatureExtractor}), Tribuo models trained on twin history ({@link
 * dev.autonoc.predictor.PredictorTrainer}), a saved model bundle with its provenance ({@link
 * dev.autonoc.predictor.ModelBundle}) and the {@link dev.autonoc.core.prediction.FailurePredictor}
 * adapter that scores elements and explains each warning ({@link
 * dev.autonoc.predictor.TribuoFailurePredictor}).
 */
package dev.autonoc.predictor;
