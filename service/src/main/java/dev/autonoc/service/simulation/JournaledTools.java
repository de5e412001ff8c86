package dev.autonoc.service.simulation;

import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.core.tool.ToolDescriptor;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.service.store.WorldStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The twin's tools, each invocation written to the world's journal before it runs: the loop's, the
 * MCP clients' and the console's calls alike, reads included (a read may draw from the twin's
 * random faults). After a restart {@link WorldRestore} replays the journal into a new twin, so the
 * twin is the one the cases were working on, with the same orders, bookings and idempotency keys. A
 * call journaled whose effect never happened (a crash in between) is replayed as if it ran; the
 * step that made it retries with the same key, which the twin answers without a second effect.
 */
final class JournaledTools implements ToolCatalogue {

    private final List<Tool> tools;

    JournaledTools(ToolCatalogue twinTools, WorldStore worlds, String worldId, Clock simClock) {
        this.tools =
                twinTools.tools().stream()
                        .map(t -> (Tool) new Journaled(t, worlds, worldId, simClock))
                        .toList();
    }

    @Override
    public List<Tool> tools() {
        return tools;
    }

    private record Journaled(Tool delegate, WorldStore worlds, String worldId, Clock simClock)
            implements Tool {

        @Override
        public ToolDescriptor descriptor() {
            return delegate.descriptor();
        }

        @Override
        public Estimate estimate(Map<String, Object> arguments) {
            return delegate.estimate(arguments);
        }

        @Override
        public ToolResult execute(ToolInvocation invocation) {
            worlds.journal(worldId, simClock.instant(), invocation);
            return delegate.execute(invocation);
        }
    }
}
