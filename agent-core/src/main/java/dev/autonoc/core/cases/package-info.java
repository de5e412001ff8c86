/**
 * What the agent remembers of a case, durably: the case record with its plan, its steps (state,
 * tries, retry time, the undo registered before the act and what stands of its effect) and what it
 * learnt not to try again; the store port the loop saves every change to before it acts on it.
 */
@NullMarked
package dev.autonoc.core.cases;

import org.jspecify.annotations.NullMarked;
