package dev.autonoc.core.testing;

import static dev.autonoc.core.tool.ToolNames.CANCEL_APPOINTMENT;
import static dev.autonoc.core.tool.ToolNames.CANCEL_ORDER;
import static dev.autonoc.core.tool.ToolNames.CHECK_STOCK;
import static dev.autonoc.core.tool.ToolNames.CLOSE_TICKET;
import static dev.autonoc.core.tool.ToolNames.DISPATCH_ENGINEER;
import static dev.autonoc.core.tool.ToolNames.GET_APPOINTMENT;
import static dev.autonoc.core.tool.ToolNames.GET_ELEMENT;
import static dev.autonoc.core.tool.ToolNames.GET_NEIGHBOUR_VIEW;
import static dev.autonoc.core.tool.ToolNames.GET_ORDER;
import static dev.autonoc.core.tool.ToolNames.GET_TELEMETRY;
import static dev.autonoc.core.tool.ToolNames.LIST_ENGINEERS;
import static dev.autonoc.core.tool.ToolNames.NOTIFY_CUSTOMERS;
import static dev.autonoc.core.tool.ToolNames.OPEN_TICKET;
import static dev.autonoc.core.tool.ToolNames.ORDER_PART;
import static dev.autonoc.core.tool.ToolNames.PREVIEW_OUTAGE;
import static dev.autonoc.core.tool.ToolNames.REROUTE_TRAFFIC;
import static dev.autonoc.core.tool.ToolNames.RESTART_ELEMENT;
import static dev.autonoc.core.tool.ToolNames.RESTORE_TRAFFIC;
import static dev.autonoc.core.tool.ToolNames.UPDATE_TICKET;

import dev.autonoc.core.plan.ToolReader;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolDescriptor;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.core.tool.ToolResult.Outcome;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * A small operator for tests: the read and act tools of the catalogue over a world of a few
 * elements, one warehouse per source, a handful of engineers, orders and appointments, on a clock
 * handed in. It answers as docs/tools.md says the real tools do (the same keys, the same
 * idempotency: a key that had an effect returns its first result and has no second effect), and a
 * test scripts what the real world would do to it: stock, sick engineers, a late supplier, a
 * cancelled appointment, what an outage would cost, and faults of any outcome class per call or per
 * idempotency key.
 *
 * <p>Every call is in {@link #calls}, every effect once in {@link #effects}.
 *
 * <p>One file on purpose, past the usual length: the tools share one small world (an order's stock,
 * a booking's engineer, a cancellation's appointment), and the world is easier to trust whole than
 * split across classes that must agree.
 */
public final class FakeOperator {

    /** One effect that happened, under the key that caused it. */
    public record Effect(String tool, String key, Map<String, Object> arguments, Instant at) {}

    /** One call, when, and what it answered. */
    public record Call(
            String tool,
            Optional<String> key,
            Map<String, Object> arguments,
            ToolResult result,
            Instant at) {}

    /** A stock option of {@code check_stock}; the supplier is always available. */
    public static final class Source {
        public final String name;
        public long available;
        public long leadMinutes;
        public long expeditedLeadMinutes;

        Source(String name, long available, long leadMinutes) {
            this.name = name;
            this.available = available;
            this.leadMinutes = leadMinutes;
            this.expeditedLeadMinutes = leadMinutes / 2;
        }
    }

    /** An engineer, with on-site bookings by appointment key and times away. */
    public static final class Engineer {
        public final String id;
        public final String region;
        public long travelMinutes;
        public List<String> skills = List.of("router", "radio", "fibre");
        public List<DayOfWeek> shiftDays =
                List.of(
                        DayOfWeek.MONDAY,
                        DayOfWeek.TUESDAY,
                        DayOfWeek.WEDNESDAY,
                        DayOfWeek.THURSDAY,
                        DayOfWeek.FRIDAY);
        public LocalTime shiftStart = LocalTime.of(8, 0);
        public LocalTime shiftEnd = LocalTime.of(18, 0);
        public final List<Instant[]> unavailable = new ArrayList<>();
        final Map<String, Instant[]> bookings = new LinkedHashMap<>();

        Engineer(String id, String region, long travelMinutes) {
            this.id = id;
            this.region = region;
            this.travelMinutes = travelMinutes;
        }

        /** Away from {@code from} to {@code to} (sick, on leave). */
        public Engineer away(Instant from, Instant to) {
            unavailable.add(new Instant[] {from, to});
            return this;
        }

        /** Booked on site from {@code from} to {@code to} by someone else's appointment. */
        public Engineer booked(String key, Instant from, Instant to) {
            bookings.put(key, new Instant[] {from, to});
            return this;
        }

        boolean free(Instant from, Instant to) {
            Instant leave = from.minus(Duration.ofMinutes(travelMinutes));
            for (Instant[] w : unavailable) {
                if (leave.isBefore(w[1]) && w[0].isBefore(to)) {
                    return false;
                }
            }
            for (Instant[] w : bookings.values()) {
                if (from.isBefore(w[1]) && w[0].isBefore(to)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** An order, by its key. */
    public static final class Order {
        public final String key;
        public final String part;
        public final String source;
        public final boolean expedite;
        public Instant deliveryAt;
        public String state = "placed";

        Order(String key, String part, String source, boolean expedite, Instant deliveryAt) {
            this.key = key;
            this.part = part;
            this.source = source;
            this.expedite = expedite;
            this.deliveryAt = deliveryAt;
        }
    }

    /** An appointment, by its key. */
    public static final class Appointment {
        public final String key;
        public final String engineerId;
        public final Instant start;
        public final Instant end;
        public String state = "booked";
        public String cancelReason = "";

        Appointment(String key, String engineerId, Instant start, Instant end) {
            this.key = key;
            this.engineerId = engineerId;
            this.start = start;
            this.end = end;
        }
    }

    /**
     * What a preview of an outage says; {@code consumersCut}: the consumers it isolates; {@code
     * elementsOut}: the other elements out of service then.
     */
    public record Preview(
            boolean safe, double customerMinutes, long consumersCut, List<String> elementsOut) {

        public Preview(boolean safe, double customerMinutes, long consumersCut) {
            this(safe, customerMinutes, consumersCut, List.of());
        }

        public Preview(boolean safe, double customerMinutes) {
            this(safe, customerMinutes, 0);
        }
    }

    private final Supplier<Instant> clock;
    public final List<Call> calls = new ArrayList<>();
    public final List<Effect> effects = new ArrayList<>();
    public final Map<String, String> elementStatus = new HashMap<>();
    public final Map<String, Boolean> alternatePath = new HashMap<>();
    public final Map<String, Source> sources = new LinkedHashMap<>();
    public final Map<String, Engineer> engineers = new LinkedHashMap<>();
    public final Map<String, Order> orders = new LinkedHashMap<>();
    public final Map<String, Appointment> appointments = new LinkedHashMap<>();
    public final Map<String, String> tickets = new LinkedHashMap<>();
    public double price = 450.0;

    /** Whether list_engineers insists on a region, as an older catalogue does. */
    public boolean listNeedsRegion;

    /** Whether the catalogue has preview_outage, get_order and get_appointment. */
    public boolean hasPreview = true;

    public boolean hasOssReads = true;

    /** How long before its start an appointment can no longer be cancelled. */
    public Duration cancelCutoff = Duration.ZERO;

    /** Where the process may die: before each act call, and after it acted. */
    public Fuse fuse = new Fuse();

    /** What an outage of the element from a time for some minutes would do. */
    public BiFunction<Instant, Long, Preview> preview = (at, minutes) -> new Preview(true, 0.0);

    private final Map<String, Deque<Outcome>> faults = new HashMap<>();
    private final Map<String, Outcome> keyFaults = new HashMap<>();
    private final Map<String, ToolResult> firstResults = new HashMap<>();

    public FakeOperator(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /**
     * The reference operator's region south: warehouse {@code south} (2 in stock, 4 h), {@code
     * central} (5, 12 h), the supplier (48 h); two engineers of the south (90 and 120 min away) and
     * one of the north (4 h away).
     */
    public static FakeOperator south(Supplier<Instant> clock) {
        FakeOperator o = new FakeOperator(clock);
        o.source("south", 2, 240);
        o.source("central", 5, 720);
        o.source("supplier", 0, 2880);
        o.engineer("eng-south-1", "south", 90);
        o.engineer("eng-south-2", "south", 120);
        o.engineer("eng-north-1", "north", 240);
        return o;
    }

    public Source source(String name, long available, long leadMinutes) {
        Source s = new Source(name, available, leadMinutes);
        sources.put(name, s);
        return s;
    }

    public Engineer engineer(String id, String region, long travelMinutes) {
        Engineer e = new Engineer(id, region, travelMinutes);
        engineers.put(id, e);
        return e;
    }

    public Engineer engineer(String id) {
        return engineers.get(id);
    }

    /**
     * The next calls of {@code tool} answer these outcomes, in order: TRANSIENT, REFUSED and
     * INVALID without acting, UNCERTAIN after acting (once per key: a call under a key that acted
     * already only times out again).
     */
    public FakeOperator fail(String tool, Outcome... outcomes) {
        faults.computeIfAbsent(tool, t -> new ArrayDeque<>()).addAll(List.of(outcomes));
        return this;
    }

    /**
     * Every call under {@code key} answers {@code outcome} until it has had an effect: TRANSIENT,
     * REFUSED and INVALID leave nothing; UNCERTAIN acts and loses the answer, so a retry under the
     * same key gets the first result. Deterministic whatever the order of the calls.
     */
    public FakeOperator failKey(String key, Outcome outcome) {
        keyFaults.put(key, outcome);
        return this;
    }

    /** The engineer falls sick: away in the window, and their appointments in it cancelled. */
    public void sick(String engineerId, Instant from, Instant to) {
        Engineer e = engineers.get(engineerId);
        e.away(from, to);
        for (Appointment a : appointments.values()) {
            if (a.engineerId.equals(engineerId)
                    && a.state.equals("booked")
                    && a.start.isBefore(to)
                    && from.isBefore(a.end)) {
                a.state = "cancelled";
                a.cancelReason = "engineer sick";
                e.bookings.remove(a.key);
            }
        }
    }

    /** An order placed earlier under {@code key} (for a planner that replans around it). */
    public Order placed(String key, String part, String source, boolean expedite, Instant at) {
        Order o = new Order(key, part, source, expedite, at);
        orders.put(key, o);
        return o;
    }

    /** An appointment booked earlier under {@code key}, an hour on site from {@code start}. */
    public Appointment booked(String key, String engineerId, Instant start) {
        Appointment a = new Appointment(key, engineerId, start, start.plus(Duration.ofHours(1)));
        appointments.put(key, a);
        engineers.get(engineerId).bookings.put(key, new Instant[] {a.start, a.end});
        return a;
    }

    /** The OSS cancelled the appointment under {@code key}, for {@code why}. */
    public void cancel(String key, String why) {
        Appointment a = appointments.get(key);
        a.state = "cancelled";
        a.cancelReason = why;
        engineers.get(a.engineerId).bookings.remove(key);
    }

    /** The supplier is late: the order under {@code key} now arrives at {@code at}. */
    public void delay(String key, Instant at) {
        orders.get(key).deliveryAt = at;
    }

    /** Effects of {@code tool}, in order. */
    public List<Effect> effectsOf(String tool) {
        return effects.stream().filter(e -> e.tool().equals(tool)).toList();
    }

    /** Calls of {@code tool}, in order. */
    public List<Call> callsOf(String tool) {
        return calls.stream().filter(c -> c.tool().equals(tool)).toList();
    }

    /** The appointments that stand. */
    public List<Appointment> booked() {
        return appointments.values().stream().filter(a -> a.state.equals("booked")).toList();
    }

    /** What get_neighbour_view answers per element: rows as the catalogue's tool gives them. */
    public final Map<String, List<Map<String, Object>>> neighbourViews = new HashMap<>();

    // ---------------------------------------------------------------- as tools

    /** The catalogue's tools, as the loop sees them. */
    public List<Tool> tools() {
        List<String> names =
                new ArrayList<>(
                        List.of(
                                GET_ELEMENT,
                                GET_TELEMETRY,
                                GET_NEIGHBOUR_VIEW,
                                CHECK_STOCK,
                                LIST_ENGINEERS,
                                OPEN_TICKET,
                                UPDATE_TICKET,
                                CLOSE_TICKET,
                                ORDER_PART,
                                CANCEL_ORDER,
                                DISPATCH_ENGINEER,
                                CANCEL_APPOINTMENT,
                                REROUTE_TRAFFIC,
                                RESTORE_TRAFFIC,
                                RESTART_ELEMENT,
                                NOTIFY_CUSTOMERS));
        if (hasPreview) {
            names.add(PREVIEW_OUTAGE);
        }
        if (hasOssReads) {
            names.add(GET_ORDER);
            names.add(GET_APPOINTMENT);
        }
        return names.stream().<Tool>map(OperatorTool::new).toList();
    }

    /**
     * The read tools as a planner sees them through the loop: an acting tool, or one the catalogue
     * lacks, is refused with an IllegalArgumentException.
     */
    public ToolReader reader() {
        return (tool, arguments) -> {
            if (!isRead(tool) || (tool.equals(PREVIEW_OUTAGE) && !hasPreview)) {
                throw new IllegalArgumentException("unknown or acting tool '" + tool + "'");
            }
            return call(tool, Optional.empty(), arguments);
        };
    }

    static boolean isRead(String tool) {
        return List.of(
                        GET_ELEMENT,
                        GET_TELEMETRY,
                        GET_NEIGHBOUR_VIEW,
                        CHECK_STOCK,
                        LIST_ENGINEERS,
                        PREVIEW_OUTAGE,
                        GET_ORDER,
                        GET_APPOINTMENT)
                .contains(tool);
    }

    private final class OperatorTool implements Tool {
        private final String name;

        OperatorTool(String name) {
            this.name = name;
        }

        @Override
        public ToolDescriptor descriptor() {
            return new ToolDescriptor(
                    name, isRead(name) ? ToolKind.READ : ToolKind.ACT, name, "{}", "TMF000");
        }

        @Override
        public Estimate estimate(Map<String, Object> arguments) {
            double cost =
                    switch (name) {
                        case ORDER_PART ->
                                Boolean.TRUE.equals(arguments.get("expedite"))
                                        ? price * 1.5
                                        : price;
                        case DISPATCH_ENGINEER -> 300.0;
                        default -> 0.0;
                    };
            return new Estimate(cost, Risk.LOW, Map.of());
        }

        @Override
        public ToolResult execute(ToolInvocation invocation) {
            if (isRead(name)) {
                return call(
                        name, Optional.of(invocation.key().value()), invocation.call().arguments());
            }
            fuse.point("before " + name + " " + invocation.key());
            ToolResult r =
                    call(
                            name,
                            Optional.of(invocation.key().value()),
                            invocation.call().arguments());
            fuse.point("after " + name + " " + invocation.key() + " answered " + r.outcome());
            return r;
        }
    }

    // ---------------------------------------------------------------- the world

    private ToolResult call(String tool, Optional<String> key, Map<String, Object> args) {
        ToolResult result = answer(tool, key, args);
        calls.add(new Call(tool, key, args, result, clock.get()));
        return result;
    }

    private ToolResult answer(String tool, Optional<String> key, Map<String, Object> args) {
        // a far side that is down answers so whatever it did before under the key
        Deque<Outcome> scripted = faults.get(tool);
        Outcome fault = scripted != null && !scripted.isEmpty() ? scripted.pop() : null;
        boolean actedBefore = key.isPresent() && firstResults.containsKey(key.get());
        if (fault == Outcome.TRANSIENT || fault == Outcome.INVALID || fault == Outcome.REFUSED) {
            return ToolResult.of(fault, tool + ": scripted " + fault);
        }
        if (fault == Outcome.UNCERTAIN && actedBefore) {
            return ToolResult.uncertain(tool + ": time-out");
        }
        if (actedBefore) {
            return firstResults.get(key.get());
        }
        if (fault == null && key.isPresent() && keyFaults.containsKey(key.get())) {
            fault = keyFaults.get(key.get());
        }
        if (fault != null && fault != Outcome.UNCERTAIN && fault != Outcome.SUCCEEDED) {
            return ToolResult.of(fault, tool + ": scripted " + fault);
        }
        ToolResult result = isRead(tool) ? read(tool, args) : act(tool, key.orElseThrow(), args);
        if (!isRead(tool) && result.succeeded()) {
            effects.add(new Effect(tool, key.get(), args, clock.get()));
            firstResults.put(key.get(), result);
        }
        if (fault == Outcome.UNCERTAIN) {
            return ToolResult.uncertain(tool + ": time-out after the far side acted");
        }
        return result;
    }

    private ToolResult read(String tool, Map<String, Object> args) {
        Instant now = clock.get();
        return switch (tool) {
            case GET_ELEMENT -> {
                String id = string(args, "element_id");
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("id", id);
                out.put("status", elementStatus.getOrDefault(id, "UP"));
                out.put("has_alternate_path", alternatePath.getOrDefault(id, true));
                out.put("traffic_gbps", 10.0);
                yield ToolResult.succeeded(out, "element " + id);
            }
            case GET_TELEMETRY ->
                    ToolResult.succeeded(
                            Map.of("element_id", string(args, "element_id"), "samples", List.of()),
                            "telemetry");
            case GET_NEIGHBOUR_VIEW ->
                    ToolResult.succeeded(
                            Map.of(
                                    "element_id",
                                    string(args, "element_id"),
                                    "views",
                                    neighbourViews.getOrDefault(
                                            string(args, "element_id"), List.of())),
                            "neighbour views");
            case CHECK_STOCK -> {
                List<Object> options = new ArrayList<>();
                for (Source s : sources.values()) {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("source", s.name);
                    o.put("available", s.available);
                    o.put("lead_time_minutes", s.leadMinutes);
                    o.put("expedited_lead_time_minutes", s.expeditedLeadMinutes);
                    o.put("expedite_surcharge_pct", 50L);
                    options.add(o);
                }
                yield ToolResult.succeeded(
                        Map.of(
                                "part",
                                string(args, "part"),
                                "price_gbp",
                                price,
                                "options",
                                options),
                        "stock");
            }
            case LIST_ENGINEERS -> {
                Object region = args.get("region");
                if (region == null && listNeedsRegion) {
                    yield ToolResult.invalid("list_engineers: 'region' is required");
                }
                List<Object> rows = new ArrayList<>();
                for (Engineer e : engineers.values()) {
                    if (region != null && !region.equals(e.region)) {
                        continue;
                    }
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("engineer_id", e.id);
                    row.put("region", e.region);
                    row.put("skills", e.skills);
                    row.put("shift_days", e.shiftDays.stream().map(Enum::name).toList());
                    row.put("shift_start", e.shiftStart.toString());
                    row.put("shift_end", e.shiftEnd.toString());
                    row.put("travel_minutes", e.travelMinutes);
                    row.put("booked", windows(e.bookings.values()));
                    row.put("unavailable", windows(e.unavailable));
                    rows.add(row);
                }
                yield ToolResult.succeeded(Map.of("engineers", rows), "engineers");
            }
            case PREVIEW_OUTAGE -> {
                Instant at = Instant.parse(string(args, "at"));
                // as the catalogue's preview_outage: an hour unless told (the loop's own
                // checks before a drain or near the work do not say)
                long minutes =
                        args.get("duration_minutes") instanceof Number n ? n.longValue() : 60L;
                Preview p = preview.apply(at, minutes);
                yield ToolResult.succeeded(
                        Map.of(
                                "safe",
                                p.safe(),
                                "customer_minutes",
                                p.customerMinutes(),
                                "consumers_cut",
                                p.consumersCut(),
                                "elements_out",
                                p.elementsOut()),
                        p.safe()
                                ? "no customer affected"
                                : p.customerMinutes() + " customer-minutes lost");
            }
            case GET_ORDER -> {
                Order o = orders.get(string(args, "order_key"));
                if (o == null) {
                    yield ToolResult.invalid("no order under " + args.get("order_key"));
                }
                boolean delivered = o.state.equals("placed") && !now.isBefore(o.deliveryAt);
                yield ToolResult.succeeded(
                        Map.of(
                                "order_id",
                                "PO-" + o.key,
                                "state",
                                o.state,
                                "delivered",
                                delivered,
                                "expected_delivery_at",
                                o.deliveryAt.toString()),
                        "order " + o.state);
            }
            case GET_APPOINTMENT -> {
                Appointment a = appointments.get(string(args, "appointment_key"));
                if (a == null) {
                    yield ToolResult.invalid("no appointment under " + args.get("appointment_key"));
                }
                yield ToolResult.succeeded(
                        Map.of(
                                "appointment_id",
                                "AP-" + a.key,
                                "state",
                                a.state,
                                "cancel_reason",
                                a.cancelReason,
                                "start",
                                a.start.toString()),
                        "appointment " + a.state);
            }
            default -> throw new IllegalArgumentException("not a read: " + tool);
        };
    }

    private ToolResult act(String tool, String key, Map<String, Object> args) {
        Instant now = clock.get();
        return switch (tool) {
            case OPEN_TICKET -> {
                tickets.put(string(args, "case_id"), "open");
                yield ToolResult.succeeded(
                        Map.of(
                                "ticket_id",
                                "TT-" + args.get("case_id"),
                                "case_id",
                                args.get("case_id")),
                        "ticket opened");
            }
            case UPDATE_TICKET -> ToolResult.succeeded(Map.of("notes", List.of()), "noted");
            case CLOSE_TICKET -> {
                tickets.put(string(args, "case_id"), "closed");
                yield ToolResult.succeeded(
                        Map.of("ticket_id", "TT-" + args.get("case_id"), "status", "closed"),
                        "ticket closed");
            }
            case ORDER_PART -> {
                Source s = sources.get(string(args, "source"));
                if (s == null) {
                    yield ToolResult.invalid("no source " + args.get("source"));
                }
                boolean expedite = Boolean.TRUE.equals(args.get("expedite"));
                if (!s.name.equals("supplier") && s.available < 1) {
                    yield ToolResult.refused("no " + args.get("part") + " left at " + s.name);
                }
                if (!s.name.equals("supplier")) {
                    s.available--;
                }
                Instant at =
                        now.plus(
                                Duration.ofMinutes(
                                        expedite ? s.expeditedLeadMinutes : s.leadMinutes));
                orders.put(key, new Order(key, string(args, "part"), s.name, expedite, at));
                yield new ToolResult(
                        Outcome.SUCCEEDED,
                        Map.of(
                                "order_id",
                                "PO-" + key,
                                "delivery_at",
                                at.toString(),
                                "cost_gbp",
                                expedite ? price * 1.5 : price),
                        "ordered from " + s.name,
                        Optional.of(at),
                        expedite ? price * 1.5 : price);
            }
            case CANCEL_ORDER -> {
                Order o = orders.get(string(args, "order_key"));
                if (o == null || !o.state.equals("placed")) {
                    yield ToolResult.succeeded(Map.of("cancelled", false), "nothing to cancel");
                }
                if (!now.isBefore(o.deliveryAt)) {
                    yield ToolResult.refused("already delivered: too late to cancel");
                }
                o.state = "cancelled";
                Source s = sources.get(o.source);
                if (!s.name.equals("supplier")) {
                    s.available++;
                }
                yield ToolResult.succeeded(Map.of("cancelled", true), "order cancelled");
            }
            case DISPATCH_ENGINEER -> {
                Engineer e = engineers.get(string(args, "engineer_id"));
                if (e == null) {
                    yield ToolResult.invalid("no engineer " + args.get("engineer_id"));
                }
                Instant start = Instant.parse(string(args, "start"));
                Instant end = start.plus(Duration.ofHours(1));
                Instant soonest = clock.get().plus(Duration.ofMinutes(e.travelMinutes));
                if (start.isBefore(soonest)) {
                    // as the workforce system: the engineer cannot be there before the drive
                    yield ToolResult.refused(
                            e.id
                                    + " needs "
                                    + e.travelMinutes
                                    + " minutes to reach the site; the earliest start is "
                                    + soonest);
                }
                if (!e.free(start, end)) {
                    yield ToolResult.refused(e.id + " is not free at " + start);
                }
                e.bookings.put(key, new Instant[] {start, end});
                appointments.put(key, new Appointment(key, e.id, start, end));
                yield new ToolResult(
                        Outcome.SUCCEEDED,
                        Map.of(
                                "appointment_id",
                                "AP-" + key,
                                "engineer_id",
                                e.id,
                                "start",
                                start.toString(),
                                "end",
                                end.toString(),
                                "leaves_at",
                                start.minus(Duration.ofMinutes(e.travelMinutes)).toString()),
                        "booked " + e.id + " at " + start,
                        Optional.of(end),
                        300.0);
            }
            case CANCEL_APPOINTMENT -> {
                Appointment a = appointments.get(string(args, "appointment_key"));
                if (a == null || !a.state.equals("booked")) {
                    yield ToolResult.succeeded(Map.of("cancelled", false), "nothing to cancel");
                }
                if (!now.isBefore(a.start.minus(cancelCutoff))) {
                    yield ToolResult.refused("too late to cancel: the engineer is on the way");
                }
                a.state = "cancelled";
                a.cancelReason = String.valueOf(args.getOrDefault("reason", ""));
                engineers.get(a.engineerId).bookings.remove(a.key);
                yield ToolResult.succeeded(Map.of("cancelled", true), "appointment cancelled");
            }
            case REROUTE_TRAFFIC -> {
                elementStatus.put(string(args, "element_id"), "DRAINED");
                yield ToolResult.succeeded(
                        Map.of("moved_gbps", 10.0, "max_utilization", 0.5), "traffic moved");
            }
            case RESTORE_TRAFFIC -> {
                elementStatus.put(string(args, "element_id"), "UP");
                yield ToolResult.succeeded(Map.of("restored_gbps", 10.0), "traffic back");
            }
            case RESTART_ELEMENT ->
                    new ToolResult(
                            Outcome.SUCCEEDED,
                            Map.of("down_minutes", 10L),
                            "restarted",
                            Optional.of(now.plus(Duration.ofMinutes(10))),
                            0.0);
            case NOTIFY_CUSTOMERS -> ToolResult.succeeded(Map.of("notified", 400L), "notified");
            default -> throw new IllegalArgumentException("not an act: " + tool);
        };
    }

    private static List<Object> windows(Iterable<Instant[]> windows) {
        List<Object> out = new ArrayList<>();
        for (Instant[] w : windows) {
            out.add(Map.of("from", w[0].toString(), "to", w[1].toString()));
        }
        return out;
    }

    private static String string(Map<String, Object> args, String key) {
        Object v = args.get(key);
        if (!(v instanceof String s)) {
            throw new dev.autonoc.core.tool.InvalidArgumentsException(
                    "fake-operator", "'" + key + "' must be a string, got " + v);
        }
        return s;
    }

    /** The key a step's attempt calls under, as the loop forms it. */
    public static String key(String caseId, int step, int attempt) {
        return IdempotencyKey.of(new dev.autonoc.core.CaseId(caseId), step, attempt).value();
    }

    /** A call as a planner writes it. */
    public static ToolCall call(String tool, Map<String, Object> args) {
        return ToolCall.of(tool, args);
    }
}
