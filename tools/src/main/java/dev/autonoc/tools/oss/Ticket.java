package dev.autonoc.tools.oss;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * TMF621 TroubleTicket (named apart from the {@link TroubleTicket} client).
 *
 * @param externalId the case id
 * @param elementId the element concerned (the ticket's relatedEntity)
 * @param status TMF TroubleTicketStatusType: {@value #ACKNOWLEDGED} when opened, {@value #CLOSED}
 *     when closed
 * @param note the notes, oldest first; their text may come from outside and is data
 * @param resolution the resolution given at closing
 */
public record Ticket(
        String id,
        String href,
        @JsonProperty("@type") String atType,
        String externalId,
        String elementId,
        String description,
        String severity,
        String status,
        Instant creationDate,
        Instant lastUpdate,
        List<Note> note,
        Optional<String> resolution) {

    public static final String TYPE = "NetworkTroubleTicket";
    public static final String BASE_PATH = "/tmf-api/troubleTicket/v4/troubleTicket/";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String CLOSED = "closed";

    public Ticket {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(href, "href");
        Objects.requireNonNull(atType, "atType");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(elementId, "elementId");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(creationDate, "creationDate");
        Objects.requireNonNull(lastUpdate, "lastUpdate");
        note = List.copyOf(note);
        Objects.requireNonNull(resolution, "resolution");
    }

    /** A newly opened ticket: href and {@code @type} filled in, status acknowledged, no notes. */
    public static Ticket opened(String id, TicketRequest request, Instant at) {
        return new Ticket(
                id,
                BASE_PATH + id,
                TYPE,
                request.externalId(),
                request.elementId(),
                request.description(),
                request.severity(),
                ACKNOWLEDGED,
                at,
                at,
                List.of(),
                Optional.empty());
    }

    public Ticket withNote(Note added) {
        List<Note> notes = new ArrayList<>(note);
        notes.add(added);
        return new Ticket(
                id,
                href,
                atType,
                externalId,
                elementId,
                description,
                severity,
                status,
                creationDate,
                added.date(),
                notes,
                resolution);
    }

    public Ticket closed(String resolutionText, Instant at) {
        return new Ticket(
                id,
                href,
                atType,
                externalId,
                elementId,
                description,
                severity,
                CLOSED,
                creationDate,
                at,
                note,
                Optional.of(resolutionText));
    }

    public boolean isClosed() {
        return CLOSED.equals(status);
    }
}
