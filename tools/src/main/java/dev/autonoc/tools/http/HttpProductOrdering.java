package dev.autonoc.tools.http;

import static dev.autonoc.tools.http.HttpTroubleTicket.encode;
import static dev.autonoc.tools.http.ProductOrderingJson.TMF622_BASE;

import dev.autonoc.core.tool.ToolResult.Outcome;
import dev.autonoc.tools.oss.OrderCancellation;
import dev.autonoc.tools.oss.OssException;
import dev.autonoc.tools.oss.ProductOrder;
import dev.autonoc.tools.oss.ProductOrderRequest;
import dev.autonoc.tools.oss.ProductOrdering;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * TMF622 over HTTP: an order is found by id at its {@code href}, by its idempotency key with the
 * attribute filter {@code ?externalId=} (TMF630), and cancelled with a {@code CancelProductOrder}.
 */
final class HttpProductOrdering implements ProductOrdering {

    private static final String PATH = TMF622_BASE + "/productOrder";

    private final HttpTmf http;

    HttpProductOrdering(HttpTmf http) {
        this.http = http;
    }

    @Override
    public ProductOrder order(ProductOrderRequest request, String idempotencyKey) {
        var answer =
                http.send(
                        API,
                        "POST",
                        PATH,
                        ProductOrderingJson.toOrderCreate(request, idempotencyKey),
                        idempotencyKey);
        return parse(() -> ProductOrderingJson.fromOrder(answer));
    }

    @Override
    public Optional<ProductOrder> findOrder(String orderId) {
        return http.find(API, PATH + "/" + encode(orderId))
                .map(n -> parse(() -> ProductOrderingJson.fromOrder(n)));
    }

    @Override
    public Optional<ProductOrder> findOrderByKey(String idempotencyKey) {
        JsonNode list = http.get(API, PATH + "?externalId=" + encode(idempotencyKey));
        if (!list.isArray() || list.size() > 1) {
            throw new OssException(
                    API,
                    "malformed answer: expected a list of at most one order for externalId "
                            + idempotencyKey
                            + ", got "
                            + (list.isArray() ? list.size() + " orders" : list.getNodeType()),
                    Outcome.UNCERTAIN);
        }
        return list.isEmpty()
                ? Optional.empty()
                : Optional.of(parse(() -> ProductOrderingJson.fromOrder(list.get(0))));
    }

    @Override
    public OrderCancellation cancelOrder(String orderId, String reason, String idempotencyKey) {
        var answer =
                http.send(
                        API,
                        "POST",
                        ProductOrderingJson.CANCEL_ORDERS,
                        ProductOrderingJson.toOrderCancelCreate(orderId, reason),
                        idempotencyKey);
        // The refund is on the cancelled order, not the cancellation (TMF622 has no field for it
        // there). The cancel has taken effect by now: a failure reading the order leaves the
        // caller to retry under the same key, which answers the same cancellation.
        ProductOrder cancelled;
        try {
            cancelled =
                    findOrder(orderId)
                            .orElseThrow(
                                    () ->
                                            new OssException(
                                                    API,
                                                    "order "
                                                            + orderId
                                                            + " was cancelled but cannot be read",
                                                    Outcome.UNCERTAIN));
        } catch (OssException e) {
            throw e.outcome() == Outcome.UNCERTAIN
                    ? e
                    : new OssException(
                            API,
                            "cancelled, but reading the order failed: " + e.getMessage(),
                            Outcome.UNCERTAIN,
                            e);
        }
        return parse(() -> ProductOrderingJson.fromOrderCancellation(answer, cancelled));
    }

    private static <T> T parse(Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new OssException(
                    API, "malformed ProductOrder: " + e.getMessage(), Outcome.UNCERTAIN, e);
        }
    }
}
