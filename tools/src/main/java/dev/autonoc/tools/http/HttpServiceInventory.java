package dev.autonoc.tools.http;

import static dev.autonoc.tools.http.HttpTroubleTicket.encode;

import dev.autonoc.core.tool.ToolResult.Outcome;
import dev.autonoc.tools.oss.OssException;
import dev.autonoc.tools.oss.ServiceImpact;
import dev.autonoc.tools.oss.ServiceInventory;

/** TMF638 over HTTP. */
final class HttpServiceInventory implements ServiceInventory {

    private final HttpTmf http;

    HttpServiceInventory(HttpTmf http) {
        this.http = http;
    }

    @Override
    public ServiceImpact impactOf(String resourceId) {
        var list =
                http.get(
                        API,
                        ServiceInventoryJson.TMF638_BASE
                                + "/service?supportingResource.id="
                                + encode(resourceId));
        try {
            return ServiceInventoryJson.fromServices(resourceId, list);
        } catch (TmfPayloadException e) {
            throw new OssException(
                    API, "malformed Service list: " + e.getMessage(), Outcome.UNCERTAIN, e);
        }
    }
}
