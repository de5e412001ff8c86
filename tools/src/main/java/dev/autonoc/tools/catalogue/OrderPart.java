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
import dev.autonoc.tools.oss.ProductOrderRequest;
import dev.autonoc.tools.oss.ProductOrdering;
import dev.autonoc.tools.oss.Resource;
import dev.autonoc.tools.oss.ResourceInventory;
import dev.autonoc.tools.oss.StockCheck;
import dev.autonoc.tools.oss.StockManagement;
import dev.autonoc.tools.oss.StockOption;
import java.util.List;
import java.util.Optional;

/** {@code order_part}: sends a spare from a warehouse or the supplier to a site. */
final class OrderPart extends CatalogueTool {

    private final ResourceInventory inventory;
    private final StockManagement stock;
    private final ProductOrdering ordering;

    OrderPart(ResourceInventory inventory, StockManagement stock, ProductOrdering ordering) {
        super(
                ToolNames.ORDER_PART,
                ToolKind.ACT,
                ProductOrdering.API,
                "Orders one spare part from a source (the site's region warehouse, central, or"
                        + " supplier) delivered to a site for an element; expedited halves the"
                        + " lead time for a surcharge. Stock is reserved when ordered.",
                List.of(
                        Arg.string("part", "the part code").oneOf(CheckStock.PART_CODES),
                        Arg.string(
                                "source",
                                "where from: the region's warehouse (e.g. north), central or"
                                        + " supplier"),
                        Arg.string("site", "where to deliver, e.g. site-01"),
                        Arg.string("element_id", "the element the part is for, e.g. core-rtr-02"),
                        Arg.bool("expedite", "deliver faster at a surcharge").withDefault(false)));
        this.inventory = inventory;
        this.stock = stock;
        this.ordering = ordering;
    }

    @Override
    Estimate estimate(Args args) {
        Resource element = Trees.element(inventory, name(), args.string("element_id"));
        StockCheck check = stock.checkStock(args.string("part"), args.string("site"));
        String source = args.string("source");
        Optional<StockOption> found = check.option(source);
        if (found.isEmpty()) {
            throw new InvalidArgumentsException(
                    name(),
                    "argument 'source' must be one of "
                            + check.options().stream().map(StockOption::place).toList()
                            + " for site "
                            + check.site()
                            + "; got '"
                            + source
                            + "'");
        }
        StockOption option = found.get();
        boolean expedite = args.bool("expedite");
        double cost =
                check.unitPrice().value()
                        * (expedite ? 1.0 + option.expediteSurchargePct() / 100.0 : 1.0);
        double leadMinutes =
                Trees.minutes(expedite ? option.expeditedLeadTime() : option.leadTime());
        return new Estimate(
                cost,
                cost <= 1_000.0 ? Risk.LOW : cost <= 50_000.0 ? Risk.MEDIUM : Risk.HIGH,
                Trees.elementFacts(
                        element,
                        "part",
                        check.part(),
                        "source",
                        source,
                        "lead_time_minutes",
                        leadMinutes));
    }

    @Override
    ToolResult run(Args args, ToolInvocation invocation) {
        ProductOrder order =
                ordering.order(
                        new ProductOrderRequest(
                                args.string("part"),
                                args.string("source"),
                                args.string("site"),
                                args.string("element_id"),
                                args.bool("expedite")),
                        invocation.key().value());
        double cost = order.orderTotalPrice().value();
        return new ToolResult(
                ToolResult.Outcome.SUCCEEDED,
                tree(
                        "order_id", order.id(),
                        "delivery_at", order.expectedCompletionDate().toString(),
                        "cost_gbp", cost),
                "ordered "
                        + args.string("part")
                        + " from "
                        + args.string("source")
                        + " to "
                        + args.string("site")
                        + ", due "
                        + order.expectedCompletionDate(),
                Optional.of(order.expectedCompletionDate()),
                cost);
    }
}
