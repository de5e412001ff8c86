package dev.autonoc.tools.catalogue;

import static dev.autonoc.tools.catalogue.Trees.tree;

import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.tools.catalogue.ArgumentSchema.Args;
import dev.autonoc.tools.oss.Communication;
import dev.autonoc.tools.oss.CommunicationMessage;
import dev.autonoc.tools.oss.Resource;
import dev.autonoc.tools.oss.ResourceInventory;
import dev.autonoc.tools.oss.ServiceInventory;
import java.util.List;

/** {@code notify_customers}: tells an element's customers what is happening. */
final class NotifyCustomers extends CatalogueTool {

    private final ResourceInventory inventory;
    private final ServiceInventory services;
    private final Communication communication;

    NotifyCustomers(
            ResourceInventory inventory, ServiceInventory services, Communication communication) {
        super(
                ToolNames.NOTIFY_CUSTOMERS,
                ToolKind.ACT,
                Communication.API,
                "Sends a message to every customer of an element: its consumers and the"
                        + " enterprise customers of its slices.",
                List.of(
                        Arg.string("element_id", "the element whose customers to tell"),
                        Arg.string("message", "the text customers receive")));
        this.inventory = inventory;
        this.services = services;
        this.communication = communication;
    }

    @Override
    Estimate estimate(Args args) {
        Resource element = Trees.element(inventory, name(), args.string("element_id"));
        long customers = services.impactOf(element.id()).customers();
        return new Estimate(
                0.0, Risk.LOW, Trees.elementFacts(element, "customers", (double) customers));
    }

    @Override
    ToolResult run(Args args, ToolInvocation invocation) {
        CommunicationMessage sent =
                communication.notifyCustomers(
                        args.string("element_id"),
                        args.string("message"),
                        invocation.key().value());
        return ToolResult.succeeded(
                tree("notified", sent.receiverCount()),
                "told " + sent.receiverCount() + " customers of " + sent.resourceId());
    }
}
