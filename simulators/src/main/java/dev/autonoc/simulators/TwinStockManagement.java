package dev.autonoc.simulators;

import dev.autonoc.core.prediction.Part;
import dev.autonoc.tools.oss.Money;
import dev.autonoc.tools.oss.StockCheck;
import dev.autonoc.tools.oss.StockManagement;
import dev.autonoc.tools.oss.StockOption;
import java.util.ArrayList;
import java.util.List;

/**
 * TMF687 over the twin: stock of a part by warehouse, with lead times to a site. Acting calls run
 * once per key through {@link TwinEdge}, under the world's lock.
 */
final class TwinStockManagement implements StockManagement {

    private final TwinEdge edge;
    private final World world;

    TwinStockManagement(TwinEdge edge) {
        this.edge = edge;
        this.world = edge.world();
    }

    @Override
    public StockCheck checkStock(String partCode, String site) {
        return edge.read(
                API,
                () -> {
                    Part p = TwinEdge.part(partCode);
                    world.stock.requireSite(site);
                    List<StockOption> options = new ArrayList<>();
                    for (String place : world.stock.placesFor(site)) {
                        options.add(
                                new StockOption(
                                        place,
                                        world.stock.shown(place, p),
                                        world.stock.leadTime(p, place, site, false),
                                        world.stock.leadTime(p, place, site, true),
                                        Stock.EXPEDITE_SURCHARGE_PCT));
                    }
                    return new StockCheck(p.code(), site, Money.gbp(Stock.price(p)), options);
                });
    }
}
