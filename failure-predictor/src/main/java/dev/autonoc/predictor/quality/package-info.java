/**
 * Data quality at the predictor's door: per element, whether its stream is fresh, gappy, settling
 * after a gap, stuck, skewed or contradicted, and what of each sample the features may take in
 * (docs/data-quality.md). Kept apart from the feature code so that features and this gate change
 * independently.
 */
package dev.autonoc.predictor.quality;
