/**
 * What the console charts: a bounded, in-memory history of each element's telemetry and of the
 * predictor's view of it, in hourly aggregates, fed where the predictor is fed ({@link
 * dev.autonoc.service.history.RecordingPredictor}), so that the embedded twin, a rebuilt world and
 * connected mode's Kafka feed all fill it the same way.
 */
package dev.autonoc.service.history;
