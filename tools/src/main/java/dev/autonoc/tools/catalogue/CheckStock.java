package dev.autonoc.tools.catalogue;

import static dev.autonoc.tools.catalogue.Trees.minutes;
import static dev.autonoc.tools.catalogue.Trees.tree;

import dev.autonoc.core.prediction.Part;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.tools.catalogue.ArgumentSchema.Args;
import dev.autonoc.tools.oss.StockCheck;
import dev.autonoc.tools.oss.StockManagement;
import java.util.Arrays;
import java.util.List;

/** {@code check_stock}: where a part can come from to reach a site, how fast and at what price. */
final class CheckStock extends CatalogueTool {

    static final List<String> PART_CODES = Arrays.stream(Part.values()).map(Part::code).toList();

    private final StockManagement stock;

    CheckStock(StockManagement stock) {
        super(
                ToolNames.CHECK_STOCK,
                ToolKind.READ,
                StockManagement.API,
                "Spare-part stock for a site: the part's price and, for the site's region"
                        + " warehouse, central and the supplier, the quantity available and the"
                        + " lead times (normal and expedited) in minutes.",
                List.of(
                        Arg.string("part", "the part code").oneOf(PART_CODES),
                        Arg.string("site", "the site the part is wanted at, e.g. site-01")));
        this.stock = stock;
    }

    @Override
    Estimate estimate(Args args) {
        return Estimate.free(Risk.LOW);
    }

    @Override
    ToolResult run(Args args, ToolInvocation invocation) {
        StockCheck check = stock.checkStock(args.string("part"), args.string("site"));
        List<Object> options =
                check.options().stream()
                        .<Object>map(
                                o ->
                                        tree(
                                                "source", o.place(),
                                                "available", o.availableQuantity(),
                                                "lead_time_minutes", minutes(o.leadTime()),
                                                "expedited_lead_time_minutes",
                                                        minutes(o.expeditedLeadTime()),
                                                "expedite_surcharge_pct", o.expediteSurchargePct()))
                        .toList();
        return ToolResult.succeeded(
                tree(
                        "part", check.part(),
                        "price_gbp", check.unitPrice().value(),
                        "options", options),
                options.size() + " sources for " + check.part() + " to " + check.site());
    }
}
