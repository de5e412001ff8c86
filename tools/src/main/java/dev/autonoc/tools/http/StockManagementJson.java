package dev.autonoc.tools.http;

import static dev.autonoc.tools.http.TmfJson.array;
import static dev.autonoc.tools.http.TmfJson.characteristic;
import static dev.autonoc.tools.http.TmfJson.characteristicValue;
import static dev.autonoc.tools.http.TmfJson.fromMoney;
import static dev.autonoc.tools.http.TmfJson.money;
import static dev.autonoc.tools.http.TmfJson.number;
import static dev.autonoc.tools.http.TmfJson.text;

import dev.autonoc.tools.oss.Money;
import dev.autonoc.tools.oss.StockCheck;
import dev.autonoc.tools.oss.StockOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * TMF687 ProductStock: stock of a part at a site, as options. Each {@code to...} method builds the
 * TMF JSON; each {@code from...} method reads it and throws {@link TmfPayloadException} naming the
 * field that was wrong.
 */
public final class StockManagementJson {

    public static final String TMF687_BASE = "/tmf-api/stock/v4";

    private StockManagementJson() {}

    /**
     * A stock check as TMF687 ProductStock entries for {@code
     * ?stockedProduct.id=<part>&deliverySite=<site>}, one per place in the check's order: the place
     * is the stock location, the level what can be reserved now; what it takes to bring a unit to
     * the site (lead times in minutes, the expedite surcharge, the unit price) are characteristics
     * of the stocked product.
     */
    public static ArrayNode toStock(StockCheck check) {
        ArrayNode list = array();
        for (StockOption o : check.options()) {
            ObjectNode n = list.addObject();
            String id = check.part() + "@" + o.place();
            n.put("id", id);
            n.put("href", TMF687_BASE + "/productStock/" + id);
            n.put("@type", "SpareStock");
            n.put("@baseType", "ProductStock");
            n.put("name", check.part() + " at " + o.place());
            n.put(
                    "productStockStatusType",
                    o.availableQuantity() > 0 ? "available" : "unavailable");
            ObjectNode place = n.putObject("place");
            place.put("id", o.place());
            place.put("role", "stockLocation");
            place.put("@referredType", "GeographicSite");
            ObjectNode level = n.putObject("productStockLevel");
            level.put("amount", o.availableQuantity());
            level.put("units", "unit");
            ObjectNode product = n.putObject("stockedProduct");
            product.put("id", check.part());
            product.put("name", check.part());
            ArrayNode ch = product.putArray("productCharacteristic");
            characteristic(ch, "deliverySite", check.site());
            number(ch, "leadTimeMinutes", o.leadTime().toMinutes());
            number(ch, "expeditedLeadTimeMinutes", o.expeditedLeadTime().toMinutes());
            number(ch, "expediteSurchargePct", o.expediteSurchargePct());
            ObjectNode price = ch.addObject();
            price.put("name", "unitPrice");
            price.put("valueType", "Money");
            price.set("value", money(check.unitPrice()));
        }
        return list;
    }

    static StockCheck fromStock(String part, String site, JsonNode list) {
        List<StockOption> options = new ArrayList<>();
        Money price = null;
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String at = "[" + i + "]";
            JsonNode ch = n.path("stockedProduct").path("productCharacteristic");
            JsonNode lead = characteristicValue(ch, "leadTimeMinutes");
            JsonNode fast = characteristicValue(ch, "expeditedLeadTimeMinutes");
            JsonNode pct = characteristicValue(ch, "expediteSurchargePct");
            JsonNode unit = characteristicValue(ch, "unitPrice");
            if (lead == null || fast == null || pct == null || unit == null) {
                throw new TmfPayloadException(
                        at + ".stockedProduct.productCharacteristic",
                        "incomplete",
                        "leadTimeMinutes, expeditedLeadTimeMinutes, expediteSurchargePct, unitPrice");
            }
            price = fromMoney(unit, at + ".unitPrice");
            options.add(
                    new StockOption(
                            text(n.path("place"), "id", at + ".place.id"),
                            n.path("productStockLevel").path("amount").asLong(),
                            Duration.ofMinutes(lead.asLong()),
                            Duration.ofMinutes(fast.asLong()),
                            pct.asDouble()));
        }
        if (price == null) {
            throw new TmfPayloadException("[]", "no stock entries", "one per stock place");
        }
        return new StockCheck(part, site, price, options);
    }
}
