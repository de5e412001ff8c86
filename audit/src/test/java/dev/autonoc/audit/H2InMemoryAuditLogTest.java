package dev.autonoc.audit;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

class H2InMemoryAuditLogTest extends AuditLogContractTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private String name;

    @Override
    JdbcAuditLog newLog(Clock clock) {
        name = "audit-contract-" + DATABASES.incrementAndGet();
        return JdbcAuditLog.h2InMemory(name, clock);
    }

    @Override
    JdbcAuditLog reopen() {
        return JdbcAuditLog.h2InMemory(name, Events.fixedClock());
    }
}
