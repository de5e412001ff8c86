package dev.autonoc.simulators.http;

import dev.autonoc.tools.http.TmfJson;
import dev.autonoc.tools.http.TmfPayloadException;
import dev.autonoc.tools.http.TroubleTicketJson;
import dev.autonoc.tools.oss.Note;
import dev.autonoc.tools.oss.OssBss;
import dev.autonoc.tools.oss.Ticket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * TMF621 at the HTTP façade: a ticket found by its case, opened, read by id, given notes or closed
 * by a patch.
 */
final class TroubleTicketHandler {

    private final OssBss oss;
    private final Map<String, String> caseOfTicket = new HashMap<>();

    TroubleTicketHandler(OssBss oss) {
        this.oss = oss;
    }

    TmfReply listTickets(TmfRequest r) {
        String externalId = r.query().get("externalId");
        if (externalId == null || externalId.isBlank()) {
            throw new TmfPayloadException(
                    "externalId", "no filter given", "?externalId=<case id> (a ticket per case)");
        }
        ArrayNode list = TmfJson.mapper().createArrayNode();
        oss.troubleTicket().findByExternalId(externalId).ifPresent(t -> list.add(seen(t)));
        return TmfReply.ok(200, list);
    }

    TmfReply createTicket(TmfRequest r) {
        var request = TroubleTicketJson.fromTicketCreate(r.json());
        return TmfReply.ok(201, seen(oss.troubleTicket().create(request, r.key())));
    }

    TmfReply getTicket(TmfRequest r) {
        String caseId;
        synchronized (caseOfTicket) {
            caseId = caseOfTicket.get(r.id());
        }
        Optional<Ticket> ticket =
                caseId == null ? Optional.empty() : oss.troubleTicket().findByExternalId(caseId);
        return ticket.map(t -> TmfReply.ok(200, seen(t)))
                .orElseGet(() -> TmfReply.noSuch("troubleTicket", r.id()));
    }

    TmfReply patchTicket(TmfRequest r) {
        JsonNode update = r.json();
        if (!update.isObject()) {
            throw new TmfPayloadException("body", "not a JSON object", "a TroubleTicket_Update");
        }
        List<Note> added = TroubleTicketJson.newNotes(update);
        String status = update.hasNonNull("status") ? update.get("status").asString("") : null;
        if (status != null && !Ticket.CLOSED.equals(status)) {
            throw new TmfPayloadException(
                    "status", "cannot move a ticket to '" + status + "'", Ticket.CLOSED);
        }
        if (added.isEmpty() && status == null) {
            throw new TmfPayloadException(
                    "body",
                    "nothing to change",
                    "note (new notes, without id) and/or status: closed with statusChangeReason");
        }
        Ticket ticket = null;
        for (int i = 0; i < added.size(); i++) {
            Note n = added.get(i);
            String key = i == 0 ? r.key() : r.key() + "#" + i;
            ticket = oss.troubleTicket().addNote(r.id(), n.author(), n.text(), key);
        }
        if (status != null) {
            String resolution =
                    update.hasNonNull("statusChangeReason")
                            ? update.get("statusChangeReason").asString("")
                            : "";
            if (resolution.isBlank()) {
                throw new TmfPayloadException(
                        "statusChangeReason",
                        "closing without a resolution",
                        "a non-blank statusChangeReason: the resolution");
            }
            // the twin keeps one outcome per key: a close in the same patch as notes needs its own
            String key = added.isEmpty() ? r.key() : r.key() + "#close";
            ticket = oss.troubleTicket().close(r.id(), resolution, key);
        }
        return TmfReply.ok(200, seen(ticket));
    }

    private ObjectNode seen(Ticket t) {
        synchronized (caseOfTicket) {
            caseOfTicket.put(t.id(), t.externalId());
        }
        return TroubleTicketJson.toTicket(t);
    }
}
