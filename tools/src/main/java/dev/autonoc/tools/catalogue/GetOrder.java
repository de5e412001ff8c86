package dev.autonoc.tools.catalogue;

import static dev.autonoc.tools.catalogue.Trees.tree;

import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.InvalidArgumentsException;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.tools.catalogue.ArgumentSchema.Args;
import dev.autonoc.tools.oss.ProductOrder;
import dev.autonoc.tools.oss.ProductOrdering;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code get_order}: a spare-part order as it is now, by the key {@code order_part} was called with
 * or by its id: whether it is on its way, delivered or cancelled, and when it is expected, with any
 * supplier delay that became known after it was placed.
 */
final class GetOrder extends CatalogueTool {

    private final ProductOrdering ordering;

    GetOrder(ProductOrdering ordering) {
        super(
                ToolNames.GET_ORDER,
                ToolKind.READ,
                ProductOrdering.API,
                "A spare-part order as it is now, named by the idempotency key order_part was"
                        + " called with (order_key) or by its id (order_id): its state, when it"
                        + " was placed and when it is expected at the site (moved by any supplier"
                        + " delay that became known since), and whether it has been delivered.",
                List.of(
                        Arg.string("order_key", "the idempotency key of the order_part call")
                                .optional(),
                        Arg.string("order_id", "the order's id, from order_part (po-0001)")
                                .optional()));
        this.ordering = ordering;
    }

    @Override
    void checkTogether(Args args) {
        oneOf(name(), args, "order_key", "order_id");
    }

    /** Exactly one of two optional arguments, as a flat schema cannot say. */
    static void oneOf(String tool, Args args, String first, String second) {
        boolean a = args.optionalString(first).isPresent();
        boolean b = args.optionalString(second).isPresent();
        if (a == b) {
            throw new InvalidArgumentsException(
                    tool,
                    (a ? "both '" + first + "' and '" + second + "' given" : "neither given")
                            + "; accepted: exactly one of "
                            + first
                            + " or "
                            + second);
        }
    }

    @Override
    Estimate estimate(Args args) {
        return Estimate.free(Risk.LOW);
    }

    @Override
    ToolResult run(Args args, ToolInvocation invocation) {
        Optional<String> key = args.optionalString("order_key");
        Optional<ProductOrder> found =
                key.isPresent()
                        ? ordering.findOrderByKey(key.get())
                        : ordering.findOrder(args.string("order_id"));
        if (found.isEmpty()) {
            return ToolResult.invalid(
                    name()
                            + ": no order "
                            + key.map(k -> "placed under key " + k)
                                    .orElseGet(() -> "'" + args.string("order_id") + "'"));
        }
        ProductOrder o = found.get();
        return ToolResult.succeeded(
                row(o),
                "order "
                        + o.id()
                        + " ("
                        + o.item().part()
                        + " to "
                        + o.item().site()
                        + ") is "
                        + o.state()
                        + (o.delivered() ? "" : ", expected " + o.expectedCompletionDate()));
    }

    private static Map<String, Object> row(ProductOrder o) {
        return tree(
                "order_id", o.id(),
                "order_key", o.externalId(),
                "part", o.item().part(),
                "source", o.item().source(),
                "site", o.item().site(),
                "element_id", o.item().elementId(),
                "expedite", o.item().expedite(),
                "state", o.state(),
                "ordered_at", o.orderDate().toString(),
                "expected_delivery_at", o.expectedCompletionDate().toString(),
                "delivered", o.delivered(),
                "cost_gbp", o.orderTotalPrice().value(),
                "refund_gbp", o.refund().map(m -> (Object) m.value()).orElse(null));
    }
}
