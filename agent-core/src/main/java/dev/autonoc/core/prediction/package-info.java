/**
 * The failure predictor's port and its answer: which element will fail, how (the failure mode and
 * the part it needs), when and how likely, with the evidence; the model itself lives in the
 * failure-predictor module.
 */
@NullMarked
package dev.autonoc.core.prediction;

import org.jspecify.annotations.NullMarked;
