package dev.autonoc.tools.oss;

import java.util.Optional;

/**
 * TMF622 Product Ordering: spare parts sent from a stock place to a site; the stock is reserved
 * when the order is placed, and goes back when an order is cancelled before delivery.
 *
 * <p>Idempotent at the edge: an order placed (or cancelled) twice under the same idempotency key is
 * placed (cancelled) once, and the second call returns the first answer (also when the first answer
 * was lost to a time-out).
 */
public interface ProductOrdering {

    String API = "TMF622";

    /**
     * Places the order. No stock at the source, an unknown part, source or site is a refusal
     * ({@link OssException}, not retriable); nothing is reserved then.
     */
    ProductOrder order(ProductOrderRequest request, String idempotencyKey);

    /**
     * The order with this id as it is now (its state, its expected delivery with any delay that
     * became known since it was placed); empty when there is none.
     */
    Optional<ProductOrder> findOrder(String orderId);

    /**
     * The order placed under this idempotency key (the order's {@code externalId}), as it is now;
     * empty when no order was placed under it (never called, or refused).
     */
    Optional<ProductOrder> findOrderByKey(String idempotencyKey);

    /**
     * Cancels an order that has not been delivered: the reservation goes back to its warehouse and
     * the part's price is refunded (not an expedite surcharge). Cancelling an order cancelled
     * already answers its first cancellation again. A delivered order is a refusal ({@link
     * OssException} REFUSED: the part is at the site); an unknown id is INVALID.
     */
    OrderCancellation cancelOrder(String orderId, String reason, String idempotencyKey);
}
