/**
 * The shadow-mode comparison (docs/connected-mode.md, "Autonomy levels"): what the agent would have
 * done, from the ledger's predictions, plans and decisions, set beside what people did, read from
 * the operator's systems through the TMF APIs' list queries, matched per element and kind of act,
 * with the outcome of each case and the totals an operator weighs before trusting the agent.
 */
@NullMarked
package dev.autonoc.service.shadow;

import org.jspecify.annotations.NullMarked;
