/**
 * The tool catalogue's port: a tool's descriptor and argument schema, the call and its idempotency
 * key, the estimate a gate judges before the call, and the result with its outcome class
 * (SUCCEEDED, TRANSIENT, UNCERTAIN, REFUSED, INVALID) that says what to do next.
 */
@NullMarked
package dev.autonoc.core.tool;

import org.jspecify.annotations.NullMarked;
