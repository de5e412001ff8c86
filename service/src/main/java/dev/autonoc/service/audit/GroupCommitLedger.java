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
 * appended again one event at a time, so that only the bad event's caller fails. One thread alone
 * commits as before.
 */
public final class GroupCommitLedger implements AuditLog {

    private final JdbcAuditLog ledger;
    private final Object lock = new Object();
    private List<Pending> waiting = new ArrayList<>();
    private boolean committing;

    public GroupCommitLedger(JdbcAuditLog ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /** One append waiting for its group's commit. */
    private static final class Pending {
        final AuditEvent event;
        @Nullable AuditEntry entry;
        @Nullable RuntimeException failure;
        boolean done;

        Pending(AuditEvent event) {
            this.event = event;
        }
    }

    @Override
    public AuditEntry append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        Pending mine = new Pending(event);
        List<Pending> group;
        boolean interrupted = false;
        try {
            synchronized (lock) {
                waiting.add(mine);
                while (committing && !mine.done) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        // the event is handed in and will be committed with its group: wait
                        // for that, and keep the interrupt for the caller
                        interrupted = true;
                    }
                }
                if (mine.done) {
                    return outcome(mine);
                }
                // no commit under way and this append still waits: it commits the group
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
            settle(p, () -> ledger.append(p.event));
            return;
        }
        List<AuditEvent> events = new ArrayList<>(group.size());
        group.forEach(p -> events.add(p.event));
        List<AuditEntry> entries;
        try {
            entries = ledger.appendAll(events);
        } catch (RuntimeException e) {
            // nothing of the group was written: each on its own, so that only a bad one fails
            for (Pending p : group) {
                settle(p, () -> ledger.append(p.event));
            }
            return;
        }
        synchronized (lock) {
            for (int i = 0; i < group.size(); i++) {
                group.get(i).entry = entries.get(i);
                group.get(i).done = true;
            }
        }
    }

    private void settle(Pending p, Supplier<AuditEntry> append) {
        AuditEntry entry = null;
        RuntimeException failure = null;
        try {
            entry = append.get();
        } catch (RuntimeException e) {
            failure = e;
        }
        synchronized (lock) {
            p.entry = entry;
            p.failure = failure;
            p.done = true;
        }
    }

    private AuditEntry outcome(Pending p) {
        synchronized (lock) {
            if (p.failure != null) {
                throw p.failure;
            }
            return Objects.requireNonNull(p.entry, "an append settled without its entry");
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
