package dev.autonoc.tools.catalogue;

import static dev.autonoc.tools.catalogue.Trees.tree;

import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.tools.catalogue.ArgumentSchema.Args;
import dev.autonoc.tools.oss.OrderCancellation;
import dev.autonoc.tools.oss.OssException;
import dev.autonoc.tools.oss.ProductOrder;
import dev.autonoc.tools.oss.ProductOrdering;
import dev.autonoc.tools.oss.Resource;
import dev.autonoc.tools.oss.ResourceInventory;
import java.util.List;
import java.util.Optional;

/**
 * {@code cancel_order}: undoes {@code order_part}, named by the idempotency key the order was
 * placed under. An undo of an order that never took effect has nothing to do and succeeds; an order
 * cancelled already answers as the first cancel did; a delivered part cannot be cancelled (REFUSED:
 * it stays at the site for a later job).
 */
final class CancelOrder extends CatalogueTool {

    private final ResourceInventory inventory;
    private final ProductOrdering ordering;

    CancelOrder(ResourceInventory inventory, ProductOrdering ordering) {
        super(
                ToolNames.CANCEL_ORDER,
                ToolKind.ACT,
                ProductOrdering.API,
                "Cancels a spare-part order that has not been delivered (undoes order_part): the"
                        + " stock reservation goes back and the part's price is refunded (not an"
                        + " expedite surcharge). Names the order by the idempotency key order_part"
                        + " was called with; with no order under that key there is nothing to"
                        + " cancel. A delivered part stays at the site.",
                List.of(
                        Arg.string("element_id", "the element the order was for, e.g. core-rtr-02"),
                        Arg.string(
                                "order_key", "the idempotency key of the order_part call to undo"),
                        Arg.string("reason", "why, for the order's history")));
        this.inventory = inventory;
        this.ordering = ordering;
    }

    @Override
    Estimate estimate(Args args) {
        Resource element = Trees.element(inventory, name(), args.string("element_id"));
        return new Estimate(
                0.0,
                Risk.LOW,
                Trees.elementFacts(element, "order_key", args.string("order_key"), "undo", true));
    }

    @Override
    ToolResult run(Args args, ToolInvocation invocation) {
        String key = args.string("order_key");
        Optional<ProductOrder> found = ordering.findOrderByKey(key);
        if (found.isEmpty()) {
            return ToolResult.succeeded(
                    tree("order_key", key, "cancelled", false),
                    "no order was placed under key " + key + ": nothing to cancel");
        }
        ProductOrder order = found.get();
        String elementId = args.string("element_id");
        if (!order.item().elementId().equals(elementId)) {
            throw OssException.invalid(
                    ProductOrdering.API,
                    "order "
                            + order.id()
                            + " under key "
                            + key
                            + " is for "
                            + order.item().elementId()
                            + ", not "
                            + elementId);
        }
        OrderCancellation cancellation =
                ordering.cancelOrder(order.id(), args.string("reason"), invocation.key().value());
        double refund = cancellation.refund().value();
        return ToolResult.succeeded(
                tree(
                        "order_id",
                        order.id(),
                        "order_key",
                        key,
                        "cancelled",
                        true,
                        "refund_gbp",
                        refund,
                        "cancelled_at",
                        cancellation.effectiveDate().toString()),
                "cancelled order "
                        + order.id()
                        + " ("
                        + order.item().part()
                        + " for "
                        + order.item().site()
                        + "), "
                        + refund
                        + " GBP refunded");
    }
}
