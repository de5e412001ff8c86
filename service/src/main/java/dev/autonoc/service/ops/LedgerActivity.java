package dev.autonoc.service.ops;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many events the service has appended to the ledger since it started: a cheap way for the
 * console's live updates to notice that something happened, without reading the ledger.
 */
public final class LedgerActivity {

    private final AtomicLong appended = new AtomicLong();

    void appended() {
        appended.incrementAndGet();
    }

    /** Events appended since start; it only grows. */
    public long count() {
        return appended.get();
    }
}
