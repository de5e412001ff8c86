package dev.autonoc.simulators;

import dev.autonoc.core.prediction.Part;
import dev.autonoc.tools.oss.Money;
import dev.autonoc.tools.oss.OrderCancellation;
import dev.autonoc.tools.oss.ProductOrder;
import dev.autonoc.tools.oss.ProductOrderRequest;
import dev.autonoc.tools.oss.ProductOrdering;
import java.util.Optional;

/**
 * TMF622 over the twin: ordering a part (reserved at order), finding an order by id or key,
 * cancelling it. Acting calls run once per key through {@link TwinEdge}, under the world's lock.
 */
final class TwinProductOrdering implements ProductOrdering {

    private final TwinEdge edge;
    private final World world;

    TwinProductOrdering(TwinEdge edge) {
        this.edge = edge;
        this.world = edge.world();
    }

    @Override
    public ProductOrder order(ProductOrderRequest request, String idempotencyKey) {
        return edge.once(
                API,
                idempotencyKey,
                () -> {
                    Part p = TwinEdge.part(request.part());
                    int e = edge.element(request.elementId());
                    Stock.Order o =
                            world.stock.order(
                                    p,
                                    request.source(),
                                    request.site(),
                                    e,
                                    request.expedite(),
                                    idempotencyKey);
                    return order(o);
                });
    }

    /** The order as it is now: its state and its expected delivery, delays included. */
    private ProductOrder order(Stock.Order o) {
        ProductOrder placed =
                new ProductOrder(
                        o.id,
                        o.key,
                        new ProductOrderRequest(
                                o.part.code(),
                                o.source,
                                o.site,
                                world.topology.element(o.element).id().value(),
                                o.expedite),
                        o.orderedAt,
                        o.deliveryAt,
                        Money.gbp(o.costGbp()));
        String state =
                o.cancellation != null
                        ? ProductOrder.CANCELLED
                        : o.delivered
                                ? ProductOrder.COMPLETED
                                : world.now().isAfter(o.orderedAt)
                                        ? ProductOrder.IN_PROGRESS
                                        : ProductOrder.ACKNOWLEDGED;
        return placed.asOf(
                state,
                o.deliveryAt,
                Optional.ofNullable(o.cancellation).map(c -> Money.gbp(c.refundGbp())));
    }

    @Override
    public Optional<ProductOrder> findOrder(String orderId) {
        return edge.read(
                API, () -> Optional.ofNullable(world.stock.find(orderId)).map(this::order));
    }

    @Override
    public Optional<ProductOrder> findOrderByKey(String idempotencyKey) {
        return edge.read(
                API,
                () -> Optional.ofNullable(world.stock.findByKey(idempotencyKey)).map(this::order));
    }

    @Override
    public OrderCancellation cancelOrder(String orderId, String reason, String idempotencyKey) {
        return edge.once(
                API,
                idempotencyKey,
                () -> {
                    Stock.Order o = world.stock.find(orderId);
                    if (o == null) {
                        throw TwinRefusal.invalid(
                                "unknown order '" + orderId + "'; orders are po-0001 ..");
                    }
                    Stock.Cancellation c = world.stock.cancel(o, reason);
                    return new OrderCancellation(
                            c.id(), o.id, c.reason(), c.at(), Money.gbp(c.refundGbp()));
                });
    }
}
