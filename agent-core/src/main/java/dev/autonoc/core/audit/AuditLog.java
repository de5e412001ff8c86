package dev.autonoc.core.audit;

import java.util.List;

/**
 * The append-only ledger of everything the loop did. {@link #append} returns only once the event is
 * durably stored, so an effect is never reported done before its event is in the ledger.
 */
public interface AuditLog {

    AuditEntry append(AuditEvent event);

    List<AuditEntry> query(AuditQuery query);

    /** Walks the whole chain and names the first entry that does not match. */
    AuditVerification verify();
}
