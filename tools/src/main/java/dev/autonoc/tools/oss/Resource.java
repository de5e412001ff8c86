package dev.autonoc.tools.oss;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.autonoc.core.network.ElementKind;
import java.util.Objects;

/**
 * TMF639 Resource: one network element as the inventory lists it. {@code category} is the element
 * kind; {@code role}, {@code region} and {@code site} are the operator's extension of the resource
 * (its {@code @type} is {@value #TYPE}).
 *
 * @param role {@code core} or {@code aggregation} for routers, {@code cell} for radios, {@code
 *     fibre} for links
 * @param site the site whose engineers and warehouse serve the element
 */
public record Resource(
        String id,
        String href,
        @JsonProperty("@type") String atType,
        ElementKind category,
        String role,
        String region,
        String site,
        ResourceStatus resourceStatus) {

    public static final String TYPE = "NetworkElement";
    public static final String BASE_PATH = "/tmf-api/resourceInventoryManagement/v4/resource/";

    public Resource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(href, "href");
        Objects.requireNonNull(atType, "atType");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(resourceStatus, "resourceStatus");
    }

    /** With the spec's {@code href} and {@code @type} filled in. */
    public Resource(
            String id,
            ElementKind category,
            String role,
            String region,
            String site,
            ResourceStatus resourceStatus) {
        this(id, BASE_PATH + id, TYPE, category, role, region, site, resourceStatus);
    }
}
