package dev.autonoc.tools.oss;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * TMF638 Service of category {@value #CATEGORY}: a network slice sold to one enterprise customer,
 * with an SLA. The customer is the TMF relatedParty of role {@code customer}; the fee is the
 * operator's extension of the service.
 */
public record EnterpriseSlice(
        String id,
        String href,
        @JsonProperty("@type") String atType,
        String customerId,
        Money monthlyFee) {

    public static final String CATEGORY = "enterpriseSlice";
    public static final String TYPE = "EnterpriseSlice";
    public static final String BASE_PATH = "/tmf-api/serviceInventory/v4/service/";

    public EnterpriseSlice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(href, "href");
        Objects.requireNonNull(atType, "atType");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(monthlyFee, "monthlyFee");
    }

    /** With the spec's {@code href} and {@code @type} filled in. */
    public EnterpriseSlice(String id, String customerId, Money monthlyFee) {
        this(id, BASE_PATH + id, TYPE, customerId, monthlyFee);
    }
}
