package dev.autonoc.simulators;

import dev.autonoc.core.prediction.Part;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spare parts: the warehouses ({@code central} and one per region) with their stock, the supplier,
 * orders in flight and the parts delivered to sites (OPERATOR.md, parts and stock).
 */
final class Stock {

    static final String CENTRAL = "central";
    static final String SUPPLIER = "supplier";
    static final double EXPEDITE_SURCHARGE_PCT = 50.0;

    /** What check_stock shows for the supplier, who always has more. */
    static final long SUPPLIER_AVAILABLE = 9_999;

    private final World world;
    private final Map<String, Map<Part, Integer>> warehouses = new LinkedHashMap<>();
    private final Map<String, Map<Part, Integer>> atSite = new HashMap<>();
    private final Map<Part, Duration> extraDelay = new HashMap<>();
    private final List<Delay> windowed = new ArrayList<>();
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final Map<String, Order> ordersByKey = new HashMap<>();
    private int orderCount;
    private final java.util.Optional<Duration> staleLag;
    private final List<Change> changes = new ArrayList<>();
    private int cancellations;

    /**
     * A part on its way to a site, from its order to its delivery or cancellation. Its delivery
     * time moves when a supplier delay becomes known while it is on its way.
     */
    static final class Order {
        final String id;
        final String key;
        final Part part;
        final String source;
        final String site;
        final int element;
        final boolean expedite;
        final Instant orderedAt;
        final double priceGbp;
        final double surchargeGbp;
        Instant deliveryAt;
        boolean delivered;
        Cancellation cancellation;

        /** The windowed delays that have moved this order's delivery. */
        final java.util.Set<Delay> delayedBy = new java.util.HashSet<>();

        Order(
                String id,
                String key,
                Part part,
                String source,
                String site,
                int element,
                boolean expedite,
                Instant orderedAt,
                Instant deliveryAt,
                double priceGbp,
                double surchargeGbp) {
            this.id = id;
            this.key = key;
            this.part = part;
            this.source = source;
            this.site = site;
            this.element = element;
            this.expedite = expedite;
            this.orderedAt = orderedAt;
            this.deliveryAt = deliveryAt;
            this.priceGbp = priceGbp;
            this.surchargeGbp = surchargeGbp;
        }

        double costGbp() {
            return priceGbp + surchargeGbp;
        }

        boolean inFlight() {
            return !delivered && cancellation == null;
        }
    }

    /**
     * A windowed SUPPLIER_DELAY: deliveries of {@code part} due in {@code [from, to)} are late by
     * {@code extra}; known from {@code from} on. Its index tells two alike in a spec apart.
     */
    record Delay(int index, Part part, Duration extra, Instant from, Instant to) {
        boolean hits(Order o) {
            return o.part == part && !o.deliveryAt.isBefore(from) && o.deliveryAt.isBefore(to);
        }
    }

    /** An order's cancellation: when, why, and the refund (the price, not the surcharge). */
    record Cancellation(String id, Instant at, String reason, double refundGbp) {}

    Stock(World world, TwinSpec spec) {
        this.world = world;
        Map<Part, Integer> central = world.emptyParts();
        for (Part p : Part.values()) {
            central.put(p, 5);
        }
        warehouses.put(CENTRAL, central);
        for (String region : Topology.REGIONS) {
            Map<Part, Integer> w = world.emptyParts();
            for (Part p : Part.values()) {
                w.put(p, p == Part.LINE_CARD ? 0 : 2);
            }
            warehouses.put(region, w);
        }
        for (StockLevel level : spec.stock()) {
            warehouses.get(level.warehouse()).put(level.part(), level.quantity());
        }
        staleLag =
                spec.disturbances().stream()
                        .filter(d -> d instanceof Disturbance.StaleStock)
                        .map(d -> ((Disturbance.StaleStock) d).lag())
                        .max(Duration::compareTo);
        for (Disturbance d : spec.disturbances()) {
            if (d instanceof Disturbance.SupplierDelay delay) {
                if (delay.window().isEmpty()) {
                    extraDelay.merge(delay.part(), delay.extra(), Duration::plus);
                } else {
                    Delay w =
                            new Delay(
                                    windowed.size(),
                                    delay.part(),
                                    delay.extra(),
                                    spec.start().plus(delay.window().get().from()),
                                    spec.start().plus(delay.window().get().to()));
                    windowed.add(w);
                    world.schedule(w.from(), new World.DelayKnown(w));
                }
            }
        }
    }

    /**
     * A delay's window starts: every order on its way that is due in it is late by its extra, and
     * its delivery moves (a delivery moved into another known window is late by that one too).
     */
    void delayKnown(Delay delay) {
        for (Order o : orders.values()) {
            if (o.inFlight() && !o.delayedBy.contains(delay) && delay.hits(o)) {
                o.deliveryAt = o.deliveryAt.plus(delay.extra());
                o.delayedBy.add(delay);
                applyKnownDelays(o);
                world.schedule(o.deliveryAt, new World.Deliver(o));
            }
        }
    }

    /** Moves an order's delivery by every delay known now whose window it is due in. */
    private void applyKnownDelays(Order o) {
        o.deliveryAt = delayed(o.part, o.deliveryAt, o.delayedBy);
    }

    /**
     * A delivery of {@code part} due at {@code due}, late by every delay known now whose window it
     * is due in and that is not in {@code applied} (which collects those applied).
     */
    private Instant delayed(Part part, Instant due, java.util.Set<Delay> applied) {
        Instant now = world.now();
        boolean moved = true;
        while (moved) {
            moved = false;
            for (Delay d : windowed) {
                if (!d.from().isAfter(now)
                        && !applied.contains(d)
                        && d.part() == part
                        && !due.isBefore(d.from())
                        && due.isBefore(d.to())) {
                    due = due.plus(d.extra());
                    applied.add(d);
                    moved = true;
                }
            }
        }
        return due;
    }

    static boolean knownWarehouse(String name) {
        return CENTRAL.equals(name) || Topology.REGIONS.contains(name);
    }

    static double price(Part part) {
        return switch (part) {
            case FAN_TRAY -> 450.0;
            case PSU -> 900.0;
            case SFP_OPTIC -> 2_800.0;
            case LINE_CARD -> 12_000.0;
        };
    }

    static Duration supplierLead(Part part) {
        return switch (part) {
            case FAN_TRAY, PSU -> Duration.ofHours(48);
            case SFP_OPTIC -> Duration.ofHours(72);
            case LINE_CARD -> Duration.ofHours(96);
        };
    }

    /**
     * Order to delivery at the site, with any supplier delay of the part in force (a delay of a
     * part slows every delivery of it: the warehouses are restocked through the same supplier).
     */
    Duration leadTime(Part part, String source, String site, boolean expedite) {
        // a delivery due in the window of a delay known now is quoted late
        Instant now = world.now();
        Instant due = now.plus(unwindowedLead(part, source, site, expedite));
        return Duration.between(now, delayed(part, due, new java.util.HashSet<>()));
    }

    /** Order to delivery before any windowed delay: the base lead time, the unwindowed delays. */
    private Duration unwindowedLead(Part part, String source, String site, boolean expedite) {
        Duration base;
        if (SUPPLIER.equals(source)) {
            base = supplierLead(part);
        } else if (source.equals(world.topology.regionOfSite.get(site))) {
            base = Duration.ofHours(4);
        } else {
            base = Duration.ofHours(12);
        }
        Duration total = base.plus(extraDelay.getOrDefault(part, Duration.ZERO));
        return expedite ? total.dividedBy(2) : total;
    }

    long available(String place, Part part) {
        if (SUPPLIER.equals(place)) {
            return SUPPLIER_AVAILABLE;
        }
        return warehouses.get(place).get(part);
    }

    /**
     * What check_stock shows: the stock now, or under STALE_STOCK the stock as it was {@code lag}
     * ago (the changes since are taken back, newest first).
     */
    long shown(String place, Part part) {
        long now = available(place, part);
        if (staleLag.isEmpty() || SUPPLIER.equals(place)) {
            return now;
        }
        Instant asOf = world.now().minus(staleLag.get());
        for (int i = changes.size() - 1; i >= 0; i--) {
            Change c = changes.get(i);
            if (!c.at().isAfter(asOf)) {
                break;
            }
            if (c.place().equals(place) && c.part() == part) {
                now -= c.delta();
            }
        }
        return now;
    }

    private void changed(String place, Part part, int delta) {
        if (staleLag.isPresent()) {
            changes.add(new Change(world.now(), place, part, delta));
        }
    }

    /** A change of a warehouse's stock, kept for STALE_STOCK's reads of the past. */
    private record Change(Instant at, String place, Part part, int delta) {}

    /** The places to order from for a site: its region's warehouse, central, the supplier. */
    List<String> placesFor(String site) {
        return List.of(world.topology.regionOfSite.get(site), CENTRAL, SUPPLIER);
    }

    void requireSite(String site) {
        if (!world.topology.regionOfSite.containsKey(site)) {
            throw TwinRefusal.invalid(
                    "unknown site '"
                            + site
                            + "'; sites are "
                            + world.topology.sites.get(0)
                            + " .. and pop-01 .. (an element's site, from get_element)");
        }
    }

    Order order(Part part, String source, String site, int element, boolean expedite, String key) {
        requireSite(site);
        if (!SUPPLIER.equals(source) && !knownWarehouse(source)) {
            throw TwinRefusal.invalid(
                    "unknown source '"
                            + source
                            + "'; accepted: central, supplier, "
                            + String.join(", ", Topology.REGIONS));
        }
        if (!SUPPLIER.equals(source)) {
            int have = warehouses.get(source).get(part);
            if (have < 1) {
                throw new TwinRefusal(
                        "no "
                                + part.code()
                                + " in stock at "
                                + source
                                + " (0 available); check_stock lists the other sources");
            }
            warehouses.get(source).put(part, have - 1);
            changed(source, part, -1);
        }
        Instant now = world.now();
        Instant at = now.plus(unwindowedLead(part, source, site, expedite));
        double price = price(part);
        double surcharge = expedite ? price * EXPEDITE_SURCHARGE_PCT / 100.0 : 0.0;
        world.addCost("parts", price);
        if (surcharge > 0) {
            world.addCost("expedite", surcharge);
        }
        Order o =
                new Order(
                        String.format("po-%04d", ++orderCount),
                        key,
                        part,
                        source,
                        site,
                        element,
                        expedite,
                        now,
                        at,
                        price,
                        surcharge);
        orders.put(o.id, o);
        ordersByKey.put(key, o);
        applyKnownDelays(o);
        world.schedule(o.deliveryAt, new World.Deliver(o));
        return o;
    }

    Order find(String orderId) {
        return orders.get(orderId);
    }

    Order findByKey(String key) {
        return ordersByKey.get(key);
    }

    /**
     * Cancels an order on its way: the reserved unit goes back to its warehouse, the price is
     * refunded (the ops cost falls by it; an expedite surcharge stays spent). A cancelled order
     * answers its first cancellation again; a delivered one is refused.
     */
    Cancellation cancel(Order o, String reason) {
        if (o.cancellation != null) {
            return o.cancellation;
        }
        if (o.delivered) {
            throw new TwinRefusal(
                    o.id
                            + " was delivered to "
                            + o.site
                            + " at "
                            + o.deliveryAt
                            + "; the "
                            + o.part.code()
                            + " stays there for a later job");
        }
        if (!SUPPLIER.equals(o.source)) {
            warehouses.get(o.source).merge(o.part, 1, Integer::sum);
            changed(o.source, o.part, +1);
        }
        world.addCost("parts", -o.priceGbp);
        o.cancellation =
                new Cancellation(
                        String.format("cpo-%04d", ++cancellations),
                        world.now(),
                        reason,
                        o.priceGbp);
        return o.cancellation;
    }

    /** The part reaches the site, unless the order was cancelled or its delivery has moved. */
    void deliver(Order o) {
        if (!o.inFlight() || o.deliveryAt.isAfter(world.now())) {
            return;
        }
        o.delivered = true;
        atSite.computeIfAbsent(o.site, s -> world.emptyParts()).merge(o.part, 1, Integer::sum);
    }

    int atSite(String site, Part part) {
        Map<Part, Integer> m = atSite.get(site);
        return m == null ? 0 : m.get(part);
    }

    /** Takes a delivered part for a job; false when none is there. */
    boolean takeFromSite(String site, Part part) {
        int have = atSite(site, part);
        if (have < 1) {
            return false;
        }
        atSite.get(site).put(part, have - 1);
        return true;
    }
}
