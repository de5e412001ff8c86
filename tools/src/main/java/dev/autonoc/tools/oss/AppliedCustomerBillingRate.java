package dev.autonoc.tools.oss;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * TMF678 AppliedCustomerBillingRate of type {@value #CREDIT}: a credit on a customer's bill.
 *
 * @param externalId the idempotency key it was applied under
 * @param billingAccountId the customer's billing account (the customer id)
 * @param description the reason
 * @param taxExcludedAmount the credit, as a positive amount
 */
public record AppliedCustomerBillingRate(
        String id,
        String href,
        @JsonProperty("@type") String atType,
        String externalId,
        String billingAccountId,
        String appliedBillingRateType,
        String description,
        Instant date,
        Money taxExcludedAmount) {

    public static final String CREDIT = "credit";
    public static final String TYPE = "SlaCredit";
    public static final String BASE_PATH =
            "/tmf-api/customerBillManagement/v4/appliedCustomerBillingRate/";

    public AppliedCustomerBillingRate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(href, "href");
        Objects.requireNonNull(atType, "atType");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(billingAccountId, "billingAccountId");
        Objects.requireNonNull(appliedBillingRateType, "appliedBillingRateType");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(taxExcludedAmount, "taxExcludedAmount");
    }

    /** A credit, with the spec's href and {@code @type} filled in. */
    public static AppliedCustomerBillingRate credit(
            String id,
            String externalId,
            String billingAccountId,
            String description,
            Instant date,
            Money amount) {
        return new AppliedCustomerBillingRate(
                id,
                BASE_PATH + id,
                TYPE,
                externalId,
                billingAccountId,
                CREDIT,
                description,
                date,
                amount);
    }
}
