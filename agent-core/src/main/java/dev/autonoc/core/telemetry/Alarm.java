package dev.autonoc.core.telemetry;

import dev.autonoc.core.network.ElementId;
import java.time.Instant;
import java.util.Objects;

/**
 * A state change the network raises on its own (TMF642-style): an element went down, or came back.
 * {@code probableCause} is the network's own words ("thermal shutdown", "loss of signal").
 */
public record Alarm(ElementId element, Instant at, Kind kind, String probableCause) {

    public enum Kind {
        ELEMENT_DOWN,
        ELEMENT_UP
    }

    public Alarm {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(probableCause, "probableCause");
    }
}
