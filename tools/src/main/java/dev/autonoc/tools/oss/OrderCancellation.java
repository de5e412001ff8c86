package dev.autonoc.tools.oss;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * TMF622 CancelProductOrder, as carried out: the cancellation of an order that had not been
 * delivered. The order itself turns {@code cancelled}; its stock reservation goes back.
 *
 * @param id the cancellation's own id (not the order's)
 * @param orderId the order cancelled
 * @param reason why, as the caller gave it
 * @param effectiveDate when the cancellation took effect
 * @param refund what the operator gets back: the part's price; an expedite surcharge is not
 *     refunded (TMF622 has no field for it: an operator extension on the cancellation, announced by
 *     its {@code @type})
 */
public record OrderCancellation(
        String id,
        String href,
        @JsonProperty("@type") String atType,
        String orderId,
        String reason,
        Instant effectiveDate,
        Money refund) {

    public static final String TYPE = "SparePartOrderCancellation";
    public static final String BASE_PATH =
            "/tmf-api/productOrderingManagement/v4/cancelProductOrder/";

    /** TMF TaskStateType of a cancellation carried out. */
    public static final String DONE = "done";

    public OrderCancellation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(href, "href");
        Objects.requireNonNull(atType, "atType");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(effectiveDate, "effectiveDate");
        Objects.requireNonNull(refund, "refund");
    }

    /** With the spec's {@code href} and {@code @type} filled in. */
    public OrderCancellation(
            String id, String orderId, String reason, Instant effectiveDate, Money refund) {
        this(id, BASE_PATH + id, TYPE, orderId, reason, effectiveDate, refund);
    }
}
