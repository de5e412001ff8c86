package dev.autonoc.tools.oss;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * TMF622 ProductOrder, as placed.
 *
 * @param externalId the idempotency key the order was placed under
 * @param state TMF ProductOrderStateType: {@value #ACKNOWLEDGED} when placed, {@value #IN_PROGRESS}
 *     on its way, {@value #COMPLETED} once the part is at the site, {@value #CANCELLED}
 * @param expectedCompletionDate when the part will be at the site, with any delay known now
 * @param orderTotalPrice what the order costs, surcharge included
 * @param refund what was refunded when it was cancelled: the part's price, not the surcharge
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
        Money orderTotalPrice,
        Optional<Money> refund) {

    public static final String TYPE = "SparePartOrder";
    public static final String BASE_PATH = "/tmf-api/productOrderingManagement/v4/productOrder/";

    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String IN_PROGRESS = "inProgress";
    public static final String COMPLETED = "completed";
    public static final String CANCELLED = "cancelled";

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
        Objects.requireNonNull(refund, "refund");
        if (refund.isPresent() != CANCELLED.equals(state)) {
            throw new IllegalArgumentException(
                    "a refund goes with state cancelled and only with it; got state "
                            + state
                            + " and refund "
                            + refund);
        }
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
                ACKNOWLEDGED,
                item.expedite() ? "1" : "4",
                item,
                orderDate,
                expectedCompletionDate,
                orderTotalPrice,
                Optional.empty());
    }

    /**
     * The same order in another state, expected at the site at {@code expected}; a cancelled one
     * with what was refunded.
     */
    public ProductOrder asOf(String newState, Instant expected, Optional<Money> refunded) {
        return new ProductOrder(
                id,
                href,
                atType,
                externalId,
                newState,
                priority,
                item,
                orderDate,
                expected,
                orderTotalPrice,
                refunded);
    }

    /** Whether the part is at the site. */
    public boolean delivered() {
        return COMPLETED.equals(state);
    }
}
