package dev.autonoc.tools.http;

import static dev.autonoc.tools.http.TroubleTicketJson.TMF621_BASE;

import dev.autonoc.core.tool.ToolResult.Outcome;
import dev.autonoc.tools.oss.OssException;
import dev.autonoc.tools.oss.Ticket;
import dev.autonoc.tools.oss.TicketRequest;
import dev.autonoc.tools.oss.TroubleTicket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** TMF621 over HTTP. */
final class HttpTroubleTicket implements TroubleTicket {

    private static final String PATH = TMF621_BASE + "/troubleTicket";

    private final HttpTmf http;

    HttpTroubleTicket(HttpTmf http) {
        this.http = http;
    }

    @Override
    public Ticket create(TicketRequest request, String idempotencyKey) {
        return read(
                http.send(
                        API,
                        "POST",
                        PATH,
                        TroubleTicketJson.toTicketCreate(request),
                        idempotencyKey));
    }

    @Override
    public Ticket addNote(String ticketId, String author, String text, String idempotencyKey) {
        return read(
                http.send(
                        API,
                        "PATCH",
                        PATH + "/" + encode(ticketId),
                        TroubleTicketJson.toNoteAdded(author, text),
                        idempotencyKey));
    }

    @Override
    public Ticket close(String ticketId, String resolution, String idempotencyKey) {
        return read(
                http.send(
                        API,
                        "PATCH",
                        PATH + "/" + encode(ticketId),
                        TroubleTicketJson.toClosing(resolution),
                        idempotencyKey));
    }

    @Override
    public Optional<Ticket> findByExternalId(String externalId) {
        JsonNode list = http.get(API, PATH + "?externalId=" + encode(externalId));
        return list.size() == 0 ? Optional.empty() : Optional.of(read(list.get(0)));
    }

    private static Ticket read(JsonNode n) {
        try {
            return TroubleTicketJson.fromTicket(n);
        } catch (TmfPayloadException e) {
            throw new OssException(
                    API, "malformed TroubleTicket: " + e.getMessage(), Outcome.UNCERTAIN, e);
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
