package dev.autonoc.tools.oss;

/**
 * TMF622 Product Ordering: spare parts sent from a stock place to a site; the stock is reserved
 * when the order is placed.
 *
 * <p>Idempotent at the edge: an order placed twice under the same idempotency key is placed once,
 * and the second call returns the first order (also when the first answer was lost to a time-out).
 */
public interface ProductOrdering {

    String API = "TMF622";

    /**
     * Places the order. No stock at the source, an unknown part, source or site is a refusal
     * ({@link OssException}, not retriable); nothing is reserved then.
     */
    ProductOrder order(ProductOrderRequest request, String idempotencyKey);
}
