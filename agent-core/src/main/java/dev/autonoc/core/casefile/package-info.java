/**
 * The values a case's record and a planner both speak in: how each of the case's steps went ({@link
 * dev.autonoc.core.casefile.StepRecord}, its state and what stands of its effect) and what the case
 * learnt not to try again. Here rather than in {@code cases} so that {@code plan} (which reads a
 * case's steps) and {@code cases} (whose record holds a plan) do not import each other.
 */
@NullMarked
package dev.autonoc.core.casefile;

import org.jspecify.annotations.NullMarked;
