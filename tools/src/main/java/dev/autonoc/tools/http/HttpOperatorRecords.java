package dev.autonoc.tools.http;

import static dev.autonoc.tools.http.HttpTroubleTicket.encode;

import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult.Outcome;
import dev.autonoc.tools.oss.ActivationResult;
import dev.autonoc.tools.oss.Appointment;
import dev.autonoc.tools.oss.BookedAppointment;
import dev.autonoc.tools.oss.OperatorRecords;
import dev.autonoc.tools.oss.OssException;
import dev.autonoc.tools.oss.ProductOrder;
import dev.autonoc.tools.oss.ProductOrdering;
import dev.autonoc.tools.oss.RecordedAct;
import dev.autonoc.tools.oss.ServiceActivation;
import dev.autonoc.tools.oss.Ticket;
import dev.autonoc.tools.oss.TroubleTicket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One TMF API's list query over a period ({@code ?creationDate.gte=&creationDate.lt=}, and {@code
 * &relatedEntity.id=} for one element, TMF630's attribute filters): the tickets, orders,
 * appointments or activations made then, as they are now.
 */
final class HttpOperatorRecords implements OperatorRecords {

    /** The four lists read, each with its API, path and reading of one item. */
    enum Source {
        TICKETS(TroubleTicket.API, TroubleTicketJson.TMF621_BASE + "/troubleTicket"),
        ORDERS(ProductOrdering.API, ProductOrderingJson.TMF622_BASE + "/productOrder"),
        APPOINTMENTS(Appointment.API, AppointmentJson.TMF646_BASE + "/appointment"),
        ACTIVATIONS(ServiceActivation.API, ServiceActivationJson.TMF640_BASE + "/service");

        final String api;
        final String path;

        Source(String api, String path) {
            this.api = api;
            this.path = path;
        }
    }

    private final HttpTmf http;
    private final Source source;

    HttpOperatorRecords(HttpTmf http, Source source) {
        this.http = http;
        this.source = source;
    }

    @Override
    public List<RecordedAct> between(Instant from, Instant to, Optional<String> elementId) {
        String query =
                "?creationDate.gte="
                        + encode(from.toString())
                        + "&creationDate.lt="
                        + encode(to.toString())
                        + elementId.map(e -> "&relatedEntity.id=" + encode(e)).orElse("");
        JsonNode list = http.get(source.api, source.path + query);
        if (!list.isArray()) {
            throw malformed("a list was expected, got " + list.getNodeType(), null);
        }
        List<RecordedAct> out = new ArrayList<>();
        for (JsonNode n : list) {
            try {
                out.add(read(n));
            } catch (IllegalArgumentException e) {
                throw malformed(e.getMessage(), e);
            }
        }
        return out;
    }

    private RecordedAct read(JsonNode n) {
        return switch (source) {
            case TICKETS -> {
                Ticket t = TroubleTicketJson.fromTicket(n);
                yield new RecordedAct(
                        source.api,
                        ToolNames.OPEN_TICKET,
                        t.id(),
                        t.externalId(),
                        t.elementId(),
                        t.creationDate(),
                        t.status(),
                        t.severity() + ": " + t.description());
            }
            case ORDERS -> {
                ProductOrder o = ProductOrderingJson.fromOrder(n);
                yield new RecordedAct(
                        source.api,
                        ToolNames.ORDER_PART,
                        o.id(),
                        o.externalId(),
                        o.item().elementId(),
                        o.orderDate(),
                        o.state(),
                        o.item().part()
                                + " from "
                                + o.item().source()
                                + " to "
                                + o.item().site()
                                + (o.item().expedite() ? ", expedited" : "")
                                + ", expected "
                                + o.expectedCompletionDate());
            }
            case APPOINTMENTS -> {
                BookedAppointment a = AppointmentJson.fromAppointment(n);
                yield new RecordedAct(
                        source.api,
                        ToolNames.DISPATCH_ENGINEER,
                        a.id(),
                        a.externalId(),
                        a.request().elementId(),
                        TmfJson.instant(n, "creationDate", "creationDate"),
                        a.status(),
                        a.request().engineerId()
                                + " at "
                                + a.request().site()
                                + " from "
                                + a.validFor().startDateTime()
                                + ": "
                                + a.request().task());
            }
            case ACTIVATIONS -> {
                ActivationResult r = ServiceActivationJson.fromActivation(n);
                yield new RecordedAct(
                        source.api,
                        switch (r.action()) {
                            case ActivationResult.REROUTE -> ToolNames.REROUTE_TRAFFIC;
                            case ActivationResult.RESTORE -> ToolNames.RESTORE_TRAFFIC;
                            default -> ToolNames.RESTART_ELEMENT;
                        },
                        r.id(),
                        r.externalId(),
                        r.resourceId(),
                        TmfJson.instant(n, "creationDate", "creationDate"),
                        r.state(),
                        r.action() + " " + r.resourceId());
            }
        };
    }

    private OssException malformed(String why, Exception cause) {
        return new OssException(
                source.api,
                "malformed list of " + source.path + ": " + why,
                Outcome.UNCERTAIN,
                cause);
    }
}
