package dev.autonoc.tools.catalogue;

import static dev.autonoc.tools.catalogue.Trees.tree;

import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.tools.catalogue.ArgumentSchema.Args;
import dev.autonoc.tools.oss.ActivationResult;
import dev.autonoc.tools.oss.ResourceInventory;
import dev.autonoc.tools.oss.ServiceActivation;
import java.util.List;

/** {@code restore_traffic}: moves traffic back onto an element; undoes {@code reroute_traffic}. */
final class RestoreTraffic extends CatalogueTool {

    private final ResourceInventory inventory;
    private final ServiceActivation activation;

    RestoreTraffic(ResourceInventory inventory, ServiceActivation activation) {
        super(
                ToolNames.RESTORE_TRAFFIC,
                ToolKind.ACT,
                ServiceActivation.API,
                "Moves traffic back onto an element that was drained (it becomes UP).",
                List.of(Arg.string("element_id", "the element to restore, e.g. core-rtr-02")));
        this.inventory = inventory;
        this.activation = activation;
    }

    @Override
    Estimate estimate(Args args) {
        return new Estimate(
                0.0,
                Risk.LOW,
                Trees.elementFacts(Trees.element(inventory, name(), args.string("element_id"))));
    }

    @Override
    ToolResult run(Args args, ToolInvocation invocation) {
        ActivationResult result =
                activation.restore(args.string("element_id"), invocation.key().value());
        return ToolResult.succeeded(
                tree("restored_gbps", result.trafficGbps()),
                "moved " + result.trafficGbps() + " Gbps back onto " + result.resourceId());
    }
}
