package dev.autonoc.simulators;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.prediction.Part;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operator's OSS/BSS over the twin, in process: one object serving the nine TMF clients. Every
 * acting call is idempotent at the edge: its key's first outcome (the answer, or the refusal) is
 * kept and returned again without a second effect. A refusal of the twin becomes a non-retriable
 * {@link OssException} of the API called.
 *
 * <p>Longer than most files on purpose: one object behind the nine client interfaces, so that they
 * share one lock (the world's) and one first-outcome map; each API is a short section, and the
 * network analysis lives in {@link Outages}.
 */
final class TwinOssBss
        implements ResourceInventory,
                ServiceInventory,
                StockManagement,
                ProductOrdering,
                Appointment,
                TroubleTicket,
                ServiceActivation,
                Communication,
                CustomerBill {

    private static final String TMF639 = ResourceInventory.API;
    private static final String TMF638 = ServiceInventory.API;
    private static final String TMF687 = StockManagement.API;
    private static final String TMF622 = ProductOrdering.API;
    private static final String TMF646 = Appointment.API;
    private static final String TMF621 = TroubleTicket.API;
    private static final String TMF640 = ServiceActivation.API;
    private static final String TMF681 = Communication.API;
    private static final String TMF678 = CustomerBill.API;

    private final World world;
    private final Outages outages;
    private final OssBss clients;
    private final Map<String, Object> firstOutcome = new HashMap<>();
    private final Map<String, Ticket> ticketsByCase = new LinkedHashMap<>();
    private final Map<String, String> caseOfTicket = new HashMap<>();
    private final List<String> ticketNotes = new ArrayList<>();
    private final List<String> customerMessages = new ArrayList<>();
    private int tickets;
    private int notes;
    private int activations;
    private int messages;
    private int creditsApplied;

    TwinOssBss(World world, TwinSpec spec) {
        this.world = world;
        this.outages = new Outages(world);
        this.clients = new OssBss(this, this, this, this, this, this, this, this, this);
        for (Disturbance d : spec.disturbances()) {
            if (d instanceof Disturbance.UntrustedText u) {
                switch (u.where()) {
                    case TICKET_NOTE -> ticketNotes.add(u.text());
                    case CUSTOMER_MESSAGE -> customerMessages.add(u.text());
                    case TOOL_OUTPUT -> {} // injected by the catalogue wrapper
                }
            }
        }
    }

    OssBss clients() {
        return clients;
    }

    // ---------------------------------------------------------------- plumbing

    /** Runs an acting call once per (API, key); a repeat gets the first answer or refusal. */
    @SuppressWarnings("unchecked")
    private <T> T once(String api, String key, Supplier<T> action) {
        synchronized (world) {
            String k = api + " " + key;
            Object prior = firstOutcome.get(k);
            if (prior instanceof TwinRefusal r) {
                throw refusal(api, r);
            }
            if (prior != null) {
                return (T) prior;
            }
            try {
                T result = action.get();
                firstOutcome.put(k, result);
                return result;
            } catch (TwinRefusal r) {
                firstOutcome.put(k, r);
                throw refusal(api, r);
            }
        }
    }

    private <T> T read(String api, Supplier<T> action) {
        synchronized (world) {
            try {
                return action.get();
            } catch (TwinRefusal r) {
                throw refusal(api, r);
            }
        }
    }

    private static OssException refusal(String api, TwinRefusal r) {
        return r.isInvalid()
                ? OssException.invalid(api, r.getMessage())
                : OssException.refused(api, r.getMessage());
    }

    private int element(String id) {
        Integer e = lookup(id);
        if (e == null) {
            throw TwinRefusal.invalid(
                    "unknown element '" + id + "'; ids look like " + world.topology.someIds());
        }
        return e;
    }

    private static Part part(String code) {
        return Part.fromCode(code)
                .orElseThrow(
                        () ->
                                TwinRefusal.invalid(
                                        "unknown part '" + code + "'; accepted: " + Part.codes()));
    }

    ResourceStatus status(int e) {
        if (world.underWork[e] || world.restarting[e]) {
            return ResourceStatus.UNDER_WORK;
        }
        if (world.failed[e]) {
            return ResourceStatus.DOWN;
        }
        if (world.drained[e]) {
            return ResourceStatus.DRAINED;
        }
        return ResourceStatus.UP;
    }

    private Resource resource(int e) {
        Element el = world.topology.element(e);
        return new Resource(
                el.id().value(), el.kind(), el.role(), el.region(), el.site(), status(e));
    }

    // ---------------------------------------------------------------- TMF639 resource inventory

    @Override
    public ResourceTopology topology() {
        return read(
                TMF639,
                () -> {
                    Topology t = world.topology;
                    List<Resource> resources = new ArrayList<>();
                    for (int i = 0; i < t.size(); i++) {
                        resources.add(resource(i));
                    }
                    resources.sort(Comparator.comparing(Resource::id));
                    List<ResourceLink> links = new ArrayList<>();
                    for (int l : t.links) {
                        links.add(
                                new ResourceLink(
                                        t.element(l).id().value(),
                                        t.element(t.linkA[l]).id().value(),
                                        t.element(t.linkB[l]).id().value(),
                                        world.capacity[l]));
                    }
                    links.sort(Comparator.comparing(ResourceLink::id));
                    return new ResourceTopology(resources, links);
                });
    }

    @Override
    public Optional<Resource> findResource(String id) {
        synchronized (world) {
            Integer e = lookup(id);
            return e == null ? Optional.empty() : Optional.of(resource(e));
        }
    }

    private Integer lookup(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        return world.topology.index.get(dev.autonoc.core.network.ElementId.of(id));
    }

    @Override
    public Optional<ResourceState> resourceState(String id) {
        synchronized (world) {
            Integer e = lookup(id);
            if (e == null) {
                return Optional.empty();
            }
            Outages.Analysis a = analyse(e);
            return Optional.of(
                    new ResourceState(resource(e), alternate(e, a), world.trafficNow(e)));
        }
    }

    @Override
    public List<TelemetrySample> telemetry(String id, int samples) {
        return read(
                TMF639, () -> world.recentSamples(element(id), Math.min(samples, World.WINDOW)));
    }

    // ---------------------------------------------------------------- what losing an element does

    private Outages.Analysis analyse(int x) {
        return outages.now(x);
    }

    /**
     * Whether the element's traffic has another path: never for a radio site or an aggregation
     * router (their customers hang off them alone), otherwise when losing it cuts no one off.
     */
    private boolean alternate(int e, Outages.Analysis a) {
        Topology t = world.topology;
        return !t.isCell(e) && !t.isAgg(e) && a.sitesIsolated() == 0;
    }

    private static EnterpriseSlice slice(Customers.Slice s) {
        return new EnterpriseSlice(s.id(), s.customerId(), Money.gbp(s.monthlyFeeGbp()));
    }

    // ---------------------------------------------------------------- TMF638 service inventory

    @Override
    public ServiceImpact impactOf(String resourceId) {
        return read(
                TMF638,
                () -> {
                    int e = element(resourceId);
                    Outages.Analysis a = analyse(e);
                    return new ServiceImpact(
                            resourceId,
                            alternate(e, a),
                            a.consumers(),
                            a.slicesHit().stream().map(TwinOssBss::slice).toList());
                });
    }

    // ---------------------------------------------------------------- TMF687 stock

    @Override
    public StockCheck checkStock(String partCode, String site) {
        return read(
                TMF687,
                () -> {
                    Part p = part(partCode);
                    world.stock.requireSite(site);
                    List<StockOption> options = new ArrayList<>();
                    for (String place : world.stock.placesFor(site)) {
                        options.add(
                                new StockOption(
                                        place,
                                        world.stock.available(place, p),
                                        world.stock.leadTime(p, place, site, false),
                                        world.stock.leadTime(p, place, site, true),
                                        Stock.EXPEDITE_SURCHARGE_PCT));
                    }
                    return new StockCheck(p.code(), site, Money.gbp(Stock.price(p)), options);
                });
    }

    // ---------------------------------------------------------------- TMF622 ordering

    @Override
    public ProductOrder order(ProductOrderRequest request, String idempotencyKey) {
        return once(
                TMF622,
                idempotencyKey,
                () -> {
                    Part p = part(request.part());
                    int e = element(request.elementId());
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
        return read(TMF622, () -> Optional.ofNullable(world.stock.find(orderId)).map(this::order));
    }

    @Override
    public Optional<ProductOrder> findOrderByKey(String idempotencyKey) {
        return read(
                TMF622,
                () -> Optional.ofNullable(world.stock.findByKey(idempotencyKey)).map(this::order));
    }

    @Override
    public OrderCancellation cancelOrder(String orderId, String reason, String idempotencyKey) {
        return once(
                TMF622,
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

    // ---------------------------------------------------------------- TMF646 appointments

    @Override
    public List<FieldEngineer> engineers(Optional<String> region, Optional<String> site) {
        return read(
                TMF646,
                () -> {
                    site.ifPresent(world.stock::requireSite);
                    List<FieldEngineer> out = new ArrayList<>();
                    for (Workforce.Engineer e : world.workforce.engineers.values()) {
                        if (region.map(e.region::equals).orElse(true)) {
                            out.add(engineer(e, site));
                        }
                    }
                    return out;
                });
    }

    @Override
    public Optional<FieldEngineer> findEngineer(String engineerId) {
        synchronized (world) {
            Workforce.Engineer e = world.workforce.engineers.get(engineerId);
            return e == null ? Optional.empty() : Optional.of(engineer(e, Optional.empty()));
        }
    }

    private FieldEngineer engineer(Workforce.Engineer e, Optional<String> site) {
        List<TimePeriod> booked = new ArrayList<>();
        for (Workforce.Job j : e.jobs) {
            if (j.active() && j.end.isAfter(world.now())) {
                booked.add(new TimePeriod(j.start, j.end));
            }
        }
        List<TimePeriod> unavailable = new ArrayList<>();
        for (Workforce.Window w : world.workforce.unavailable(e)) {
            unavailable.add(new TimePeriod(w.from(), w.to()));
        }
        return new FieldEngineer(
                e.id,
                e.region,
                Workforce.SKILLS,
                Workforce.SHIFT_DAYS,
                Calendar.SHIFT_START,
                Calendar.SHIFT_END,
                site.map(s -> world.workforce.travel(e, s)),
                booked,
                unavailable);
    }

    @Override
    public BookedAppointment book(AppointmentRequest request, String idempotencyKey) {
        return once(
                TMF646,
                idempotencyKey,
                () -> {
                    int e = element(request.elementId());
                    Part p = request.part().map(TwinOssBss::part).orElse(null);
                    Workforce.Job job =
                            world.workforce.book(
                                    request.engineerId(),
                                    e,
                                    request.site(),
                                    request.start(),
                                    request.task(),
                                    p,
                                    idempotencyKey);
                    return appointment(job);
                });
    }

    /** The job as an appointment now: its state, and why it was cancelled if it was. */
    private BookedAppointment appointment(Workforce.Job job) {
        BookedAppointment booked =
                new BookedAppointment(
                        job.id,
                        job.key,
                        new AppointmentRequest(
                                job.engineer.id,
                                world.topology.element(job.element).id().value(),
                                job.site,
                                job.start,
                                job.task,
                                Optional.ofNullable(job.part).map(Part::code)),
                        new TimePeriod(job.start, job.end),
                        job.leave,
                        Money.gbp(job.costGbp),
                        job.inShift);
        String state = world.workforce.state(job);
        return booked.withStatus(state, Optional.ofNullable(job.cancelReason));
    }

    @Override
    public Optional<BookedAppointment> findAppointment(String appointmentId) {
        return read(
                TMF646,
                () ->
                        Optional.ofNullable(world.workforce.find(appointmentId))
                                .map(this::appointment));
    }

    @Override
    public Optional<BookedAppointment> findAppointmentByKey(String idempotencyKey) {
        return read(
                TMF646,
                () ->
                        Optional.ofNullable(world.workforce.findByKey(idempotencyKey))
                                .map(this::appointment));
    }

    @Override
    public BookedAppointment cancelAppointment(
            String appointmentId, String reason, String idempotencyKey) {
        return once(
                TMF646,
                idempotencyKey,
                () -> {
                    Workforce.Job job = world.workforce.find(appointmentId);
                    if (job == null) {
                        throw TwinRefusal.invalid(
                                "unknown appointment '"
                                        + appointmentId
                                        + "'; appointments are apt-0001 ..");
                    }
                    world.workforce.cancel(job, reason);
                    return appointment(job);
                });
    }

    // ---------------------------------------------------------------- TMF621 tickets

    @Override
    public Ticket create(TicketRequest request, String idempotencyKey) {
        return once(
                TMF621,
                idempotencyKey,
                () -> {
                    if (ticketsByCase.containsKey(request.externalId())) {
                        throw new TwinRefusal(
                                "case "
                                        + request.externalId()
                                        + " has a ticket already: "
                                        + ticketsByCase.get(request.externalId()).id());
                    }
                    element(request.elementId());
                    Instant now = world.now();
                    Ticket t = Ticket.opened(String.format("tt-%04d", ++tickets), request, now);
                    // Text from outside arrives with the ticket: a note left by someone outside
                    // the NOC, a message from a customer. It is data for whoever reads it.
                    for (String text : ticketNotes) {
                        t = t.withNote(new Note(noteId(), "external", now, text));
                    }
                    for (String text : customerMessages) {
                        t = t.withNote(new Note(noteId(), "customer", now, text));
                    }
                    ticketsByCase.put(request.externalId(), t);
                    caseOfTicket.put(t.id(), request.externalId());
                    return t;
                });
    }

    private String noteId() {
        return String.format("note-%04d", ++notes);
    }

    private Ticket ticket(String ticketId) {
        String caseId = caseOfTicket.get(ticketId);
        if (caseId == null) {
            throw TwinRefusal.invalid("unknown ticket '" + ticketId + "'");
        }
        return ticketsByCase.get(caseId);
    }

    @Override
    public Ticket addNote(String ticketId, String author, String text, String idempotencyKey) {
        return once(
                TMF621,
                idempotencyKey,
                () -> {
                    Ticket t = ticket(ticketId);
                    if (t.isClosed()) {
                        throw new TwinRefusal("ticket " + ticketId + " is closed");
                    }
                    Ticket updated = t.withNote(new Note(noteId(), author, world.now(), text));
                    ticketsByCase.put(t.externalId(), updated);
                    return updated;
                });
    }

    @Override
    public Ticket close(String ticketId, String resolution, String idempotencyKey) {
        return once(
                TMF621,
                idempotencyKey,
                () -> {
                    Ticket t = ticket(ticketId);
                    if (t.isClosed()) {
                        return t;
                    }
                    Ticket closed = t.closed(resolution, world.now());
                    ticketsByCase.put(t.externalId(), closed);
                    return closed;
                });
    }

    @Override
    public Optional<Ticket> findByExternalId(String externalId) {
        synchronized (world) {
            return Optional.ofNullable(ticketsByCase.get(externalId));
        }
    }

    // ---------------------------------------------------------------- TMF640 activation

    @Override
    public ReroutePreview previewReroute(String resourceId) {
        return read(
                TMF640,
                () -> {
                    int e = element(resourceId);
                    Outages.Analysis a = analyse(e);
                    return new ReroutePreview(
                            resourceId,
                            a.maxUtilisationAfter(),
                            a.slicesBreached(),
                            a.sitesIsolated(),
                            alternate(e, a));
                });
    }

    @Override
    public OutagePreview previewOutage(String resourceId, Instant at, Duration duration) {
        return read(
                TMF640,
                () -> {
                    if (duration.isNegative() || duration.isZero()) {
                        throw TwinRefusal.invalid(
                                "an outage lasts a positive time, got " + duration);
                    }
                    return outages.preview(element(resourceId), at, duration);
                });
    }

    private String activationId() {
        return String.format("act-%04d", ++activations);
    }

    @Override
    public ActivationResult reroute(String resourceId, String idempotencyKey) {
        return once(
                TMF640,
                idempotencyKey,
                () -> {
                    int e = element(resourceId);
                    double moved = world.drain(e);
                    return new ActivationResult(
                            activationId(),
                            idempotencyKey,
                            resourceId,
                            ActivationResult.REROUTE,
                            "completed",
                            moved,
                            world.maxUtilisationNow(),
                            Optional.empty());
                });
    }

    @Override
    public ActivationResult restore(String resourceId, String idempotencyKey) {
        return once(
                TMF640,
                idempotencyKey,
                () -> {
                    int e = element(resourceId);
                    double back = world.undrain(e);
                    return new ActivationResult(
                            activationId(),
                            idempotencyKey,
                            resourceId,
                            ActivationResult.RESTORE,
                            "completed",
                            back,
                            world.maxUtilisationNow(),
                            Optional.empty());
                });
    }

    @Override
    public ActivationResult restart(String resourceId, String idempotencyKey) {
        return once(
                TMF640,
                idempotencyKey,
                () -> {
                    int e = element(resourceId);
                    double before = world.trafficNow(e);
                    Instant end = world.restart(e);
                    return new ActivationResult(
                            activationId(),
                            idempotencyKey,
                            resourceId,
                            ActivationResult.RESTART,
                            "in_progress",
                            before,
                            world.maxUtilisationNow(),
                            Optional.of(end));
                });
    }

    // ---------------------------------------------------------------- TMF681 communication

    @Override
    public CommunicationMessage notifyCustomers(
            String resourceId, String content, String idempotencyKey) {
        return once(
                TMF681,
                idempotencyKey,
                () -> {
                    int e = element(resourceId);
                    Outages.Analysis a = analyse(e);
                    long receivers =
                            a.consumers()
                                    + a.slicesHit().stream()
                                            .map(Customers.Slice::customerId)
                                            .distinct()
                                            .count();
                    return new CommunicationMessage(
                            String.format("msg-%04d", ++messages),
                            idempotencyKey,
                            resourceId,
                            content,
                            receivers,
                            world.now());
                });
    }

    // ---------------------------------------------------------------- TMF678 billing

    @Override
    public AppliedCustomerBillingRate applyCredit(
            String customerId, Money amount, String reason, String idempotencyKey) {
        return once(
                TMF678,
                idempotencyKey,
                () -> {
                    if (!world.customers.knownCustomer(customerId)) {
                        throw TwinRefusal.invalid(
                                "unknown customer '"
                                        + customerId
                                        + "'; enterprise customers are ent-01 .. (from"
                                        + " get_affected_customers)");
                    }
                    if (!(amount.value() > 0)) {
                        throw TwinRefusal.invalid(
                                "a credit must be a positive amount, got " + amount.value());
                    }
                    world.credits.merge(customerId, amount.value(), Double::sum);
                    return AppliedCustomerBillingRate.credit(
                            String.format("cr-%04d", ++creditsApplied),
                            idempotencyKey,
                            customerId,
                            reason,
                            world.now(),
                            amount);
                });
    }
}
