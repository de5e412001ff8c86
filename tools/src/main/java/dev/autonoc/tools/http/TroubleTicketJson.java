package dev.autonoc.tools.http;

import static dev.autonoc.tools.http.TmfJson.array;
import static dev.autonoc.tools.http.TmfJson.instant;
import static dev.autonoc.tools.http.TmfJson.object;
import static dev.autonoc.tools.http.TmfJson.requireObject;
import static dev.autonoc.tools.http.TmfJson.text;

import dev.autonoc.tools.oss.Note;
import dev.autonoc.tools.oss.Resource;
import dev.autonoc.tools.oss.Ticket;
import dev.autonoc.tools.oss.TicketRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * TMF621 TroubleTicket: a ticket, its notes and its closing, and the element it concerns as a
 * related entity. Each {@code to...} method builds the TMF JSON; each {@code from...} method reads
 * it and throws {@link TmfPayloadException} naming the field that was wrong.
 */
public final class TroubleTicketJson {

    /** Base paths, one per API, as the specs declare them (no trailing slash). */
    public static final String TMF621_BASE = "/tmf-api/troubleTicket/v4";

    /** A ticket's {@code ticketType}. */
    static final String TICKET_TYPE = "networkIncident";

    /** The severities a ticket accepts. */
    static final Set<String> SEVERITIES = Set.of("minor", "major", "critical");

    /** The role of a ticket's related entity: the element concerned. */
    static final String AFFECTED_RESOURCE = "affectedResource";

    private TroubleTicketJson() {}

    /** A {@code TroubleTicket_Create} for the request. */
    public static ObjectNode toTicketCreate(TicketRequest request) {
        ObjectNode n = object();
        n.put("@type", Ticket.TYPE);
        n.put("@baseType", "TroubleTicket");
        n.put("externalId", request.externalId());
        n.put("description", request.description());
        n.put("severity", request.severity());
        n.put("ticketType", TICKET_TYPE);
        n.set("relatedEntity", affected(request.elementId()));
        return n;
    }

    public static TicketRequest fromTicketCreate(JsonNode n) {
        requireObject(n, "body");
        String severity = text(n, "severity");
        if (!SEVERITIES.contains(severity)) {
            throw new TmfPayloadException(
                    "severity", "unknown severity '" + severity + "'", "minor, major, critical");
        }
        String type = text(n, "ticketType");
        if (!TICKET_TYPE.equals(type)) {
            throw new TmfPayloadException(
                    "ticketType", "unknown ticket type '" + type + "'", TICKET_TYPE);
        }
        return new TicketRequest(
                text(n, "externalId"), affectedElement(n), text(n, "description"), severity);
    }

    public static ObjectNode toTicket(Ticket t) {
        ObjectNode n = object();
        n.put("id", t.id());
        n.put("href", t.href());
        n.put("@type", t.atType());
        n.put("@baseType", "TroubleTicket");
        n.put("externalId", t.externalId());
        n.put("description", t.description());
        n.put("severity", t.severity());
        n.put("ticketType", TICKET_TYPE);
        n.put("status", t.status());
        n.put("creationDate", t.creationDate().toString());
        n.put("lastUpdate", t.lastUpdate().toString());
        if (t.isClosed()) {
            n.put("resolutionDate", t.lastUpdate().toString());
        }
        t.resolution().ifPresent(r -> n.put("statusChangeReason", r));
        ArrayNode notes = n.putArray("note");
        for (Note note : t.note()) {
            ObjectNode o = notes.addObject();
            o.put("id", note.id());
            o.put("author", note.author());
            o.put("date", note.date().toString());
            o.put("text", note.text());
            o.put("@type", "Note");
        }
        n.set("relatedEntity", affected(t.elementId()));
        return n;
    }

    static Ticket fromTicket(JsonNode n) {
        requireObject(n, "body");
        List<Note> notes = new ArrayList<>();
        JsonNode list = n.path("note");
        for (int i = 0; i < list.size(); i++) {
            JsonNode o = list.get(i);
            String at = "note[" + i + "]";
            notes.add(
                    new Note(
                            text(o, "id", at + ".id"),
                            text(o, "author", at + ".author"),
                            instant(o, "date", at + ".date"),
                            text(o, "text", at + ".text")));
        }
        String status = text(n, "status");
        Optional<String> resolution =
                Ticket.CLOSED.equals(status) && n.hasNonNull("statusChangeReason")
                        ? Optional.of(n.get("statusChangeReason").asString())
                        : Optional.empty();
        return new Ticket(
                text(n, "id"),
                text(n, "href"),
                text(n, "@type"),
                text(n, "externalId"),
                affectedElement(n),
                text(n, "description"),
                text(n, "severity"),
                status,
                instant(n, "creationDate", "creationDate"),
                instant(n, "lastUpdate", "lastUpdate"),
                notes,
                resolution);
    }

    /**
     * A {@code TroubleTicket_Update} that adds one note. A ticket's notes are its history: a note
     * without an {@code id} is added, and notes are never removed by a patch.
     */
    public static ObjectNode toNoteAdded(String author, String text) {
        ObjectNode n = object();
        ObjectNode added = n.putArray("note").addObject();
        added.put("author", author);
        added.put("text", text);
        added.put("@type", "Note");
        return n;
    }

    /** The notes to add that a {@code TroubleTicket_Update} carries: those without an id. */
    public static List<Note> newNotes(JsonNode update) {
        List<Note> added = new ArrayList<>();
        JsonNode list = update.path("note");
        if (!update.path("note").isMissingNode() && !list.isArray()) {
            throw new TmfPayloadException("note", "not an array", "an array of Note");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode o = list.get(i);
            if (o.hasNonNull("id")) {
                continue;
            }
            String at = "note[" + i + "]";
            added.add(
                    new Note(
                            "new",
                            text(o, "author", at + ".author"),
                            Instant.EPOCH,
                            text(o, "text", at + ".text")));
        }
        return added;
    }

    /** A {@code TroubleTicket_Update} that closes the ticket with a resolution. */
    public static ObjectNode toClosing(String resolution) {
        ObjectNode n = object();
        n.put("status", Ticket.CLOSED);
        n.put("statusChangeReason", resolution);
        return n;
    }

    private static ArrayNode affected(String elementId) {
        ArrayNode related = array();
        ObjectNode e = related.addObject();
        e.put("id", elementId);
        e.put("href", Resource.BASE_PATH + elementId);
        e.put("role", AFFECTED_RESOURCE);
        e.put("@referredType", "Resource");
        return related;
    }

    static String affectedElement(JsonNode ticket) {
        JsonNode related = ticket.path("relatedEntity");
        for (int i = 0; i < related.size(); i++) {
            JsonNode e = related.get(i);
            if (AFFECTED_RESOURCE.equals(e.path("role").asString(""))) {
                return text(e, "id", "relatedEntity[" + i + "].id");
            }
        }
        throw new TmfPayloadException(
                "relatedEntity",
                "no related entity of role " + AFFECTED_RESOURCE,
                "one {id, role: \""
                        + AFFECTED_RESOURCE
                        + "\", @referredType: \"Resource\"} naming the element");
    }
}
