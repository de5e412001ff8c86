package dev.autonoc.simulators.http;

import dev.autonoc.tools.http.CustomerBillJson;
import dev.autonoc.tools.oss.OssBss;

/** TMF678 at the HTTP façade: an SLA credit. */
final class CustomerBillHandler {

    private final OssBss oss;
    private final ServedResources served;

    CustomerBillHandler(OssBss oss, ServedResources served) {
        this.oss = oss;
        this.served = served;
    }

    TmfReply createCredit(TmfRequest r) {
        var c = CustomerBillJson.fromCreditCreate(r.json());
        var credit =
                oss.customerBill().applyCredit(c.customerId(), c.amount(), c.reason(), r.key());
        served.serve(credit.href(), () -> CustomerBillJson.toCredit(credit));
        return TmfReply.ok(201, CustomerBillJson.toCredit(credit));
    }
}
