package dev.autonoc.simulators.http;

import dev.autonoc.tools.http.CommunicationJson;
import dev.autonoc.tools.oss.OssBss;

/** TMF681 at the HTTP façade: a notice to the customers of an element. */
final class CommunicationHandler {

    private final OssBss oss;
    private final ServedResources served;

    CommunicationHandler(OssBss oss, ServedResources served) {
        this.oss = oss;
        this.served = served;
    }

    TmfReply createMessage(TmfRequest r) {
        var m = CommunicationJson.fromMessageCreate(r.json());
        var sent = oss.communication().notifyCustomers(m.resourceId(), m.content(), r.key());
        served.serve(sent.href(), () -> CommunicationJson.toMessage(sent));
        return TmfReply.ok(201, CommunicationJson.toMessage(sent));
    }
}
