package dev.autonoc.core.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The append-only ledger of everything the loop did. {@link #append} returns only once the event is
 * durably stored, so an effect is never reported done before its event is in the ledger.
 *
 * <p>The rule is write-ahead <em>before an effect</em> (docs/design.md, safety property 4): an
 * event about something without an effect (a read's call and result, a plan, a decision not yet
 * acted on) need not be durable the moment it is written, only before the next effect of the same
 * unit of work. {@link #stage} hands such an event in; it is durable, in the order handed in, once
 * the same unit's next {@link #append}, {@link #appendAll} or {@link #flush} returns. A ledger that
 * does not stage appends it at once, which keeps the rule trivially.
 */
public interface AuditLog {

    AuditEntry append(AuditEvent event);

    /**
     * Appends the events in their order, each durable when this returns; a ledger that can commits
     * them together. The default appends them one at a time.
     */
    default List<AuditEntry> appendAll(List<AuditEvent> events) {
        List<AuditEntry> out = new ArrayList<>(events.size());
        for (AuditEvent e : events) {
            out.add(append(e));
        }
        return out;
    }

    /**
     * Hands in an event that need not be durable yet: it keeps its place in the order events are
     * handed in, and is durable before the same unit of work's next append or flush returns (see
     * the class comment). The default appends it at once.
     */
    default void stage(AuditEvent event) {
        append(event);
    }

    /** Makes every event this unit of work staged durable, before an effect. */
    default void flush() {}

    List<AuditEntry> query(AuditQuery query);

    /** Walks the whole chain and names the first entry that does not match. */
    AuditVerification verify();
}
