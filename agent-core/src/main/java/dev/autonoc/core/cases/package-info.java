/**
 * What the agent remembers of a case, durably: the case record with its plan, its steps and what it
 * learnt not to try again (the values themselves are in {@code casefile}, which planners read too);
 * the store port the loop saves every change to before it acts on it.
 */
@NullMarked
package dev.autonoc.core.cases;

import org.jspecify.annotations.NullMarked;
