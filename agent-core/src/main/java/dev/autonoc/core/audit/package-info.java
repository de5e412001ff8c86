/**
 * The port to the hash-chained ledger ({@link dev.autonoc.core.audit.AuditLog}): the events the
 * loop writes, how they are queried and what a verification reports. The ledger itself lives in the
 * audit module; agent-core only appends and reads.
 */
@NullMarked
package dev.autonoc.core.audit;

import org.jspecify.annotations.NullMarked;
