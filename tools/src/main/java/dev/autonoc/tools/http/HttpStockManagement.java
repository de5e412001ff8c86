package dev.autonoc.tools.http;

import static dev.autonoc.tools.http.HttpTroubleTicket.encode;

import dev.autonoc.core.tool.ToolResult.Outcome;
import dev.autonoc.tools.oss.OssException;
import dev.autonoc.tools.oss.StockCheck;
import dev.autonoc.tools.oss.StockManagement;

/** TMF687 over HTTP. */
final class HttpStockManagement implements StockManagement {

    private final HttpTmf http;

    HttpStockManagement(HttpTmf http) {
        this.http = http;
    }

    @Override
    public StockCheck checkStock(String part, String site) {
        var list =
                http.get(
                        API,
                        StockManagementJson.TMF687_BASE
                                + "/productStock?stockedProduct.id="
                                + encode(part)
                                + "&deliverySite="
                                + encode(site));
        try {
            return StockManagementJson.fromStock(part, site, list);
        } catch (TmfPayloadException e) {
            throw new OssException(
                    API, "malformed ProductStock list: " + e.getMessage(), Outcome.UNCERTAIN, e);
        }
    }
}
