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
import dev.autonoc.tools.oss.ReroutePreview;
import dev.autonoc.tools.oss.Resource;
import dev.autonoc.tools.oss.ResourceInventory;
import dev.autonoc.tools.oss.ServiceActivation;
import java.util.List;

/** {@code reroute_traffic}: moves an element's traffic onto other paths. */
final class RerouteTraffic extends CatalogueTool {

    /** Above this utilisation a link is congested (the operator's policy uses the same line). */
    static final double CONGESTED = 0.8;

    private final ResourceInventory inventory;
    private final ServiceActivation activation;

    RerouteTraffic(ResourceInventory inventory, ServiceActivation activation) {
        super(
                ToolNames.REROUTE_TRAFFIC,
                ToolKind.ACT,
                ServiceActivation.API,
                "Moves an element's traffic onto other paths (the element becomes DRAINED), e.g."
                        + " before planned work on it.",
                List.of(Arg.string("element_id", "the element to drain, e.g. core-rtr-02")));
        this.inventory = inventory;
        this.activation = activation;
    }

    @Override
    Estimate estimate(Args args) {
        Resource element = Trees.element(inventory, name(), args.string("element_id"));
        ReroutePreview preview = activation.previewReroute(element.id());
        Risk risk =
                preview.sitesIsolated() > 0
                        ? Risk.HIGH
                        : preview.slicesBreached() > 0 || preview.maxUtilizationAfter() > CONGESTED
                                ? Risk.MEDIUM
                                : Risk.LOW;
        return new Estimate(
                0.0,
                risk,
                Trees.elementFacts(
                        element,
                        "max_utilization_after",
                        preview.maxUtilizationAfter(),
                        "slices_breached",
                        (double) preview.slicesBreached(),
                        "sites_isolated",
                        (double) preview.sitesIsolated(),
                        "has_alternate_path",
                        preview.hasAlternatePath()));
    }

    @Override
    ToolResult run(Args args, ToolInvocation invocation) {
        ActivationResult result =
                activation.reroute(args.string("element_id"), invocation.key().value());
        return ToolResult.succeeded(
                tree(
                        "moved_gbps", result.trafficGbps(),
                        "max_utilization", result.maxUtilization()),
                "moved "
                        + result.trafficGbps()
                        + " Gbps off "
                        + result.resourceId()
                        + ", max utilisation "
                        + result.maxUtilization());
    }
}
