package dev.autonoc.tools.oss;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * TMF687 CheckProductStock's answer for one part and one site.
 *
 * @param part the part code ({@code FAN-TRAY})
 * @param site where the part is wanted
 * @param unitPrice the part's price, before any expedite surcharge
 * @param options in order: the site's region warehouse, {@code central}, {@code supplier}
 */
public record StockCheck(String part, String site, Money unitPrice, List<StockOption> options) {

    public StockCheck {
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(unitPrice, "unitPrice");
        options = List.copyOf(options);
    }

    public Optional<StockOption> option(String place) {
        return options.stream().filter(o -> o.place().equals(place)).findFirst();
    }
}
