package dev.autonoc.simulators.http;

import dev.autonoc.tools.http.ServiceInventoryJson;
import dev.autonoc.tools.oss.OssBss;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** TMF638 at the HTTP façade: the services an element carries, each found by id afterwards. */
final class ServiceInventoryHandler {

    static final String PATH = ServiceInventoryJson.TMF638_BASE + "/service";

    private final OssBss oss;
    private final ServedResources served;

    ServiceInventoryHandler(OssBss oss, ServedResources served) {
        this.oss = oss;
        this.served = served;
    }

    TmfReply listServices(TmfRequest r) {
        String element = r.required("supportingResource.id", "?supportingResource.id=<element id>");
        ArrayNode list = ServiceInventoryJson.toServices(oss.serviceInventory().impactOf(element));
        for (int i = 0; i < list.size(); i++) {
            JsonNode service = list.get(i);
            String id = service.path("id").asString();
            if (i == 0) { // the consumer access of the element: counted afresh
                served.serve(
                        PATH + "/" + id,
                        () ->
                                ServiceInventoryJson.toServices(
                                                oss.serviceInventory().impactOf(element))
                                        .get(0));
            } else { // a slice: as it was listed
                served.serve(PATH + "/" + id, () -> service.deepCopy());
            }
        }
        return TmfReply.ok(200, list);
    }
}
