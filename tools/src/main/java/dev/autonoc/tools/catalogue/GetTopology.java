package dev.autonoc.tools.catalogue;

import static dev.autonoc.tools.catalogue.Trees.tree;

import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.tools.catalogue.ArgumentSchema.Args;
import dev.autonoc.tools.oss.ResourceInventory;
import dev.autonoc.tools.oss.ResourceTopology;
import java.util.List;

/** {@code get_topology}: every element and link of the network. */
final class GetTopology extends CatalogueTool {

    private final ResourceInventory inventory;

    GetTopology(ResourceInventory inventory) {
        super(
                ToolNames.GET_TOPOLOGY,
                ToolKind.READ,
                ResourceInventory.API,
                "Lists every network element (id, kind, role, region, site, status) and every"
                        + " fibre link (id, the two routers, capacity in Gbps).",
                List.of());
        this.inventory = inventory;
    }

    @Override
    Estimate estimate(Args args) {
        return Estimate.free(Risk.LOW);
    }

    @Override
    ToolResult run(Args args, ToolInvocation invocation) {
        ResourceTopology topology = inventory.topology();
        List<Object> elements =
                topology.resources().stream()
                        .<Object>map(
                                r ->
                                        tree(
                                                "id", r.id(),
                                                "kind", r.category().name(),
                                                "role", r.role(),
                                                "region", r.region(),
                                                "site", r.site(),
                                                "status", r.resourceStatus().name()))
                        .toList();
        List<Object> links =
                topology.links().stream()
                        .<Object>map(
                                l ->
                                        tree(
                                                "id", l.id(),
                                                "a", l.a(),
                                                "b", l.b(),
                                                "capacity_gbps", l.capacityGbps()))
                        .toList();
        return ToolResult.succeeded(
                tree("elements", elements, "links", links),
                elements.size() + " elements, " + links.size() + " links");
    }
}
