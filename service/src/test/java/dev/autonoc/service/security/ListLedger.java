package dev.autonoc.service.security;

import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.audit.AuditVerification;
import java.util.ArrayList;
import java.util.List;

/** A ledger in a list, for unit tests of what the security writes. */
final class ListLedger implements AuditLog {

    final List<AuditEvent> events = new ArrayList<>();

    @Override
    public synchronized AuditEntry append(AuditEvent event) {
        events.add(event);
        return new AuditEntry(events.size(), event, event.simTime(), "0", "0");
    }

    @Override
    public List<AuditEntry> query(AuditQuery query) {
        return List.of();
    }

    @Override
    public AuditVerification verify() {
        return AuditVerification.intact(events.size());
    }

    synchronized List<String> kinds() {
        return events.stream().map(e -> (String) e.payload().get("kind")).toList();
    }
}
