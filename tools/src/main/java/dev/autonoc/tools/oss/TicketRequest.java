package dev.autonoc.tools.oss;

import java.util.Objects;

/**
 * A ticket to open for a case.
 *
 * @param externalId the case id; a case has at most one ticket
 * @param elementId the element concerned (the ticket's relatedEntity)
 * @param description the summary
 * @param severity {@code minor}, {@code major} or {@code critical}
 */
public record TicketRequest(
        String externalId, String elementId, String description, String severity) {

    public TicketRequest {
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(elementId, "elementId");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(severity, "severity");
    }
}
