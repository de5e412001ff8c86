package dev.autonoc.simulators.http;

import dev.autonoc.tools.http.ProductOrderingJson;
import dev.autonoc.tools.http.TmfJson;
import dev.autonoc.tools.oss.OssBss;
import dev.autonoc.tools.oss.ProductOrder;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * TMF622 at the HTTP façade: an order placed, found by id or by the key it was placed under,
 * cancelled.
 */
final class ProductOrderingHandler {

    private final OssBss oss;
    private final ServedResources served;

    ProductOrderingHandler(OssBss oss, ServedResources served) {
        this.oss = oss;
        this.served = served;
    }

    TmfReply createOrder(TmfRequest r) {
        var request = ProductOrderingJson.fromOrderCreate(r.json());
        ProductOrder order = oss.productOrdering().order(request, r.key());
        return TmfReply.ok(201, ProductOrderingJson.toOrder(order));
    }

    /** {@code ?externalId=<key>}: the order placed under that key, as it is now, or none. */
    TmfReply listOrders(TmfRequest r) {
        String key = r.required("externalId", "?externalId=<the key the order was placed under>");
        ArrayNode list = TmfJson.mapper().createArrayNode();
        oss.productOrdering()
                .findOrderByKey(key)
                .ifPresent(o -> list.add(ProductOrderingJson.toOrder(o)));
        return TmfReply.ok(200, list);
    }

    /** An order as it is now: delivered, cancelled, or with its delivery moved by a delay. */
    TmfReply getOrder(TmfRequest r) {
        return oss.productOrdering()
                .findOrder(r.id())
                .map(o -> TmfReply.ok(200, ProductOrderingJson.toOrder(o)))
                .orElseGet(() -> TmfReply.noSuch("productOrder", r.id()));
    }

    TmfReply cancelOrder(TmfRequest r) {
        var c = ProductOrderingJson.fromOrderCancelCreate(r.json());
        var done = oss.productOrdering().cancelOrder(c.id(), c.reason(), r.key());
        ObjectNode answer = ProductOrderingJson.toOrderCancellation(done);
        served.serve(done.href(), answer::deepCopy);
        return TmfReply.ok(201, answer);
    }
}
