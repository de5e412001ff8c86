package dev.autonoc.service.store;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Skips jqwik properties unless {@code AUTONOC_TEST_POSTGRES_URL} names a server: jqwik does not
 * read JUnit Jupiter's conditions, so the PostgreSQL tests carry both.
 */
public final class PostgresOnly implements SkipExecutionHook {

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        String url = System.getenv(TestDatabases.POSTGRES_URL);
        return url == null || url.isBlank()
                ? SkipResult.skip(TestDatabases.POSTGRES_URL + " is not set")
                : SkipResult.doNotSkip();
    }
}
