/**
 * The closed loop ({@link dev.autonoc.core.loop.RemediationLoop}) and the one gated path from a
 * proposed action to an acting tool ({@link dev.autonoc.core.loop.GatedToolCalls}), which the loop
 * and the service's MCP gateway share: gate, decision log, approval queue, idempotent execution,
 * ledger.
 */
@NullMarked
package dev.autonoc.core.loop;

import org.jspecify.annotations.NullMarked;
