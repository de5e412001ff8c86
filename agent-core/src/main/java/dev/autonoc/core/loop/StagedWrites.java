package dev.autonoc.core.loop;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.audit.AuditVerification;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The loop's writes held back until the rule asks for them (docs/design.md, "Safety properties", 4;
 * docs/connected-mode.md, "Fewer commits"): within a unit of work (a case's open, or its work in a
 * tick, on one thread), the events {@link #stage}d (a read's call and result, a plan, a decision)
 * and the case rows saved are kept here, and written at the unit's effects only:
 *
 * <ul>
 *   <li>an event {@link #append}ed (one with an effect, or reporting one) goes to the ledger with
 *       every event staged before it, in one {@link AuditLog#appendAll}, in the order handed in;
 *   <li>{@link #flush} (before an act runs, before an approval request is made visible, and at the
 *       unit's end) writes the staged events, then the rows, each case's latest: every event is in
 *       the ledger before the row that reports it, as when each was written at once;
 *   <li>the rows kept are what this thread reads back ({@link #row}), so the unit sees its own
 *       writes; other threads see the store, as they would see another instance's cases;
 *   <li>a write handed to {@link #beforeNextWrite} (the gate's durable record of an act) runs
 *       before any of the unit's next writes: an act's result, staged after it, reaches the ledger
 *       only once the record is kept.
 * </ul>
 *
 * <p>The chain is the same as if each event had been appended when it was handed in: the events
 * reach the ledger in the order this thread handed them in, and nothing staged is dropped (a
 * failure to write is the caller's, at the append or flush that wrote them, before the effect that
 * asked for them). Off (the default: the embedded mode, whose trails must stay byte-identical run
 * to run), or outside a unit, every event and row is written at once.
 *
 * <p>A crash before a flush loses what was held: no effect rests on it (a read has none, a plan or
 * a decision is not acted on before the flush). In connected mode the Kafka batch that led to the
 * unit is committed only after the tick, so a crash replays it and the case is opened again.
 */
final class StagedWrites implements AuditLog {

    private final AuditLog ledger;
    private final CaseStore store;
    private final boolean enabled;
    private final ThreadLocal<@Nullable Unit> current = new ThreadLocal<>();

    StagedWrites(AuditLog ledger, CaseStore store, boolean enabled) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.store = Objects.requireNonNull(store, "store");
        this.enabled = enabled;
    }

    /** One thread's held writes. */
    private static final class Unit {
        // what must be durable before any of the unit's next writes (a gate's record of an act,
        // before the act's result): run first, in order, each forgotten once it has run
        final List<Runnable> before = new ArrayList<>();
        final List<AuditEvent> events = new ArrayList<>();
        final Map<CaseId, CaseRecord> rows = new LinkedHashMap<>();
    }

    /**
     * Runs {@code work} as a unit of work on this thread (joining the unit already open here, if
     * any), and flushes what it held at its end. Off, it only runs {@code work}.
     */
    <T> T inUnit(Supplier<T> work) {
        Scope scope = begin();
        T out;
        try {
            out = work.get();
        } catch (RuntimeException | Error e) {
            scope.failed(e);
            throw e;
        }
        scope.end();
        return out;
    }

    /**
     * Opens a unit of work on this thread, or joins the one open here; {@link Scope#end} writes
     * what the unit held if this scope opened it.
     */
    Scope begin() {
        if (!enabled || current.get() != null) {
            return new Scope(null);
        }
        Unit unit = new Unit();
        current.set(unit);
        return new Scope(unit);
    }

    /** A unit's extent on one thread. */
    final class Scope {
        private final @Nullable Unit opened;

        private Scope(@Nullable Unit opened) {
            this.opened = opened;
        }

        /** Writes what the unit held and closes it, if this scope opened it. */
        void end() {
            if (opened == null) {
                return;
            }
            try {
                write(opened);
            } finally {
                current.remove();
            }
        }

        /**
         * The unit's work failed: what it held still happened (reads, plans) and rests on nothing
         * undone, so it is written if the ledger takes it, and a case and its events are not lost
         * with the error; a failure to write goes with {@code e}.
         */
        void failed(Throwable e) {
            try {
                end();
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
        }
    }

    void inUnit(Runnable work) {
        inUnit(
                () -> {
                    work.run();
                    return null;
                });
    }

    @Override
    public void stage(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        Unit unit = current.get();
        if (unit == null) {
            ledger.append(event);
        } else {
            unit.events.add(event);
        }
    }

    /**
     * Runs {@code write} before this thread's unit writes anything more (its next append, flush or
     * end), or at once outside a unit: a write that must precede what the unit stages next (the
     * gate's record of an act, before the act's result) but need not hold up the caller. A write
     * that fails is kept and run again before the next write, whose caller gets the failure.
     */
    void beforeNextWrite(Runnable write) {
        Objects.requireNonNull(write, "write");
        Unit unit = current.get();
        if (unit == null) {
            write.run();
        } else {
            unit.before.add(write);
        }
    }

    private static void runBefore(@Nullable Unit unit) {
        if (unit == null) {
            return;
        }
        var writes = unit.before.iterator();
        while (writes.hasNext()) {
            writes.next().run();
            writes.remove();
        }
    }

    @Override
    public AuditEntry append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        Unit unit = current.get();
        runBefore(unit);
        if (unit == null || unit.events.isEmpty()) {
            return ledger.append(event);
        }
        List<AuditEvent> all = new ArrayList<>(unit.events);
        all.add(event);
        List<AuditEntry> entries = ledger.appendAll(all);
        unit.events.clear();
        return entries.get(entries.size() - 1);
    }

    @Override
    public List<AuditEntry> appendAll(List<AuditEvent> events) {
        Unit unit = current.get();
        runBefore(unit);
        if (unit == null || unit.events.isEmpty()) {
            return ledger.appendAll(events);
        }
        List<AuditEvent> all = new ArrayList<>(unit.events);
        all.addAll(events);
        List<AuditEntry> entries = ledger.appendAll(all);
        unit.events.clear();
        return List.copyOf(entries.subList(entries.size() - events.size(), entries.size()));
    }

    /** Writes what this thread's unit holds: its staged events, then its rows. */
    @Override
    public void flush() {
        Unit unit = current.get();
        if (unit != null) {
            write(unit);
        }
    }

    private void write(Unit unit) {
        runBefore(unit);
        if (!unit.events.isEmpty()) {
            ledger.appendAll(List.copyOf(unit.events));
            unit.events.clear();
        }
        // a row is forgotten only once written: a store that refuses one (fenced) leaves the
        // others for the next flush, and the refusal to the caller
        var rows = unit.rows.values().iterator();
        while (rows.hasNext()) {
            store.save(rows.next());
            rows.remove();
        }
    }

    /**
     * Keeps {@code c} as the case's row until this unit's next flush; false (nothing kept) outside
     * a unit, where the caller saves it at once.
     */
    boolean hold(CaseRecord c) {
        Unit unit = current.get();
        if (unit == null) {
            return false;
        }
        unit.rows.remove(c.id()); // to the end: rows are written in the order last saved
        unit.rows.put(c.id(), c);
        return true;
    }

    /** The row this thread's unit holds for the case, not yet written. */
    Optional<CaseRecord> row(CaseId id) {
        Unit unit = current.get();
        return unit == null ? Optional.empty() : Optional.ofNullable(unit.rows.get(id));
    }

    /** The rows this thread's unit holds, not yet written. */
    Collection<CaseRecord> rows() {
        Unit unit = current.get();
        return unit == null ? List.of() : List.copyOf(unit.rows.values());
    }

    /** The ledger as it is durably: what a unit staged is not in it before its flush. */
    @Override
    public List<AuditEntry> query(AuditQuery query) {
        return ledger.query(query);
    }

    @Override
    public AuditVerification verify() {
        return ledger.verify();
    }
}
