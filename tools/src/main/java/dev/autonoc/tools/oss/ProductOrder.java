package dev.autonoc.tools.oss;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * TMF622 ProductOrder, as placed.
 *
 * @param externalId the idempotency key the order was placed under
 * @param state TMF ProductOrderStateType ({@code acknowledged}, {@code inProgress}, {@code
 *     completed}, ...)
 * @param expectedCompletionDate when the part will be at the site
 * @param orderTotalPrice what the order costs, surcharge included
 */
public record ProductOrder(
        String id,
        String href,
        @JsonProperty("@type") String atType,
        String externalId,
        String state,
        String priority,
        ProductOrderRequest item,
        Instant orderDate,
        Instant expectedCompletionDate,
        Money orderTotalPrice) {

    public static final String TYPE = "SparePartOrder";
    public static final String BASE_PATH = "/tmf-api/productOrderingManagement/v4/productOrder/";

    public ProductOrder {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(href, "href");
        Objects.requireNonNull(atType, "atType");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(orderDate, "orderDate");
        Objects.requireNonNull(expectedCompletionDate, "expectedCompletionDate");
        Objects.requireNonNull(orderTotalPrice, "orderTotalPrice");
    }

    /**
     * With the spec's {@code href} and {@code @type} filled in, state {@code acknowledged} and
     * priority {@code 1} when expedited, {@code 4} otherwise (TMF622 priorities run 0..4).
     */
    public ProductOrder(
            String id,
            String externalId,
            ProductOrderRequest item,
            Instant orderDate,
            Instant expectedCompletionDate,
            Money orderTotalPrice) {
        this(
                id,
                BASE_PATH + id,
                TYPE,
                externalId,
                "acknowledged",
                item.expedite() ? "1" : "4",
                item,
                orderDate,
                expectedCompletionDate,
                orderTotalPrice);
    }
}
