package dev.autonoc.service.store;

import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditQuery;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;

/**
 * What the service keeps, in memory for one test: the audit ledger and the service's tables, each
 * in an H2 database of its own, named after the test. {@link #close} drops both.
 */
public final class InMemoryState implements AutoCloseable {

    private final String name;
    private final JdbcAuditLog ledger;
    private final DataSource serviceTables;
    private final ServiceDatabase db;

    /**
     * @param prefix names the databases, for a reader of a failure; made unique here
     * @param wall the ledger's recording clock
     */
    public InMemoryState(String prefix, Clock wall) {
        this.name = prefix + "-" + System.nanoTime();
        this.ledger = JdbcAuditLog.h2InMemory(name, wall);
        this.serviceTables = TestDatabases.h2();
        this.db = ServiceDatabase.open(serviceTables);
    }

    public JdbcAuditLog ledger() {
        return ledger;
    }

    public ServiceDatabase db() {
        return db;
    }

    /** The ledger's events of {@code type}, in the order they were appended. */
    public List<AuditEvent> events(AuditEventType type) {
        return ledger.query(AuditQuery.all()).stream()
                .map(AuditEntry::event)
                .filter(e -> e.type() == type)
                .toList();
    }

    @Override
    public void close() {
        ledger.close();
        JdbcAuditLog.dropH2InMemory(name);
        TestDatabases.execute(serviceTables, "SHUTDOWN");
    }
}
