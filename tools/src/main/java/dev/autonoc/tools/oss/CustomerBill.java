package dev.autonoc.tools.oss;

/**
 * TMF678 Customer Bill: credits on customers' bills.
 *
 * <p>Idempotent at the edge: a credit applied twice under the same idempotency key is applied once
 * and the second call returns the first answer (also when the first answer was lost).
 */
public interface CustomerBill {

    String API = "TMF678";

    /**
     * Credits the customer's bill with a positive amount. An unknown customer is a refusal ({@link
     * OssException}, not retriable).
     */
    AppliedCustomerBillingRate applyCredit(
            String customerId, Money amount, String reason, String idempotencyKey);
}
