package dev.autonoc.core.loop;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.network.ElementId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The loop's cases: the store, which is the truth and outlives the process, and beside it the
 * latest case of each element, so that a tick asks "is there a case on this element?" without a
 * scan of every case ever opened. Thread-safe when its store is: a loop that works its new cases at
 * once saves from several threads.
 */
final class CaseBook {

    private final CaseStore store;
    private final String idPrefix;
    private final Map<ElementId, CaseRecord> latestByElement = new HashMap<>();
    private int count;

    CaseBook(CaseStore store, String idPrefix) {
        this.store = store;
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
        store.save(c);
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
        return store.find(id);
    }

    List<CaseRecord> open() {
        return store.open();
    }

    List<CaseRecord> all() {
        return store.all();
    }
}
