package dev.autonoc.tools.oss;

import java.util.Objects;

/**
 * An element with what it carries now: the inventory entry plus its live routing state.
 *
 * @param hasAlternatePath whether its traffic has another path if it goes down
 * @param trafficGbps the traffic it carries now
 */
public record ResourceState(Resource resource, boolean hasAlternatePath, double trafficGbps) {

    public ResourceState {
        Objects.requireNonNull(resource, "resource");
    }
}
