package dev.autonoc.tools.fake;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.tools.oss.ActivationResult;
import dev.autonoc.tools.oss.AppliedCustomerBillingRate;
import dev.autonoc.tools.oss.Appointment;
import dev.autonoc.tools.oss.AppointmentRequest;
import dev.autonoc.tools.oss.BookedAppointment;
import dev.autonoc.tools.oss.Communication;
import dev.autonoc.tools.oss.CommunicationMessage;
import dev.autonoc.tools.oss.CustomerBill;
import dev.autonoc.tools.oss.EnterpriseSlice;
import dev.autonoc.tools.oss.FieldEngineer;
import dev.autonoc.tools.oss.Money;
import dev.autonoc.tools.oss.Note;
import dev.autonoc.tools.oss.OrderCancellation;
import dev.autonoc.tools.oss.OssBss;
import dev.autonoc.tools.oss.OssException;
import dev.autonoc.tools.oss.OutagePreview;
import dev.autonoc.tools.oss.ProductOrder;
import dev.autonoc.tools.oss.ProductOrderRequest;
import dev.autonoc.tools.oss.ProductOrdering;
import dev.autonoc.tools.oss.ReroutePreview;
import dev.autonoc.tools.oss.Resource;
import dev.autonoc.tools.oss.ResourceInventory;
import dev.autonoc.tools.oss.ResourceLink;
import dev.autonoc.tools.oss.ResourceState;
import dev.autonoc.tools.oss.ResourceStatus;
import dev.autonoc.tools.oss.ResourceTopology;
import dev.autonoc.tools.oss.ServiceActivation;
import dev.autonoc.tools.oss.ServiceImpact;
import dev.autonoc.tools.oss.ServiceInventory;
import dev.autonoc.tools.oss.StockCheck;
import dev.autonoc.tools.oss.StockManagement;
import dev.autonoc.tools.oss.StockOption;
import dev.autonoc.tools.oss.Ticket;
import dev.autonoc.tools.oss.TicketRequest;
import dev.autonoc.tools.oss.TimePeriod;
import dev.autonoc.tools.oss.TroubleTicket;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A small operator in memory, with the operator's default numbers (OPERATOR.md) on four core
 * routers, two aggregation routers, three cells and eight links. Acting calls are idempotent by
 * key, as the real edge is; {@link #failNext} makes the next call of an API fail the way a far side
 * does.
 *
 * <p>Sites {@code site-01..04} lie in north, south, east, west; core router {@code core-rtr-0n} is
 * at {@code site-0n}; {@code agg-rtr-01} (site-01) and {@code agg-rtr-02} (site-02) carry the
 * cells. Engineer {@code eng-north-2} lacks the {@code fibre} skill; everyone else has all three.
 */
public final class FakeOssBss {

    /** How the next call of an API fails. */
    public enum Failure {
        /** Times out before anything happens: retriable, no effect. */
        TIMEOUT_BEFORE,
        /** Times out after the effect happened: retriable, the effect stands. */
        TIMEOUT_AFTER,
        /** Refuses: not retriable, no effect. */
        REFUSE,
        /** Unavailable (503): no effect, a new attempt may succeed. */
        UNAVAILABLE
    }

    public static final List<String> REGIONS = List.of("north", "south", "east", "west");
    private static final Duration TICK = Duration.ofMinutes(5);

    private final Clock clock;
    private final Map<String, Resource> resources = new TreeMap<>();
    private final Map<String, ResourceStatus> status = new HashMap<>();
    private final Map<String, Double> traffic = new HashMap<>();
    private final List<ResourceLink> links = new ArrayList<>();
    private final Map<String, String> siteRegion = new LinkedHashMap<>();
    private final Map<String, List<String>> cellsBehind = new HashMap<>();
    private final List<SliceSpan> slices = new ArrayList<>();
    private final Map<String, Map<String, Long>> stock = new HashMap<>();
    private final Map<String, FieldEngineer> engineers = new LinkedHashMap<>();
    private final Map<String, Failure> pending = new HashMap<>();
    private final Map<String, Integer> calls = new HashMap<>();
    private final Map<String, Object> byKey = new HashMap<>();

    private final List<ProductOrder> orders = new ArrayList<>();
    private final Map<String, OrderCancellation> cancellations = new HashMap<>();
    private final Map<String, String> appointmentsCancelled = new HashMap<>();
    private final List<BookedAppointment> appointments = new ArrayList<>();
    private final Map<String, Ticket> tickets = new LinkedHashMap<>();
    private final List<ActivationResult> activations = new ArrayList<>();
    private final List<CommunicationMessage> messages = new ArrayList<>();
    private final List<AppliedCustomerBillingRate> credits = new ArrayList<>();

    private record SliceSpan(EnterpriseSlice slice, List<String> elements) {}

    public FakeOssBss(Clock clock) {
        this.clock = clock;
        for (int n = 1; n <= 4; n++) {
            String site = "site-0" + n;
            String region = REGIONS.get(n - 1);
            siteRegion.put(site, region);
            node("core-rtr-0" + n, ElementKind.ROUTER, "core", site, 40.0);
        }
        node("agg-rtr-01", ElementKind.ROUTER, "aggregation", "site-01", 20.0);
        node("agg-rtr-02", ElementKind.ROUTER, "aggregation", "site-02", 10.0);
        for (String cell : List.of("cell-01-1", "cell-01-2")) {
            node(cell, ElementKind.RADIO, "cell", "site-01", 2.0);
            cellsBehind.computeIfAbsent("agg-rtr-01", k -> new ArrayList<>()).add(cell);
        }
        node("cell-02-1", ElementKind.RADIO, "cell", "site-02", 2.0);
        cellsBehind.computeIfAbsent("agg-rtr-02", k -> new ArrayList<>()).add("cell-02-1");
        link("core-rtr-01", "core-rtr-02");
        link("core-rtr-02", "core-rtr-03");
        link("core-rtr-03", "core-rtr-04");
        link("core-rtr-01", "core-rtr-04");
        link("agg-rtr-01", "core-rtr-01");
        link("agg-rtr-01", "core-rtr-02");
        link("agg-rtr-02", "core-rtr-02");
        link("agg-rtr-02", "core-rtr-03");
        slices.add(
                new SliceSpan(
                        new EnterpriseSlice("slice-1", "ent-1", Money.gbp(10_000)),
                        List.of("core-rtr-01", "agg-rtr-01", "cell-01-1")));
        slices.add(
                new SliceSpan(
                        new EnterpriseSlice("slice-2", "ent-2", Money.gbp(4_000)),
                        List.of("core-rtr-02", "agg-rtr-02")));
        for (String region : REGIONS) {
            Map<String, Long> held = new HashMap<>();
            for (String part : List.of("FAN-TRAY", "PSU", "SFP-OPTIC")) {
                held.put(part, 2L);
            }
            held.put("LINE-CARD", 0L);
            stock.put(region, held);
        }
        Map<String, Long> central = new HashMap<>();
        for (String part : List.of("FAN-TRAY", "PSU", "SFP-OPTIC", "LINE-CARD")) {
            central.put(part, 5L);
        }
        stock.put(StockOption.CENTRAL, central);
        for (String region : REGIONS) {
            for (int i = 1; i <= 2; i++) {
                String id = "eng-" + region + "-" + i;
                List<String> skills =
                        id.equals("eng-north-2")
                                ? List.of("router", "radio")
                                : List.of("router", "radio", "fibre");
                engineers.put(
                        id,
                        new FieldEngineer(
                                id,
                                region,
                                skills,
                                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                                LocalTime.of(8, 0),
                                LocalTime.of(18, 0),
                                Optional.empty(),
                                List.of(),
                                List.of()));
            }
        }
    }

    private void node(String id, ElementKind kind, String role, String site, double gbps) {
        resources.put(
                id, new Resource(id, kind, role, siteRegion.get(site), site, ResourceStatus.UP));
        status.put(id, ResourceStatus.UP);
        traffic.put(id, gbps);
    }

    private void link(String a, String b) {
        String id = "link-" + a + "-" + b;
        links.add(new ResourceLink(id, a, b, 100.0));
        Resource first = resources.get(a);
        resources.put(
                id,
                new Resource(
                        id,
                        ElementKind.LINK,
                        "fibre",
                        first.region(),
                        first.site(),
                        ResourceStatus.UP));
        status.put(id, ResourceStatus.UP);
        traffic.put(id, 10.0);
    }

    /** The clients over this operator. */
    public OssBss ossBss() {
        return new OssBss(
                new Inventory(),
                new Services(),
                new Stock(),
                new Ordering(),
                new Appointments(),
                new Tickets(),
                new Activation(),
                new Messages(),
                new Bills());
    }

    /** The next call of this API ({@code TMF622}) fails so. */
    public void failNext(String api, Failure failure) {
        pending.put(api, failure);
    }

    /** Calls that reached an API, faults included. */
    public int calls(String api) {
        return calls.getOrDefault(api, 0);
    }

    /** Sets an element's status, as a failure or a repair would. */
    public void setStatus(String elementId, ResourceStatus newStatus) {
        status.put(require(elementId).id(), newStatus);
    }

    public List<ProductOrder> orders() {
        return List.copyOf(orders);
    }

    public List<BookedAppointment> appointments() {
        return List.copyOf(appointments);
    }

    public List<Ticket> tickets() {
        return List.copyOf(tickets.values());
    }

    public List<ActivationResult> activations() {
        return List.copyOf(activations);
    }

    public List<CommunicationMessage> messages() {
        return List.copyOf(messages);
    }

    public List<AppliedCustomerBillingRate> credits() {
        return List.copyOf(credits);
    }

    public long stockOf(String place, String part) {
        return stock.get(place).get(part);
    }

    /** Puts a note on a case's ticket as someone outside would (a customer, another system). */
    public void noteFromOutside(String caseId, String text) {
        Ticket ticket =
                tickets.values().stream()
                        .filter(t -> t.externalId().equals(caseId))
                        .findFirst()
                        .orElseThrow();
        tickets.put(
                ticket.id(),
                ticket.withNote(
                        new Note(
                                "N-" + (ticket.note().size() + 1),
                                "outside",
                                clock.instant(),
                                text)));
    }

    // --- the far side's behaviour ---------------------------------------------------------

    /** Runs a read, after any injected fault. */
    private synchronized <T> T read(String api, Supplier<T> answer) {
        calls.merge(api, 1, Integer::sum);
        Failure failure = pending.remove(api);
        if (failure == Failure.REFUSE) {
            throw OssException.refused(api, "injected refusal");
        }
        if (failure == Failure.UNAVAILABLE) {
            throw OssException.unavailable(api, "injected unavailability");
        }
        if (failure != null) {
            throw OssException.timeout(api, "injected time-out");
        }
        return answer.get();
    }

    /** Runs an effect once per key, after and around any injected fault. */
    private synchronized <T> T act(String api, String key, Class<T> type, Supplier<T> effect) {
        calls.merge(api, 1, Integer::sum);
        Failure failure = pending.remove(api);
        if (failure == Failure.TIMEOUT_BEFORE) {
            throw OssException.timeout(api, "injected time-out before the effect");
        }
        if (failure == Failure.REFUSE) {
            throw OssException.refused(api, "injected refusal");
        }
        if (failure == Failure.UNAVAILABLE) {
            throw OssException.unavailable(api, "injected unavailability");
        }
        String scoped = api + "|" + key;
        Object done = byKey.get(scoped);
        if (done == null) {
            done = effect.get();
            byKey.put(scoped, done);
        }
        if (failure == Failure.TIMEOUT_AFTER) {
            throw OssException.timeout(api, "injected time-out after the effect");
        }
        return type.cast(done);
    }

    private Resource require(String id) {
        Resource r = resources.get(id);
        if (r == null) {
            throw OssException.invalid("TMF639", "no resource '" + id + "'");
        }
        return r;
    }

    private Resource current(String id) {
        Resource r = require(id);
        return new Resource(r.id(), r.category(), r.role(), r.region(), r.site(), status.get(id));
    }

    private boolean hasAlternatePath(Resource r) {
        return r.category() == ElementKind.LINK || "core".equals(r.role());
    }

    private ServiceImpact impact(String id) {
        Resource r = require(id);
        long consumers =
                switch (r.category()) {
                    case RADIO -> 400L;
                    case ROUTER ->
                            "aggregation".equals(r.role())
                                    ? 400L * cellsBehind.getOrDefault(id, List.of()).size()
                                    : 0L;
                    case LINK -> 0L;
                };
        List<EnterpriseSlice> hit =
                slices.stream()
                        .filter(s -> s.elements().contains(id))
                        .map(SliceSpan::slice)
                        .toList();
        return new ServiceImpact(id, hasAlternatePath(r), consumers, hit);
    }

    private ReroutePreview preview(String id) {
        Resource r = require(id);
        boolean alternate = hasAlternatePath(r);
        double after = 0.5 + traffic.get(id) / 100.0;
        int breached =
                after > 0.8
                        ? (int) slices.stream().filter(s -> s.elements().contains(id)).count()
                        : 0;
        int isolated = alternate ? 0 : 1;
        return new ReroutePreview(id, after, breached, isolated, alternate);
    }

    /** An order as it is now: cancelled, delivered once its time has come, else on its way. */
    private ProductOrder orderNow(ProductOrder o) {
        Instant now = clock.instant();
        String state =
                cancellations.containsKey(o.id())
                        ? ProductOrder.CANCELLED
                        : !now.isBefore(o.expectedCompletionDate())
                                ? ProductOrder.COMPLETED
                                : now.isAfter(o.orderDate())
                                        ? ProductOrder.IN_PROGRESS
                                        : ProductOrder.ACKNOWLEDGED;
        return o.asOf(
                state,
                o.expectedCompletionDate(),
                Optional.ofNullable(cancellations.get(o.id())).map(OrderCancellation::refund));
    }

    /** An appointment as it is now, by the clock and the cancellations. */
    private BookedAppointment appointmentNow(BookedAppointment a) {
        Instant now = clock.instant();
        String reason = appointmentsCancelled.get(a.id());
        if (reason != null) {
            return a.withStatus(BookedAppointment.CANCELLED, Optional.of(reason));
        }
        String state =
                !now.isBefore(a.validFor().endDateTime())
                        ? BookedAppointment.COMPLETED
                        : !now.isBefore(a.departure())
                                ? BookedAppointment.IN_PROGRESS
                                : BookedAppointment.CONFIRMED;
        return a.withStatus(state, Optional.empty());
    }

    /**
     * A crude what-if: every element already out (or with a job in the window) and this one add ten
     * points each to the busiest link, at a load of the hour (quiet 02-05, peak 19-22).
     */
    private OutagePreview outage(String id, Instant requested, Duration duration) {
        Resource r = require(id);
        Instant at = requested.isBefore(clock.instant()) ? clock.instant() : requested;
        Instant end = at.plus(duration);
        List<String> out = new ArrayList<>();
        for (String other : resources.keySet()) {
            boolean booked =
                    appointments.stream()
                            .map(FakeOssBss.this::appointmentNow)
                            .anyMatch(
                                    a ->
                                            !a.cancelled()
                                                    && a.request().elementId().equals(other)
                                                    && a.validFor().startDateTime().isBefore(end)
                                                    && a.validFor().endDateTime().isAfter(at));
            if (other.equals(id) || status.get(other) != ResourceStatus.UP || booked) {
                out.add(other);
            }
        }
        int hour = at.atZone(java.time.ZoneOffset.UTC).getHour();
        double load = hour >= 2 && hour < 5 ? 0.25 : hour >= 19 && hour < 23 ? 1.0 : 0.7;
        double peak = 0.5 + traffic.get(id) / 100.0 + 0.1 * (out.size() - 1);
        ServiceImpact impact = impact(id);
        boolean alternate = impact.hasAlternatePath();
        int isolated = alternate ? 0 : Math.max(1, (int) (impact.consumers() / 400));
        long cut = alternate ? 0 : impact.consumers();
        double after = peak * load;
        Map<String, Double> overloaded = new TreeMap<>();
        if (after > 1.0) {
            overloaded.put(links.get(0).id(), after);
        }
        int breached = after > 1.0 || !alternate ? impact.enterpriseSlices().size() : 0;
        return new OutagePreview(
                id,
                at,
                duration,
                load,
                after,
                peak,
                overloaded,
                isolated,
                cut,
                breached,
                cut * (double) duration.toMinutes(),
                out);
    }

    private StockCheck stockCheck(String part, String site) {
        String region = siteRegion.get(site);
        if (region == null) {
            throw OssException.invalid("TMF687", "no site '" + site + "'");
        }
        if (!stock.get(StockOption.CENTRAL).containsKey(part)) {
            throw OssException.invalid("TMF687", "no part '" + part + "'");
        }
        Duration supplier =
                switch (part) {
                    case "SFP-OPTIC" -> Duration.ofHours(72);
                    case "LINE-CARD" -> Duration.ofHours(96);
                    default -> Duration.ofHours(48);
                };
        double price =
                switch (part) {
                    case "FAN-TRAY" -> 450.0;
                    case "PSU" -> 900.0;
                    case "SFP-OPTIC" -> 2_800.0;
                    default -> 12_000.0;
                };
        return new StockCheck(
                part,
                site,
                Money.gbp(price),
                List.of(
                        option(region, stock.get(region).get(part), Duration.ofHours(4)),
                        option(
                                StockOption.CENTRAL,
                                stock.get(StockOption.CENTRAL).get(part),
                                Duration.ofHours(12)),
                        option(StockOption.SUPPLIER, 1_000L, supplier)));
    }

    private static StockOption option(String place, long available, Duration lead) {
        return new StockOption(place, available, lead, lead.dividedBy(2), 50.0);
    }

    /** From the engineer's depot to a site: 1 to 2 hours, 2 more from another region. */
    private Duration travel(FieldEngineer e, String site) {
        Duration base = Duration.ofMinutes(60L + 30L * (Integer.parseInt(site.substring(5)) % 3));
        return e.region().equals(siteRegion.get(site)) ? base : base.plusHours(2);
    }

    private final class Inventory implements ResourceInventory {
        @Override
        public ResourceTopology topology() {
            return read(
                    API,
                    () ->
                            new ResourceTopology(
                                    resources.keySet().stream()
                                            .map(FakeOssBss.this::current)
                                            .toList(),
                                    links));
        }

        @Override
        public Optional<Resource> findResource(String id) {
            return read(
                    API,
                    () -> resources.containsKey(id) ? Optional.of(current(id)) : Optional.empty());
        }

        @Override
        public Optional<ResourceState> resourceState(String id) {
            return read(
                    API,
                    () -> {
                        if (!resources.containsKey(id)) {
                            return Optional.empty();
                        }
                        Resource r = current(id);
                        boolean carrying = r.resourceStatus() == ResourceStatus.UP;
                        return Optional.of(
                                new ResourceState(
                                        r, hasAlternatePath(r), carrying ? traffic.get(id) : 0.0));
                    });
        }

        @Override
        public List<TelemetrySample> telemetry(String id, int samples) {
            return read(
                    API,
                    () -> {
                        Resource r = require(id);
                        List<TelemetrySample> out = new ArrayList<>();
                        Instant now = clock.instant();
                        for (int i = samples - 1; i >= 0; i--) {
                            double[] values = TelemetrySample.emptyValues();
                            for (Metric m : Metric.reportedBy(r.category())) {
                                values[m.ordinal()] = 10.0 + m.ordinal() + (i % 3);
                            }
                            out.add(
                                    new TelemetrySample(
                                            ElementId.of(id),
                                            now.minus(TICK.multipliedBy(i)),
                                            values));
                        }
                        return out;
                    });
        }
    }

    private final class Services implements ServiceInventory {
        @Override
        public ServiceImpact impactOf(String resourceId) {
            return read(API, () -> impact(resourceId));
        }
    }

    private final class Stock implements StockManagement {
        @Override
        public StockCheck checkStock(String part, String site) {
            return read(API, () -> stockCheck(part, site));
        }
    }

    private final class Ordering implements ProductOrdering {
        @Override
        public ProductOrder order(ProductOrderRequest request, String idempotencyKey) {
            return act(
                    API,
                    idempotencyKey,
                    ProductOrder.class,
                    () -> {
                        require(request.elementId());
                        StockCheck check = stockCheck(request.part(), request.site());
                        StockOption option =
                                check.option(request.source())
                                        .orElseThrow(
                                                () ->
                                                        OssException.invalid(
                                                                API,
                                                                "no source '"
                                                                        + request.source()
                                                                        + "'"));
                        if (option.availableQuantity() < 1) {
                            throw OssException.refused(
                                    API,
                                    "no " + request.part() + " in stock at " + request.source());
                        }
                        if (!request.source().equals(StockOption.SUPPLIER)) {
                            stock.get(request.source()).merge(request.part(), -1L, Long::sum);
                        }
                        Instant now = clock.instant();
                        Duration lead =
                                request.expedite() ? option.expeditedLeadTime() : option.leadTime();
                        double price =
                                check.unitPrice().value()
                                        * (request.expedite()
                                                ? 1 + option.expediteSurchargePct() / 100
                                                : 1);
                        ProductOrder order =
                                new ProductOrder(
                                        "PO-" + (orders.size() + 1),
                                        idempotencyKey,
                                        request,
                                        now,
                                        now.plus(lead),
                                        Money.gbp(price));
                        orders.add(order);
                        return order;
                    });
        }

        @Override
        public Optional<ProductOrder> findOrder(String orderId) {
            return read(
                    API,
                    () ->
                            orders.stream()
                                    .filter(o -> o.id().equals(orderId))
                                    .findFirst()
                                    .map(FakeOssBss.this::orderNow));
        }

        @Override
        public Optional<ProductOrder> findOrderByKey(String idempotencyKey) {
            return read(
                    API,
                    () ->
                            orders.stream()
                                    .filter(o -> o.externalId().equals(idempotencyKey))
                                    .findFirst()
                                    .map(FakeOssBss.this::orderNow));
        }

        @Override
        public OrderCancellation cancelOrder(String orderId, String reason, String idempotencyKey) {
            return act(
                    API,
                    idempotencyKey,
                    OrderCancellation.class,
                    () -> {
                        ProductOrder order =
                                orders.stream()
                                        .filter(o -> o.id().equals(orderId))
                                        .findFirst()
                                        .orElseThrow(
                                                () ->
                                                        OssException.invalid(
                                                                API, "no order '" + orderId + "'"));
                        OrderCancellation done = cancellations.get(orderId);
                        if (done != null) {
                            return done;
                        }
                        if (orderNow(order).delivered()) {
                            throw OssException.refused(
                                    API,
                                    order.id()
                                            + " was delivered at "
                                            + order.expectedCompletionDate()
                                            + "; the part stays at the site");
                        }
                        ProductOrderRequest item = order.item();
                        if (!item.source().equals(StockOption.SUPPLIER)) {
                            stock.get(item.source()).merge(item.part(), 1L, Long::sum);
                        }
                        double price = stockCheck(item.part(), item.site()).unitPrice().value();
                        OrderCancellation c =
                                new OrderCancellation(
                                        "CPO-" + (cancellations.size() + 1),
                                        orderId,
                                        reason,
                                        clock.instant(),
                                        Money.gbp(price));
                        cancellations.put(orderId, c);
                        return c;
                    });
        }
    }

    private final class Appointments implements Appointment {
        @Override
        public List<FieldEngineer> engineers(Optional<String> region, Optional<String> site) {
            return read(
                    API,
                    () -> {
                        site.ifPresent(
                                s -> {
                                    if (!siteRegion.containsKey(s)) {
                                        throw OssException.invalid(API, "no site '" + s + "'");
                                    }
                                });
                        return engineers.values().stream()
                                .filter(e -> region.map(e.region()::equals).orElse(true))
                                .map(e -> withTravel(e, site.map(s -> travel(e, s))))
                                .toList();
                    });
        }

        @Override
        public Optional<BookedAppointment> findAppointment(String appointmentId) {
            return read(
                    API,
                    () ->
                            appointments.stream()
                                    .filter(a -> a.id().equals(appointmentId))
                                    .findFirst()
                                    .map(FakeOssBss.this::appointmentNow));
        }

        @Override
        public Optional<BookedAppointment> findAppointmentByKey(String idempotencyKey) {
            return read(
                    API,
                    () ->
                            appointments.stream()
                                    .filter(a -> a.externalId().equals(idempotencyKey))
                                    .findFirst()
                                    .map(FakeOssBss.this::appointmentNow));
        }

        @Override
        public BookedAppointment cancelAppointment(
                String appointmentId, String reason, String idempotencyKey) {
            return act(
                    API,
                    idempotencyKey,
                    BookedAppointment.class,
                    () -> {
                        BookedAppointment a =
                                appointments.stream()
                                        .filter(x -> x.id().equals(appointmentId))
                                        .findFirst()
                                        .orElseThrow(
                                                () ->
                                                        OssException.invalid(
                                                                API,
                                                                "no appointment '"
                                                                        + appointmentId
                                                                        + "'"));
                        BookedAppointment now = appointmentNow(a);
                        if (now.cancelled()) {
                            return now;
                        }
                        if (!now.status().equals(BookedAppointment.CONFIRMED)) {
                            throw OssException.refused(
                                    API,
                                    a.request().engineerId()
                                            + " left for "
                                            + a.request().site()
                                            + " at "
                                            + a.departure()
                                            + "; the job goes ahead");
                        }
                        appointmentsCancelled.put(a.id(), reason);
                        FieldEngineer e = engineers.get(a.request().engineerId());
                        List<TimePeriod> booked = new ArrayList<>(e.booked());
                        booked.remove(a.validFor());
                        engineers.put(e.id(), withBooked(e, booked));
                        return appointmentNow(a);
                    });
        }

        @Override
        public Optional<FieldEngineer> findEngineer(String engineerId) {
            return read(API, () -> Optional.ofNullable(engineers.get(engineerId)));
        }

        @Override
        public BookedAppointment book(AppointmentRequest request, String idempotencyKey) {
            return act(
                    API,
                    idempotencyKey,
                    BookedAppointment.class,
                    () -> {
                        FieldEngineer e = engineers.get(request.engineerId());
                        if (e == null) {
                            throw OssException.invalid(
                                    API, "no engineer '" + request.engineerId() + "'");
                        }
                        require(request.elementId());
                        if (!siteRegion.containsKey(request.site())) {
                            throw OssException.invalid(API, "no site '" + request.site() + "'");
                        }
                        TimePeriod work =
                                new TimePeriod(request.start(), request.start().plus(JOB_DURATION));
                        if (!e.isFree(work)) {
                            throw OssException.refused(
                                    API, e.id() + " is not free from " + request.start());
                        }
                        boolean inShift = e.inShift(work.startDateTime(), work.endDateTime());
                        List<TimePeriod> booked = new ArrayList<>(e.booked());
                        booked.add(work);
                        engineers.put(e.id(), withBooked(e, booked));
                        BookedAppointment appointment =
                                new BookedAppointment(
                                        "AP-" + (appointments.size() + 1),
                                        idempotencyKey,
                                        request,
                                        work,
                                        request.start().minus(travel(e, request.site())),
                                        Money.gbp(
                                                inShift
                                                        ? IN_SHIFT_CALL_OUT_GBP
                                                        : OUT_OF_SHIFT_CALL_OUT_GBP),
                                        inShift);
                        appointments.add(appointment);
                        return appointment;
                    });
        }

        private FieldEngineer withBooked(FieldEngineer e, List<TimePeriod> booked) {
            return new FieldEngineer(
                    e.id(),
                    e.region(),
                    e.skills(),
                    e.shiftDays(),
                    e.shiftStart(),
                    e.shiftEnd(),
                    Optional.empty(),
                    booked,
                    e.unavailable());
        }

        private FieldEngineer withTravel(FieldEngineer e, Optional<Duration> travel) {
            return new FieldEngineer(
                    e.id(),
                    e.region(),
                    e.skills(),
                    e.shiftDays(),
                    e.shiftStart(),
                    e.shiftEnd(),
                    travel,
                    e.booked(),
                    e.unavailable());
        }
    }

    private final class Tickets implements TroubleTicket {
        @Override
        public Ticket create(TicketRequest request, String idempotencyKey) {
            return act(
                    API,
                    idempotencyKey,
                    Ticket.class,
                    () -> {
                        require(request.elementId());
                        if (tickets.values().stream()
                                .anyMatch(t -> t.externalId().equals(request.externalId()))) {
                            throw OssException.refused(
                                    API, "case " + request.externalId() + " has a ticket already");
                        }
                        Ticket ticket =
                                Ticket.opened(
                                        "TT-" + (tickets.size() + 1), request, clock.instant());
                        tickets.put(ticket.id(), ticket);
                        return ticket;
                    });
        }

        @Override
        public Ticket addNote(String ticketId, String author, String text, String idempotencyKey) {
            return act(
                    API,
                    idempotencyKey,
                    Ticket.class,
                    () -> {
                        Ticket ticket = open(ticketId);
                        if (ticket.isClosed()) {
                            throw OssException.refused(API, "ticket " + ticketId + " is closed");
                        }
                        Ticket noted =
                                ticket.withNote(
                                        new Note(
                                                "N-" + (ticket.note().size() + 1),
                                                author,
                                                clock.instant(),
                                                text));
                        tickets.put(ticketId, noted);
                        return noted;
                    });
        }

        @Override
        public Ticket close(String ticketId, String resolution, String idempotencyKey) {
            return act(
                    API,
                    idempotencyKey,
                    Ticket.class,
                    () -> {
                        Ticket ticket = open(ticketId);
                        if (ticket.isClosed()) {
                            return ticket;
                        }
                        Ticket closed = ticket.closed(resolution, clock.instant());
                        tickets.put(ticketId, closed);
                        return closed;
                    });
        }

        @Override
        public Optional<Ticket> findByExternalId(String externalId) {
            return read(
                    API,
                    () ->
                            tickets.values().stream()
                                    .filter(t -> t.externalId().equals(externalId))
                                    .findFirst());
        }

        private Ticket open(String ticketId) {
            Ticket ticket = tickets.get(ticketId);
            if (ticket == null) {
                throw OssException.invalid(API, "no ticket '" + ticketId + "'");
            }
            return ticket;
        }
    }

    private final class Activation implements ServiceActivation {
        @Override
        public ReroutePreview previewReroute(String resourceId) {
            return read(API, () -> preview(resourceId));
        }

        @Override
        public OutagePreview previewOutage(String resourceId, Instant at, Duration duration) {
            return read(API, () -> outage(resourceId, at, duration));
        }

        @Override
        public ActivationResult reroute(String resourceId, String idempotencyKey) {
            return act(
                    API,
                    idempotencyKey,
                    ActivationResult.class,
                    () -> {
                        ReroutePreview p = preview(resourceId);
                        boolean up = status.get(resourceId) == ResourceStatus.UP;
                        status.put(resourceId, ResourceStatus.DRAINED);
                        return record(
                                idempotencyKey,
                                resourceId,
                                ActivationResult.REROUTE,
                                up ? traffic.get(resourceId) : 0.0,
                                p.maxUtilizationAfter(),
                                Optional.empty());
                    });
        }

        @Override
        public ActivationResult restore(String resourceId, String idempotencyKey) {
            return act(
                    API,
                    idempotencyKey,
                    ActivationResult.class,
                    () -> {
                        require(resourceId);
                        boolean drained = status.get(resourceId) == ResourceStatus.DRAINED;
                        status.put(resourceId, ResourceStatus.UP);
                        return record(
                                idempotencyKey,
                                resourceId,
                                ActivationResult.RESTORE,
                                drained ? traffic.get(resourceId) : 0.0,
                                0.5,
                                Optional.empty());
                    });
        }

        @Override
        public ActivationResult restart(String resourceId, String idempotencyKey) {
            return act(
                    API,
                    idempotencyKey,
                    ActivationResult.class,
                    () -> {
                        require(resourceId);
                        return record(
                                idempotencyKey,
                                resourceId,
                                ActivationResult.RESTART,
                                traffic.get(resourceId),
                                0.5,
                                Optional.of(clock.instant().plus(RESTART_DOWNTIME)));
                    });
        }

        private ActivationResult record(
                String key,
                String resourceId,
                String action,
                double gbps,
                double maxUtilization,
                Optional<Instant> completion) {
            ActivationResult result =
                    new ActivationResult(
                            "SA-" + (activations.size() + 1),
                            key,
                            resourceId,
                            action,
                            "completed",
                            gbps,
                            maxUtilization,
                            completion);
            activations.add(result);
            return result;
        }
    }

    private final class Messages implements Communication {
        @Override
        public CommunicationMessage notifyCustomers(
                String resourceId, String content, String idempotencyKey) {
            return act(
                    API,
                    idempotencyKey,
                    CommunicationMessage.class,
                    () -> {
                        CommunicationMessage sent =
                                new CommunicationMessage(
                                        "CM-" + (messages.size() + 1),
                                        idempotencyKey,
                                        resourceId,
                                        content,
                                        impact(resourceId).customers(),
                                        clock.instant());
                        messages.add(sent);
                        return sent;
                    });
        }
    }

    private final class Bills implements CustomerBill {
        @Override
        public AppliedCustomerBillingRate applyCredit(
                String customerId, Money amount, String reason, String idempotencyKey) {
            return act(
                    API,
                    idempotencyKey,
                    AppliedCustomerBillingRate.class,
                    () -> {
                        if (slices.stream()
                                .noneMatch(s -> s.slice().customerId().equals(customerId))) {
                            throw OssException.invalid(API, "no customer '" + customerId + "'");
                        }
                        AppliedCustomerBillingRate credit =
                                AppliedCustomerBillingRate.credit(
                                        "CR-" + (credits.size() + 1),
                                        idempotencyKey,
                                        customerId,
                                        reason,
                                        clock.instant(),
                                        amount);
                        credits.add(credit);
                        return credit;
                    });
        }
    }
}
