package dev.autonoc.core.network;

import java.util.Objects;

/**
 * A network element as the inventory describes it.
 *
 * @param role {@code core} or {@code aggregation} for routers, {@code cell} for radios, {@code
 *     fibre} for links
 * @param region one of the operator's regions ({@code north}, {@code south}, ...)
 * @param site the site whose engineers and warehouse serve the element (for a link, the site of the
 *     first router named in its id)
 */
public record Element(ElementId id, ElementKind kind, String role, String region, String site) {

    public Element {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(site, "site");
    }
}
