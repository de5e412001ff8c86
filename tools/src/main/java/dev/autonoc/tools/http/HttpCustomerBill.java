package dev.autonoc.tools.http;

import dev.autonoc.core.tool.ToolResult.Outcome;
import dev.autonoc.tools.oss.AppliedCustomerBillingRate;
import dev.autonoc.tools.oss.CustomerBill;
import dev.autonoc.tools.oss.Money;
import dev.autonoc.tools.oss.OssException;

/** TMF678 over HTTP (a POST of the credit: see {@link CustomerBillJson#toCreditCreate}). */
final class HttpCustomerBill implements CustomerBill {

    private final HttpTmf http;

    HttpCustomerBill(HttpTmf http) {
        this.http = http;
    }

    @Override
    public AppliedCustomerBillingRate applyCredit(
            String customerId, Money amount, String reason, String idempotencyKey) {
        var answer =
                http.send(
                        API,
                        "POST",
                        CustomerBillJson.TMF678_BASE + "/appliedCustomerBillingRate",
                        CustomerBillJson.toCreditCreate(customerId, amount, reason),
                        idempotencyKey);
        try {
            return CustomerBillJson.fromCredit(answer);
        } catch (TmfPayloadException e) {
            throw new OssException(
                    API,
                    "malformed AppliedCustomerBillingRate: " + e.getMessage(),
                    Outcome.UNCERTAIN,
                    e);
        }
    }
}
