package dev.autonoc.core.loop;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.network.ElementId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The loop's cases: the store, which is the truth and outlives the process, and beside it the
 * latest case of each element, so that a tick asks "is there a case on this element?" without a
 * scan of every case ever opened. Thread-safe when its store is: a loop that works its new cases at
 * once saves from several threads.
 *
 * <p>Inside a unit of work that holds its writes ({@link StagedWrites}), a save is kept until the
 * unit's next flush, and this thread reads its kept rows before the store's.
 */
final class CaseBook {

    private final CaseStore store;
    private final StagedWrites staged;
    private final String idPrefix;
    private final Map<ElementId, CaseRecord> latestByElement = new HashMap<>();
    private int count;

    CaseBook(CaseStore store, StagedWrites staged, String idPrefix) {
        this.store = store;
        this.staged = staged;
        this.idPrefix = idPrefix;
        reload();
    }

    /** Reads the latest case of each element from the store again; ids go on past every case. */
    synchronized void reload() {
        latestByElement.clear();
        int all = 0;
        for (CaseRecord c : store.all()) {
            CaseRecord latest = latestByElement.get(c.element().id());
            if (latest == null || !latest.openedAt().isAfter(c.openedAt())) {
                latestByElement.put(c.element().id(), c);
            }
            all++;
        }
        count = Math.max(count, all);
    }

    CaseRecord save(CaseRecord c) {
        if (!staged.hold(c)) {
            store.save(c);
        }
        remember(c);
        return c;
    }

    private synchronized void remember(CaseRecord c) {
        CaseRecord latest = latestByElement.get(c.element().id());
        if (latest == null
                || latest.id().equals(c.id())
                || latest.openedAt().isBefore(c.openedAt())) {
            latestByElement.put(c.element().id(), c);
        }
    }

    synchronized CaseId nextId() {
        count++;
        return new CaseId(String.format("%s-%04d", idPrefix, count));
    }

    synchronized Optional<CaseRecord> latestOn(ElementId element) {
        return Optional.ofNullable(latestByElement.get(element));
    }

    Optional<CaseRecord> find(CaseId id) {
        Optional<CaseRecord> kept = staged.row(id);
        return kept.isPresent() ? kept : store.find(id);
    }

    List<CaseRecord> open() {
        return withKept(store.open(), true);
    }

    List<CaseRecord> all() {
        return withKept(store.all(), false);
    }

    /** The store's cases with this thread's kept rows over them (new ones last). */
    private List<CaseRecord> withKept(List<CaseRecord> stored, boolean openOnly) {
        var kept = staged.rows();
        if (kept.isEmpty()) {
            return stored;
        }
        Map<CaseId, CaseRecord> out = new LinkedHashMap<>();
        stored.forEach(c -> out.put(c.id(), c));
        kept.forEach(c -> out.put(c.id(), c));
        List<CaseRecord> list = new ArrayList<>(out.size());
        for (CaseRecord c : out.values()) {
            if (!openOnly || c.status().isOpen()) {
                list.add(c);
            }
        }
        return list;
    }
}
