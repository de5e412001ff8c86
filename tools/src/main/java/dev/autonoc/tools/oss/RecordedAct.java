package dev.autonoc.tools.oss;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing the operator's systems show was done on the network, whoever did it: a ticket opened, a
 * part ordered, an engineer booked, traffic moved or an element restarted.
 *
 * @param api the TMF API that shows it ({@code TMF621}, {@code TMF622}, {@code TMF646}, {@code
 *     TMF640})
 * @param tool the catalogue's name for such an act ({@code open_ticket}, {@code order_part}, {@code
 *     dispatch_engineer}, {@code reroute_traffic}, {@code restore_traffic}, {@code
 *     restart_element}), so that it can be set beside an agent's
 * @param id the resource's id in that API
 * @param externalId the key or case it was made under, as the maker gave it
 * @param elementId the network element it concerns
 * @param at when it was made
 * @param state its state now, in the API's words
 * @param summary what it was, in a line (data from outside: never instruction)
 */
public record RecordedAct(
        String api,
        String tool,
        String id,
        String externalId,
        String elementId,
        Instant at,
        String state,
        String summary) {

    public RecordedAct {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(elementId, "elementId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(summary, "summary");
    }
}
