package dev.autonoc.simulators.http;

import dev.autonoc.tools.http.AppointmentJson;
import dev.autonoc.tools.http.ProductOrderingJson;
import dev.autonoc.tools.http.ServiceActivationJson;
import dev.autonoc.tools.http.TmfJson;
import dev.autonoc.tools.http.TmfPayloadException;
import dev.autonoc.tools.http.TroubleTicketJson;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What was made through the façade, for the list queries over a period: {@code GET
 * .../troubleTicket}, {@code .../productOrder}, {@code .../appointment} and {@code .../service}
 * with {@code ?creationDate.gte=&creationDate.lt=} (either or both) and {@code &relatedEntity.id=}
 * for one element (TMF630's attribute filters). Each item is answered as it is now, with its {@code
 * creationDate}: the twin's time when it was made, or without a clock the date the answer itself
 * carried (an appointment or activation made without either is not listed).
 *
 * <p>An operator's own systems keep these records; the twin's façade keeps them for the acts that
 * came through it, whoever sent them (the agent's tools, or a person's client).
 */
final class MadeRecords {

    static final String FROM = "creationDate.gte";
    static final String TO = "creationDate.lt";
    static final String ELEMENT = "relatedEntity.id";

    private record Made(String collection, String id, String element, Instant at, JsonNode first) {}

    private final Optional<Clock> clock;
    private final List<Made> made = new ArrayList<>();

    MadeRecords(Optional<Clock> clock) {
        this.clock = clock;
    }

    /** Whether a GET on a collection asks for the list over a period. */
    static boolean asksPeriod(TmfRequest r) {
        return r.query().containsKey(FROM) || r.query().containsKey(TO);
    }

    /** Keeps a create the façade answered with 201; passes the reply on unchanged. */
    TmfReply record(String collection, TmfRequest request, TmfReply reply) {
        if (reply.status() != 201 || !reply.body().isObject()) {
            return reply;
        }
        JsonNode body = reply.body();
        String element;
        try {
            element = elementOf(collection, request.json());
        } catch (TmfPayloadException e) {
            return reply;
        }
        if (element == null) {
            return reply;
        }
        Optional<Instant> at =
                clock.map(Clock::instant)
                        .or(() -> date(body, "creationDate"))
                        .or(() -> date(body, "orderDate"));
        if (at.isPresent()) {
            synchronized (made) {
                made.add(
                        new Made(
                                collection,
                                body.path("id").asString(""),
                                element,
                                at.get(),
                                body.deepCopy()));
            }
        }
        return reply;
    }

    private static String elementOf(String collection, JsonNode body) {
        if (collection.equals(TmfHttpFacade.TICKETS)) {
            return TroubleTicketJson.fromTicketCreate(body).elementId();
        }
        if (collection.equals(TmfHttpFacade.ORDERS)) {
            return ProductOrderingJson.fromOrderCreate(body).elementId();
        }
        if (collection.equals(TmfHttpFacade.APPOINTMENTS)) {
            return AppointmentJson.fromAppointmentCreate(body).elementId();
        }
        if (collection.equals(TmfHttpFacade.ACTIVATIONS)) {
            ServiceActivationJson.ActivationRequest a =
                    ServiceActivationJson.fromActivationCreate(body);
            return a.check() ? null : a.resourceId();
        }
        return null;
    }

    /**
     * The collection's items made in the period asked, oldest first, each as {@code now} reads it
     * by id (or as first answered, if it cannot be read now).
     */
    TmfReply list(String collection, TmfRequest r, Function<String, TmfReply> now) {
        Instant from = bound(r, FROM).orElse(Instant.MIN);
        Instant to = bound(r, TO).orElse(Instant.MAX);
        String element = r.query().get(ELEMENT);
        List<Made> found = new ArrayList<>();
        synchronized (made) {
            for (Made m : made) {
                if (m.collection().equals(collection)
                        && !m.at().isBefore(from)
                        && m.at().isBefore(to)
                        && (element == null || element.isBlank() || element.equals(m.element()))) {
                    found.add(m);
                }
            }
        }
        ArrayNode list = TmfJson.mapper().createArrayNode();
        for (Made m : found) {
            TmfReply current = now.apply(m.id());
            ObjectNode item =
                    (ObjectNode)
                            (current.status() == 200 && current.body().isObject()
                                    ? current.body().deepCopy()
                                    : m.first().deepCopy());
            if (!item.hasNonNull("creationDate")) {
                item.put("creationDate", m.at().toString());
            }
            list.add(item);
        }
        return TmfReply.ok(200, list);
    }

    private static Optional<Instant> bound(TmfRequest r, String filter) {
        String v = r.query().get(filter);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(v));
        } catch (DateTimeParseException e) {
            throw new TmfPayloadException(
                    filter,
                    "'" + v + "' is not an instant",
                    "an ISO-8601 instant, e.g. 2025-01-06T00:00:00Z");
        }
    }

    private static Optional<Instant> date(JsonNode body, String field) {
        try {
            return body.hasNonNull(field)
                    ? Optional.of(Instant.parse(body.get(field).asString()))
                    : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
