package dev.autonoc.tools.oss;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A job to book: an engineer, at a site, on an element, from a start time.
 *
 * @param start when the work on site begins; the engineer leaves the travel time before it
 * @param task what to do, free text for the engineer
 * @param part the part to fit, when the job replaces one; it is fitted only if it was delivered to
 *     the site before the engineer arrives
 */
public record AppointmentRequest(
        String engineerId,
        String elementId,
        String site,
        Instant start,
        String task,
        Optional<String> part) {

    public AppointmentRequest {
        Objects.requireNonNull(engineerId, "engineerId");
        Objects.requireNonNull(elementId, "elementId");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(part, "part");
    }
}
