package dev.autonoc.simulators.http;

import dev.autonoc.tools.http.StockManagementJson;
import dev.autonoc.tools.oss.OssBss;
import dev.autonoc.tools.oss.StockCheck;
import tools.jackson.databind.node.ArrayNode;

/**
 * TMF687 at the HTTP façade: stock of a part for a site, each entry found by id afterwards at its
 * level now.
 */
final class StockManagementHandler {

    private final OssBss oss;
    private final ServedResources served;

    StockManagementHandler(OssBss oss, ServedResources served) {
        this.oss = oss;
        this.served = served;
    }

    TmfReply listStock(TmfRequest r) {
        String part =
                r.required("stockedProduct.id", "?stockedProduct.id=<part>&deliverySite=<site>");
        String site = r.required("deliverySite", "?stockedProduct.id=<part>&deliverySite=<site>");
        StockCheck check = oss.stockManagement().checkStock(part, site);
        ArrayNode list = StockManagementJson.toStock(check);
        for (int i = 0; i < list.size(); i++) {
            String href = list.get(i).path("href").asString();
            int at = i;
            // the level now, with lead times to the site it was last listed for
            served.serve(
                    href,
                    () ->
                            StockManagementJson.toStock(
                                            oss.stockManagement().checkStock(part, site))
                                    .get(at));
        }
        return TmfReply.ok(200, list);
    }
}
