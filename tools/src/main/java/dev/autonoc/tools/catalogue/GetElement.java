package dev.autonoc.tools.catalogue;

import static dev.autonoc.tools.catalogue.Trees.tree;

import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.tools.catalogue.ArgumentSchema.Args;
import dev.autonoc.tools.oss.Resource;
import dev.autonoc.tools.oss.ResourceInventory;
import dev.autonoc.tools.oss.ResourceState;
import java.util.List;
import java.util.Optional;

/** {@code get_element}: one element with its status and the traffic it carries. */
final class GetElement extends CatalogueTool {

    private final ResourceInventory inventory;

    GetElement(ResourceInventory inventory) {
        super(
                ToolNames.GET_ELEMENT,
                ToolKind.READ,
                ResourceInventory.API,
                "One network element: kind, role, region, site, status (UP, DOWN, UNDER_WORK,"
                        + " DRAINED), whether its traffic has another path, and its traffic in"
                        + " Gbps.",
                List.of(Arg.string("element_id", "the element's id, e.g. core-rtr-02")));
        this.inventory = inventory;
    }

    @Override
    Estimate estimate(Args args) {
        return Estimate.free(Risk.LOW);
    }

    @Override
    ToolResult run(Args args, ToolInvocation invocation) {
        String id = args.string("element_id");
        Optional<ResourceState> found = inventory.resourceState(id);
        if (found.isEmpty()) {
            return ToolResult.invalid(name() + ": no element '" + id + "' in the inventory");
        }
        ResourceState state = found.get();
        Resource r = state.resource();
        return ToolResult.succeeded(
                tree(
                        "id", r.id(),
                        "kind", r.category().name(),
                        "role", r.role(),
                        "region", r.region(),
                        "site", r.site(),
                        "status", r.resourceStatus().name(),
                        "has_alternate_path", state.hasAlternatePath(),
                        "traffic_gbps", state.trafficGbps()),
                r.id() + " is " + r.resourceStatus());
    }
}
