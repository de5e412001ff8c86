package dev.autonoc.service.audit;

import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.audit.AuditVerification;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The ledger's appends of threads that append at the same moment, committed together (a group
 * commit; docs/connected-mode.md, "A case's first proposal"): connected mode's loop works new cases
 * at once, each appending its case's events one at a time and waiting for each to be durable, and
 * on PostgreSQL each commit waits for the disk (4-5 ms here), so that one writer at a time makes
 * the ledger the cases' queue. An append that finds no commit under way commits what is waiting,
 * its own event and any others that came meanwhile, in one transaction ({@link
 * JdbcAuditLog#appendAll}); an append that finds one under way waits for it and is then committed
 * with the next group, or by one of the group it joined. Every append still returns only once its
 * event is durable, with its entry; the chain is the ledger's one writer's, in the order the events
 * were handed in. A group the ledger refuses (a bad event refuses its whole transaction) is
 * appended again one caller's events at a time, so that only the bad event's caller fails. One
 * thread alone commits as before. A caller's several events ({@link #appendAll}: what a unit of
 * work of the loop staged, docs/connected-mode.md "Fewer commits") stay together and in their order
 * in the chain, and are written all or none.
 */
public final class GroupCommitLedger implements AuditLog {

    private final JdbcAuditLog ledger;
    private final Object lock = new Object();
    private List<Pending> waiting = new ArrayList<>();
    private boolean committing;

    public GroupCommitLedger(JdbcAuditLog ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /** One caller's events waiting for their group's commit: all written, or none. */
    private static final class Pending {
        final List<AuditEvent> events;
        @Nullable List<AuditEntry> entries;
        @Nullable RuntimeException failure;
        boolean done;

        Pending(List<AuditEvent> events) {
            this.events = events;
        }
    }

    @Override
    public AuditEntry append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        return appendAll(List.of(event)).get(0);
    }

    /**
     * The events in their order, together with whatever other threads hand in meanwhile: all of
     * them durable when this returns, or none of them (the exception), whatever the others' fate.
     */
    @Override
    public List<AuditEntry> appendAll(List<AuditEvent> events) {
        Objects.requireNonNull(events, "events");
        events.forEach(e -> Objects.requireNonNull(e, "event"));
        if (events.isEmpty()) {
            return List.of();
        }
        Pending mine = new Pending(List.copyOf(events));
        List<Pending> group;
        boolean interrupted = false;
        try {
            synchronized (lock) {
                waiting.add(mine);
                while (committing && !mine.done) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        // the events are handed in and will be committed with their group: wait
                        // for that, and keep the interrupt for the caller
                        interrupted = true;
                    }
                }
                if (mine.done) {
                    return outcome(mine);
                }
                // no commit under way and these events still wait: this caller commits the group
                committing = true;
                group = waiting;
                waiting = new ArrayList<>();
            }
            try {
                commit(group);
            } finally {
                synchronized (lock) {
                    // an error out of the ledger (not an exception it reports): no member of the
                    // group is left waiting for an outcome it would never get
                    for (Pending p : group) {
                        if (!p.done) {
                            p.failure =
                                    new IllegalStateException(
                                            "the ledger failed while committing this event's group");
                            p.done = true;
                        }
                    }
                    committing = false;
                    lock.notifyAll();
                }
            }
            return outcome(mine);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void commit(List<Pending> group) {
        if (group.size() == 1) {
            Pending p = group.get(0);
            settle(p, () -> write(p.events));
            return;
        }
        List<AuditEvent> events = new ArrayList<>();
        group.forEach(p -> events.addAll(p.events));
        List<AuditEntry> entries;
        try {
            entries = ledger.appendAll(events);
        } catch (RuntimeException e) {
            // nothing of the group was written: each caller's events on their own, so that only
            // a bad one's caller fails
            for (Pending p : group) {
                settle(p, () -> write(p.events));
            }
            return;
        }
        synchronized (lock) {
            int at = 0;
            for (Pending p : group) {
                p.entries = List.copyOf(entries.subList(at, at + p.events.size()));
                at += p.events.size();
                p.done = true;
            }
        }
    }

    private List<AuditEntry> write(List<AuditEvent> events) {
        return events.size() == 1
                ? List.of(ledger.append(events.get(0)))
                : ledger.appendAll(events);
    }

    private void settle(Pending p, Supplier<List<AuditEntry>> append) {
        List<AuditEntry> entries = null;
        RuntimeException failure = null;
        try {
            entries = append.get();
        } catch (RuntimeException e) {
            failure = e;
        }
        synchronized (lock) {
            p.entries = entries;
            p.failure = failure;
            p.done = true;
        }
    }

    private List<AuditEntry> outcome(Pending p) {
        synchronized (lock) {
            if (p.failure != null) {
                throw p.failure;
            }
            return Objects.requireNonNull(p.entries, "an append settled without its entries");
        }
    }

    @Override
    public List<AuditEntry> query(AuditQuery query) {
        return ledger.query(query);
    }

    @Override
    public AuditVerification verify() {
        return ledger.verify();
    }
}
