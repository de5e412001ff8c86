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
import dev.autonoc.tools.oss.Ticket;
import dev.autonoc.tools.oss.TicketRequest;
import dev.autonoc.tools.oss.TroubleTicket;
import java.util.List;

/** {@code open_ticket}: the case's trouble ticket. */
final class OpenTicket extends CatalogueTool {

    static final List<String> SEVERITIES = List.of("minor", "major", "critical");

    private final ResourceInventory inventory;
    private final TroubleTicket tickets;

    OpenTicket(ResourceInventory inventory, TroubleTicket tickets) {
        super(
                ToolNames.OPEN_TICKET,
                ToolKind.ACT,
                TroubleTicket.API,
                "Opens the case's trouble ticket on an element (one per case).",
                List.of(
                        Arg.string("case_id", "the case the ticket is for"),
                        Arg.string("element_id", "the element concerned, e.g. core-rtr-02"),
                        Arg.string("summary", "one line saying what is wrong"),
                        Arg.string("severity", "how bad it is").oneOf(SEVERITIES)));
        this.inventory = inventory;
        this.tickets = tickets;
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
        Ticket ticket =
                tickets.create(
                        new TicketRequest(
                                args.string("case_id"),
                                args.string("element_id"),
                                args.string("summary"),
                                args.string("severity")),
                        invocation.key().value());
        return ToolResult.succeeded(
                tree("ticket_id", ticket.id(), "case_id", ticket.externalId()),
                "opened ticket " + ticket.id() + " for case " + ticket.externalId());
    }
}
