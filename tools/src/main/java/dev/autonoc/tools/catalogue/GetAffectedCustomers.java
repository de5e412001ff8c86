package dev.autonoc.tools.catalogue;

import static dev.autonoc.tools.catalogue.Trees.tree;

import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.tools.catalogue.ArgumentSchema.Args;
import dev.autonoc.tools.oss.ServiceImpact;
import dev.autonoc.tools.oss.ServiceInventory;
import java.util.List;

/** {@code get_affected_customers}: who would lose service or SLA if an element went down. */
final class GetAffectedCustomers extends CatalogueTool {

    private final ServiceInventory services;

    GetAffectedCustomers(ServiceInventory services) {
        super(
                ToolNames.GET_AFFECTED_CUSTOMERS,
                ToolKind.READ,
                ServiceInventory.API,
                "Who would lose service or SLA if the element went down with no reroute:"
                        + " consumers, and enterprise slices with their customer and monthly fee.",
                List.of(Arg.string("element_id", "the element's id, e.g. core-rtr-02")));
        this.services = services;
    }

    @Override
    Estimate estimate(Args args) {
        return Estimate.free(Risk.LOW);
    }

    @Override
    ToolResult run(Args args, ToolInvocation invocation) {
        ServiceImpact impact = services.impactOf(args.string("element_id"));
        List<Object> slices =
                impact.enterpriseSlices().stream()
                        .<Object>map(
                                s ->
                                        tree(
                                                "slice_id", s.id(),
                                                "customer_id", s.customerId(),
                                                "monthly_fee_gbp", s.monthlyFee().value()))
                        .toList();
        return ToolResult.succeeded(
                tree(
                        "element_id", impact.resourceId(),
                        "has_alternate_path", impact.hasAlternatePath(),
                        "consumers", impact.consumers(),
                        "enterprise_slices", slices),
                impact.consumers()
                        + " consumers and "
                        + slices.size()
                        + " enterprise slices depend on "
                        + impact.resourceId());
    }
}
