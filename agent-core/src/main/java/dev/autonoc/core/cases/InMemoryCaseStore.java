package dev.autonoc.core.cases;

import dev.autonoc.core.CaseId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A case store in memory, for evals and tests; thread-safe. */
public final class InMemoryCaseStore implements CaseStore {

    private final Map<CaseId, CaseRecord> cases = new LinkedHashMap<>();

    @Override
    public synchronized void save(CaseRecord record) {
        cases.put(record.id(), record);
    }

    @Override
    public synchronized Optional<CaseRecord> find(CaseId id) {
        return Optional.ofNullable(cases.get(id));
    }

    @Override
    public synchronized List<CaseRecord> open() {
        return cases.values().stream().filter(c -> c.status().isOpen()).toList();
    }

    @Override
    public synchronized List<CaseRecord> all() {
        return List.copyOf(cases.values());
    }
}
