package dev.autonoc.core.loop;

import dev.autonoc.core.CaseId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per case, so that a case is worked by one thread at a time when the loop works its new
 * cases at once ({@link NewCases}): a new case's worker holds its own case's lock, and a case that
 * takes an engineer's time from another only tries the other's lock (it never waits for it), so no
 * two workers can wait for each other. Reentrant: a worker may come back to its own case.
 */
final class CaseLocks {

    private final Map<CaseId, ReentrantLock> locks = new ConcurrentHashMap<>();

    Lock of(CaseId id) {
        return locks.computeIfAbsent(id, i -> new ReentrantLock());
    }

    /** Forgets the locks of cases no longer open; they are made again if a case is worked. */
    void retainOnly(Set<CaseId> open) {
        locks.entrySet().removeIf(e -> !open.contains(e.getKey()) && !e.getValue().isLocked());
    }
}
