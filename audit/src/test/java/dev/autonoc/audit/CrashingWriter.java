package dev.autonoc.audit;

import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link CrashRecoveryTest}: appends batches of 100 to an H2 file forever,
 * printing each batch's last sequence once appendAll has returned, until it is killed.
 */
final class CrashingWriter {

    private CrashingWriter() {}

    public static void main(String[] args) {
        try (JdbcAuditLog log = JdbcAuditLog.h2File(Path.of(args[0]), Clock.systemUTC())) {
            for (int batch = 0; ; batch++) {
                List<AuditEvent> events = new ArrayList<>(100);
                for (int i = 0; i < 100; i++) {
                    events.add(
                            Events.event(
                                    AuditEventType.TOOL_CALL,
                                    "case-" + batch,
                                    "rtr-7",
                                    "agent:autonoc",
                                    batch * 100 + i));
                }
                List<dev.autonoc.core.audit.AuditEntry> done = log.appendAll(events);
                System.out.println("committed " + done.get(done.size() - 1).sequence());
                System.out.flush();
            }
        }
    }
}
