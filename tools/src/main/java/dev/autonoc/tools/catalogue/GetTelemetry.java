package dev.autonoc.tools.catalogue;

import static dev.autonoc.tools.catalogue.Trees.tree;

import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.tools.catalogue.ArgumentSchema.Args;
import dev.autonoc.tools.oss.ResourceInventory;
import java.util.List;
import java.util.Map;

/** {@code get_telemetry}: an element's recent samples, oldest first. */
final class GetTelemetry extends CatalogueTool {

    static final long DEFAULT_SAMPLES = 12;
    static final long MAX_SAMPLES = 288;

    private final ResourceInventory inventory;

    GetTelemetry(ResourceInventory inventory) {
        super(
                ToolNames.GET_TELEMETRY,
                ToolKind.READ,
                ResourceInventory.API,
                "An element's most recent telemetry samples, oldest first; each has its time"
                        + " ('at') and the metrics the element reports.",
                List.of(
                        Arg.string("element_id", "the element's id, e.g. core-rtr-02"),
                        Arg.integer("samples", "how many recent samples", 1, MAX_SAMPLES)
                                .withDefault(DEFAULT_SAMPLES)));
        this.inventory = inventory;
    }

    @Override
    Estimate estimate(Args args) {
        return Estimate.free(Risk.LOW);
    }

    @Override
    ToolResult run(Args args, ToolInvocation invocation) {
        String id = args.string("element_id");
        if (inventory.findResource(id).isEmpty()) {
            return ToolResult.invalid(name() + ": no element '" + id + "' in the inventory");
        }
        List<TelemetrySample> samples = inventory.telemetry(id, (int) args.integer("samples"));
        List<Object> rows = samples.stream().<Object>map(GetTelemetry::row).toList();
        return ToolResult.succeeded(
                tree("element_id", id, "samples", rows), rows.size() + " samples of " + id);
    }

    private static Map<String, Object> row(TelemetrySample sample) {
        Map<String, Object> row = tree("at", sample.at().toString());
        for (Metric metric : Metric.values()) {
            if (sample.has(metric)) {
                row.put(metric.key(), sample.value(metric));
            }
        }
        return row;
    }
}
