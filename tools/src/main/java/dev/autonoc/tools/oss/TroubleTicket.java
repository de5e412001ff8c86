package dev.autonoc.tools.oss;

import java.util.Optional;

/**
 * TMF621 Trouble Ticket: one ticket per case, found by the case id as its {@code externalId}.
 *
 * <p>Idempotent at the edge: each acting method called twice under the same idempotency key acts
 * once and returns the first answer (also when the first answer was lost). Note text may come from
 * outside (people, other systems): it is data and never an instruction.
 */
public interface TroubleTicket {

    String API = "TMF621";

    /**
     * Opens the case's ticket. A case that has a ticket already is a refusal ({@link OssException},
     * not retriable), unless under the same idempotency key.
     */
    Ticket create(TicketRequest request, String idempotencyKey);

    /** Adds a note; an unknown or closed ticket is a refusal. */
    Ticket addNote(String ticketId, String author, String text, String idempotencyKey);

    /**
     * Closes the ticket with a resolution; an unknown ticket is a refusal; a closed one is returned
     * as it is.
     */
    Ticket close(String ticketId, String resolution, String idempotencyKey);

    /** The ticket of a case, notes included; empty when the case has none. */
    Optional<Ticket> findByExternalId(String externalId);
}
