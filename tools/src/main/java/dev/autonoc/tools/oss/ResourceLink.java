package dev.autonoc.tools.oss;

import java.util.Objects;

/**
 * A fibre link between two routers, as a TMF639 resource relationship with its capacity. Its id is
 * also the id of the link's own {@link Resource} ({@code link-agg-rtr-03-core-rtr-01}).
 *
 * @param a the router named first in the id
 * @param b the other router
 */
public record ResourceLink(String id, String a, String b, double capacityGbps) {

    public ResourceLink {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
    }
}
