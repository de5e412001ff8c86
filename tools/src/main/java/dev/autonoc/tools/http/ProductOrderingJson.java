package dev.autonoc.tools.http;

import static dev.autonoc.tools.http.TmfJson.array;
import static dev.autonoc.tools.http.TmfJson.fromMoney;
import static dev.autonoc.tools.http.TmfJson.instant;
import static dev.autonoc.tools.http.TmfJson.money;
import static dev.autonoc.tools.http.TmfJson.object;
import static dev.autonoc.tools.http.TmfJson.requireObject;
import static dev.autonoc.tools.http.TmfJson.text;

import dev.autonoc.tools.oss.Money;
import dev.autonoc.tools.oss.OrderCancellation;
import dev.autonoc.tools.oss.ProductOrder;
import dev.autonoc.tools.oss.ProductOrderRequest;
import dev.autonoc.tools.oss.Resource;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * TMF622 ProductOrdering: an order of one spare part, and its cancellation ({@code
 * CancelProductOrder}). Each {@code to...} method builds the TMF JSON; each {@code from...} method
 * reads it and throws {@link TmfPayloadException} naming the field that was wrong.
 */
public final class ProductOrderingJson {

    /** The TMF622 base path, as the spec declares it. */
    public static final String TMF622_BASE = "/tmf-api/productOrderingManagement/v4";

    private ProductOrderingJson() {}

    /**
     * A {@code ProductOrder_Create} for one unit of a part. TMF622 v4.0.0's {@code Characteristic}
     * has no {@code value}, so the order says everything with TMF fields: the part is the product's
     * {@code productSpecification}, the stock source the item's {@code productOffering} (parts from
     * that place), the site the product's {@code place} of role {@value #DELIVERY}, the element the
     * part is for the product's {@code realizingResource}, and expediting the order's priority
     * ({@value #EXPEDITED} expedited, {@value #STANDARD} not; TMF622 priorities run 0..4).
     */
    public static ObjectNode toOrderCreate(ProductOrderRequest r, String externalId) {
        ObjectNode n = object();
        n.put("@type", ProductOrder.TYPE);
        n.put("@baseType", "ProductOrder");
        n.put("externalId", externalId);
        n.put("priority", r.expedite() ? EXPEDITED : STANDARD);
        n.set("productOrderItem", orderItems(r));
        return n;
    }

    static final String DELIVERY = "deliveryAddress";
    static final String EXPEDITED = "1";
    static final String STANDARD = "4";

    private static ArrayNode orderItems(ProductOrderRequest r) {
        ArrayNode items = array();
        ObjectNode item = items.addObject();
        item.put("id", "1");
        item.put("action", "add");
        item.put("quantity", 1);
        ObjectNode offering = item.putObject("productOffering");
        offering.put("id", r.source());
        offering.put("name", "spare parts from " + r.source());
        offering.put("@referredType", "ProductOffering");
        ObjectNode product = item.putObject("product");
        product.put("@type", "SparePart");
        ObjectNode spec = product.putObject("productSpecification");
        spec.put("id", r.part());
        spec.put("name", r.part());
        spec.put("@referredType", "ProductSpecification");
        ObjectNode site = product.putArray("place").addObject();
        site.put("id", r.site());
        site.put("role", DELIVERY);
        site.put("@referredType", "GeographicSite");
        ObjectNode element = product.putArray("realizingResource").addObject();
        element.put("id", r.elementId());
        element.put("href", Resource.BASE_PATH + r.elementId());
        element.put("@referredType", "Resource");
        return items;
    }

    public static ProductOrderRequest fromOrderCreate(JsonNode n) {
        requireObject(n, "body");
        JsonNode items = n.path("productOrderItem");
        if (!items.isArray() || items.size() != 1) {
            throw new TmfPayloadException(
                    "productOrderItem",
                    "an order has " + (items.isArray() ? items.size() : 0) + " items",
                    "exactly one item, of quantity 1, with action add");
        }
        JsonNode item = items.get(0);
        if (!"add".equals(item.path("action").asString(""))) {
            throw new TmfPayloadException(
                    "productOrderItem[0].action",
                    "action '" + item.path("action").asString("") + "'",
                    "add");
        }
        if (item.has("quantity") && item.get("quantity").asInt(0) != 1) {
            throw new TmfPayloadException(
                    "productOrderItem[0].quantity",
                    "quantity " + item.get("quantity").asString(),
                    "1 (one unit per order)");
        }
        String priority = n.path("priority").asString(STANDARD);
        if (!priority.matches("[0-4]")) {
            throw new TmfPayloadException(
                    "priority",
                    "priority '" + priority + "'",
                    "0..4; " + EXPEDITED + " or higher (0, 1) expedites");
        }
        JsonNode product = item.path("product");
        String at = "productOrderItem[0]";
        String site = null;
        JsonNode places = product.path("place");
        for (int i = 0; i < places.size(); i++) {
            if (DELIVERY.equals(places.get(i).path("role").asString(""))) {
                site = text(places.get(i), "id", at + ".product.place[" + i + "].id");
            }
        }
        if (site == null) {
            throw new TmfPayloadException(
                    at + ".product.place",
                    "no place of role " + DELIVERY,
                    "one {id: <site>, role: \"" + DELIVERY + "\"}");
        }
        JsonNode realizing = product.path("realizingResource");
        if (realizing.size() != 1) {
            throw new TmfPayloadException(
                    at + ".product.realizingResource",
                    realizing.size() + " resources",
                    "one {id: <element id>}: the element the part is for");
        }
        return new ProductOrderRequest(
                text(
                        product.path("productSpecification"),
                        "id",
                        at + ".product.productSpecification.id"),
                text(item.path("productOffering"), "id", at + ".productOffering.id"),
                site,
                text(realizing.get(0), "id", at + ".product.realizingResource[0].id"),
                priority.compareTo(EXPEDITED) <= 0);
    }

    public static ObjectNode toOrder(ProductOrder o) {
        ObjectNode n = object();
        n.put("id", o.id());
        n.put("href", o.href());
        n.put("@type", o.atType());
        n.put("@baseType", "ProductOrder");
        n.put("externalId", o.externalId());
        n.put("state", o.state());
        n.put("priority", o.priority());
        n.put("orderDate", o.orderDate().toString());
        n.put("expectedCompletionDate", o.expectedCompletionDate().toString());
        ArrayNode total = n.putArray("orderTotalPrice");
        ObjectNode price = total.addObject();
        price.put("name", "total");
        price.put("priceType", "oneTime");
        price.putObject("price").set("dutyFreeAmount", money(o.orderTotalPrice()));
        o.refund()
                .ifPresent(
                        r -> {
                            ObjectNode refund = total.addObject();
                            refund.put("name", REFUND);
                            refund.put("description", "refunded when the order was cancelled");
                            refund.put("priceType", "oneTime");
                            refund.putObject("price")
                                    .set("dutyFreeAmount", money(Money.gbp(-r.value())));
                        });
        n.set("productOrderItem", orderItems(o.item()));
        return n;
    }

    /** The name of a cancelled order's price entry that holds the refund, as a negative amount. */
    static final String REFUND = "refund";

    public static ProductOrder fromOrder(JsonNode n) {
        requireObject(n, "body");
        ProductOrderRequest item = fromOrderCreate(n);
        JsonNode amount = n.path("orderTotalPrice").path(0).path("price").path("dutyFreeAmount");
        Optional<Money> refund = Optional.empty();
        JsonNode prices = n.path("orderTotalPrice");
        for (int i = 0; i < prices.size(); i++) {
            if (REFUND.equals(prices.get(i).path("name").asString(""))) {
                Money m =
                        fromMoney(
                                prices.get(i).path("price").path("dutyFreeAmount"),
                                "orderTotalPrice[" + i + "].price.dutyFreeAmount");
                refund = Optional.of(new Money(-m.value(), m.unit()));
            }
        }
        return new ProductOrder(
                text(n, "id"),
                text(n, "href"),
                text(n, "@type"),
                text(n, "externalId"),
                text(n, "state"),
                text(n, "priority"),
                item,
                instant(n, "orderDate", "orderDate"),
                instant(n, "expectedCompletionDate", "expectedCompletionDate"),
                fromMoney(amount, "orderTotalPrice[0].price.dutyFreeAmount"),
                refund);
    }

    /** The TMF622 collection of cancellation requests. */
    public static final String CANCEL_ORDERS = TMF622_BASE + "/cancelProductOrder";

    /** A request to cancel, as the façade reads it. */
    public record CancelRequest(String id, String reason) {}

    // ------------------------------------------------------------------ TMF622 CancelProductOrder

    /** A {@code CancelProductOrder_Create} of one order, with the reason. */
    static ObjectNode toOrderCancelCreate(String orderId, String reason) {
        ObjectNode n = object();
        n.put("@type", "CancelProductOrder");
        n.put("cancellationReason", reason);
        ObjectNode order = n.putObject("productOrder");
        order.put("id", orderId);
        order.put("href", ProductOrder.BASE_PATH + orderId);
        order.put("@referredType", "ProductOrder");
        return n;
    }

    public static CancelRequest fromOrderCancelCreate(JsonNode n) {
        TmfJson.requireObject(n, "body");
        return new CancelRequest(
                text(n.path("productOrder"), "id", "productOrder.id"),
                text(n, "cancellationReason"));
    }

    /**
     * The cancellation carried out: state {@value OrderCancellation#DONE}. TMF622 has no field for
     * the refund here; the cancelled order carries it (a price entry named {@value #REFUND}).
     */
    public static ObjectNode toOrderCancellation(OrderCancellation c) {
        ObjectNode n = toOrderCancelCreate(c.orderId(), c.reason());
        n.put("id", c.id());
        n.put("href", c.href());
        n.put("@type", c.atType());
        n.put("@baseType", "CancelProductOrder");
        n.put("state", OrderCancellation.DONE);
        n.put("effectiveCancellationDate", c.effectiveDate().toString());
        return n;
    }

    /** The cancellation, with the refund read off the cancelled order. */
    static OrderCancellation fromOrderCancellation(JsonNode n, ProductOrder cancelled) {
        TmfJson.requireObject(n, "body");
        String orderId = text(n.path("productOrder"), "id", "productOrder.id");
        if (!orderId.equals(cancelled.id()) || cancelled.refund().isEmpty()) {
            throw new TmfPayloadException(
                    "productOrder",
                    "order " + cancelled.id() + " in state " + cancelled.state(),
                    "the cancelled order " + orderId + ", with its refund");
        }
        return new OrderCancellation(
                text(n, "id"),
                text(n, "href"),
                text(n, "@type"),
                orderId,
                text(n, "cancellationReason"),
                TmfJson.instant(n, "effectiveCancellationDate", "effectiveCancellationDate"),
                cancelled.refund().get());
    }
}
