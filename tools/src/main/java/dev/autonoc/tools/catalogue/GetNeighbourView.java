package dev.autonoc.tools.catalogue;

import static dev.autonoc.tools.catalogue.Trees.tree;

import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.tools.catalogue.ArgumentSchema.Args;
import dev.autonoc.tools.oss.NeighbourView;
import dev.autonoc.tools.oss.ResourceInventory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code get_neighbour_view}: how the element's neighbours see the links to it, from their own
 * interfaces: the cross-check of an element whose own data are not fresh (docs/data-quality.md).
 */
final class GetNeighbourView extends CatalogueTool {

    private final ResourceInventory inventory;

    GetNeighbourView(ResourceInventory inventory) {
        super(
                ToolNames.GET_NEIGHBOUR_VIEW,
                ToolKind.READ,
                ResourceInventory.API,
                "How the element's neighbours see the link between them now, read from each"
                        + " neighbour's own interface (for a link, its two ends): whether the"
                        + " adjacency is up, and the link's readings there. A second source when"
                        + " the element's own telemetry is stale, stuck or skewed.",
                List.of(
                        Arg.string(
                                "element_id",
                                "the element's id, e.g. link-agg-rtr-01-core-rtr-01")));
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
        List<NeighbourView> views = inventory.neighbourViews(id);
        List<Object> rows = views.stream().<Object>map(GetNeighbourView::row).toList();
        return ToolResult.succeeded(
                tree("element_id", id, "views", rows),
                views.size() + " neighbour view" + (views.size() == 1 ? "" : "s") + " of " + id);
    }

    private static Map<String, Object> row(NeighbourView v) {
        Map<String, Object> row =
                tree(
                        "neighbour_id",
                        v.neighbourId(),
                        "link_id",
                        v.linkId(),
                        "adjacency",
                        v.adjacencyUp() ? "UP" : "DOWN",
                        "at",
                        v.at().toString());
        row.putAll(new TreeMap<>(v.readings()));
        return row;
    }
}
