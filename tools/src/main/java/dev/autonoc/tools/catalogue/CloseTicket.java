package dev.autonoc.tools.catalogue;

import static dev.autonoc.tools.catalogue.Trees.tree;

import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.tools.catalogue.ArgumentSchema.Args;
import dev.autonoc.tools.oss.Ticket;
import dev.autonoc.tools.oss.TroubleTicket;
import java.util.List;
import java.util.Optional;

/** {@code close_ticket}: closes the case's ticket with a resolution. */
final class CloseTicket extends CatalogueTool {

    private final TroubleTicket tickets;

    CloseTicket(TroubleTicket tickets) {
        super(
                ToolNames.CLOSE_TICKET,
                ToolKind.ACT,
                TroubleTicket.API,
                "Closes the case's trouble ticket with a resolution.",
                List.of(
                        Arg.string("case_id", "the case whose ticket to close"),
                        Arg.string("resolution", "what was done")));
        this.tickets = tickets;
    }

    @Override
    Estimate estimate(Args args) {
        return Estimate.free(Risk.LOW);
    }

    @Override
    ToolResult run(Args args, ToolInvocation invocation) {
        String caseId = args.string("case_id");
        Optional<Ticket> found = tickets.findByExternalId(caseId);
        if (found.isEmpty()) {
            return ToolResult.invalid(name() + ": case " + caseId + " has no ticket to close");
        }
        Ticket ticket =
                tickets.close(
                        found.get().id(), args.string("resolution"), invocation.key().value());
        return ToolResult.succeeded(
                tree("ticket_id", ticket.id(), "status", ticket.status()),
                "ticket " + ticket.id() + " is " + ticket.status());
    }
}
