package dev.autonoc.simulators;

import dev.autonoc.tools.oss.Note;
import dev.autonoc.tools.oss.Ticket;
import dev.autonoc.tools.oss.TicketRequest;
import dev.autonoc.tools.oss.TroubleTicket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TMF621 over the twin: tickets per case, their notes and closing; text from outside
 * (UNTRUSTED_TEXT) arrives as notes of a new ticket. Acting calls run once per key through {@link
 * TwinEdge}, under the world's lock.
 */
final class TwinTroubleTicket implements TroubleTicket {

    private final TwinEdge edge;
    private final World world;
    private final Map<String, Ticket> ticketsByCase = new LinkedHashMap<>();
    private final Map<String, String> caseOfTicket = new HashMap<>();
    private final List<String> ticketNotes = new ArrayList<>();
    private final List<String> customerMessages = new ArrayList<>();
    private int tickets;
    private int notes;

    TwinTroubleTicket(TwinEdge edge, TwinSpec spec) {
        this.edge = edge;
        this.world = edge.world();
        for (Disturbance d : spec.disturbances()) {
            if (d instanceof Disturbance.UntrustedText u) {
                switch (u.where()) {
                    case TICKET_NOTE -> ticketNotes.add(u.text());
                    case CUSTOMER_MESSAGE -> customerMessages.add(u.text());
                    case TOOL_OUTPUT -> {} // injected by the catalogue wrapper
                }
            }
        }
    }

    @Override
    public Ticket create(TicketRequest request, String idempotencyKey) {
        return edge.once(
                API,
                idempotencyKey,
                () -> {
                    if (ticketsByCase.containsKey(request.externalId())) {
                        throw new TwinRefusal(
                                "case "
                                        + request.externalId()
                                        + " has a ticket already: "
                                        + ticketsByCase.get(request.externalId()).id());
                    }
                    edge.element(request.elementId());
                    Instant now = world.now();
                    Ticket t = Ticket.opened(String.format("tt-%04d", ++tickets), request, now);
                    // Text from outside arrives with the ticket: a note left by someone outside
                    // the NOC, a message from a customer. It is data for whoever reads it.
                    for (String text : ticketNotes) {
                        t = t.withNote(new Note(noteId(), "external", now, text));
                    }
                    for (String text : customerMessages) {
                        t = t.withNote(new Note(noteId(), "customer", now, text));
                    }
                    ticketsByCase.put(request.externalId(), t);
                    caseOfTicket.put(t.id(), request.externalId());
                    return t;
                });
    }

    private String noteId() {
        return String.format("note-%04d", ++notes);
    }

    private Ticket ticket(String ticketId) {
        String caseId = caseOfTicket.get(ticketId);
        if (caseId == null) {
            throw TwinRefusal.invalid("unknown ticket '" + ticketId + "'");
        }
        return ticketsByCase.get(caseId);
    }

    @Override
    public Ticket addNote(String ticketId, String author, String text, String idempotencyKey) {
        return edge.once(
                API,
                idempotencyKey,
                () -> {
                    Ticket t = ticket(ticketId);
                    if (t.isClosed()) {
                        throw new TwinRefusal("ticket " + ticketId + " is closed");
                    }
                    Ticket updated = t.withNote(new Note(noteId(), author, world.now(), text));
                    ticketsByCase.put(t.externalId(), updated);
                    return updated;
                });
    }

    @Override
    public Ticket close(String ticketId, String resolution, String idempotencyKey) {
        return edge.once(
                API,
                idempotencyKey,
                () -> {
                    Ticket t = ticket(ticketId);
                    if (t.isClosed()) {
                        return t;
                    }
                    Ticket closed = t.closed(resolution, world.now());
                    ticketsByCase.put(t.externalId(), closed);
                    return closed;
                });
    }

    @Override
    public Optional<Ticket> findByExternalId(String externalId) {
        synchronized (world) {
            return Optional.ofNullable(ticketsByCase.get(externalId));
        }
    }
}
