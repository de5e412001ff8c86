package dev.autonoc.tools.catalogue;

import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.tools.fake.FakeOssBss;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** The in-memory operator with the standard catalogue over it, at a chosen time. */
final class FakeOperatorFixture {

    /** Monday 6 January 2025, 10:00 UTC: in shift. */
    static final Instant MONDAY_10 = Instant.parse("2025-01-06T10:00:00Z");

    final Clock clock;
    final FakeOssBss fake;
    final ToolCatalogue catalogue;

    FakeOperatorFixture() {
        this(MONDAY_10);
    }

    FakeOperatorFixture(Instant now) {
        this.clock = Clock.fixed(now, ZoneOffset.UTC);
        this.fake = new FakeOssBss(clock);
        this.catalogue = ToolCatalogues.standard(fake.ossBss(), clock);
    }

    ToolResult run(String tool, Map<String, Object> args, String key) {
        return catalogue
                .require(tool)
                .execute(
                        new ToolInvocation(
                                ToolCall.of(tool, args), new IdempotencyKey(key), "agent"));
    }
}
