/**
 * The core's one shared name: {@link dev.autonoc.core.CaseId}, by which a case, its audit events,
 * its ticket, its planner requests and its tool calls' idempotency keys are correlated. It sits at
 * the root, below every other package, so that {@code tool} (an idempotency key names its case) and
 * {@code casefile} (a step record holds a tool call) do not import each other.
 */
@NullMarked
package dev.autonoc.core;

import org.jspecify.annotations.NullMarked;
