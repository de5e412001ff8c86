package dev.autonoc.tools.http;

import static dev.autonoc.tools.http.TmfJson.characteristic;
import static dev.autonoc.tools.http.TmfJson.characteristicText;
import static dev.autonoc.tools.http.TmfJson.fromMoney;
import static dev.autonoc.tools.http.TmfJson.instant;
import static dev.autonoc.tools.http.TmfJson.money;
import static dev.autonoc.tools.http.TmfJson.object;
import static dev.autonoc.tools.http.TmfJson.requireObject;
import static dev.autonoc.tools.http.TmfJson.text;

import dev.autonoc.tools.oss.AppliedCustomerBillingRate;
import dev.autonoc.tools.oss.Money;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * TMF678 CustomerBill: an SLA credit as an applied billing rate (an extension). Each {@code to...}
 * method builds the TMF JSON; each {@code from...} method reads it and throws {@link
 * TmfPayloadException} naming the field that was wrong.
 */
public final class CustomerBillJson {

    public static final String TMF678_BASE = "/tmf-api/customerBillManagement/v4";

    private CustomerBillJson() {}

    /**
     * A credit to apply. TMF678 v4 serves {@code appliedCustomerBillingRate} read-only; the twin
     * takes a POST of one there (the body is the spec's {@code AppliedCustomerBillingRate}, without
     * an id), an operator extension of the API.
     */
    public static ObjectNode toCreditCreate(String customerId, Money amount, String reason) {
        ObjectNode n = object();
        n.put("@type", AppliedCustomerBillingRate.TYPE);
        n.put("@baseType", "AppliedCustomerBillingRate");
        n.put("appliedBillingRateType", AppliedCustomerBillingRate.CREDIT);
        n.put("description", reason);
        n.set("taxExcludedAmount", money(amount));
        ObjectNode account = n.putObject("billingAccount");
        account.put("id", customerId);
        account.put("@referredType", "BillingAccount");
        return n;
    }

    /** A credit asked for. */
    public record CreditRequest(String customerId, Money amount, String reason) {}

    public static CreditRequest fromCreditCreate(JsonNode n) {
        requireObject(n, "body");
        String type = text(n, "appliedBillingRateType");
        if (!AppliedCustomerBillingRate.CREDIT.equals(type)) {
            throw new TmfPayloadException(
                    "appliedBillingRateType",
                    "type '" + type + "'",
                    AppliedCustomerBillingRate.CREDIT);
        }
        Money amount = fromMoney(n.path("taxExcludedAmount"), "taxExcludedAmount");
        if (amount.value() <= 0) {
            throw new TmfPayloadException(
                    "taxExcludedAmount.value", "credit of " + amount.value(), "a positive amount");
        }
        return new CreditRequest(
                text(n.path("billingAccount"), "id", "billingAccount.id"),
                amount,
                text(n, "description"));
    }

    public static ObjectNode toCredit(AppliedCustomerBillingRate c) {
        ObjectNode n = toCreditCreate(c.billingAccountId(), c.taxExcludedAmount(), c.description());
        n.put("id", c.id());
        n.put("href", c.href());
        n.put("@type", c.atType());
        n.put("date", c.date().toString());
        n.put("isBilled", false);
        characteristic(n.putArray("characteristic"), "externalId", c.externalId());
        return n;
    }

    public static AppliedCustomerBillingRate fromCredit(JsonNode n) {
        return new AppliedCustomerBillingRate(
                text(n, "id"),
                text(n, "href"),
                text(n, "@type"),
                characteristicText(n.path("characteristic"), "externalId", "characteristic"),
                text(n.path("billingAccount"), "id", "billingAccount.id"),
                text(n, "appliedBillingRateType"),
                text(n, "description"),
                instant(n, "date", "date"),
                fromMoney(n.path("taxExcludedAmount"), "taxExcludedAmount"));
    }
}
