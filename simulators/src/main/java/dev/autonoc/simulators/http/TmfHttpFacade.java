package dev.autonoc.simulators.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.autonoc.simulators.HttpFaults;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.tools.http.AppointmentJson;
import dev.autonoc.tools.http.CommunicationJson;
import dev.autonoc.tools.http.CustomerBillJson;
import dev.autonoc.tools.http.ProductOrderingJson;
import dev.autonoc.tools.http.ResourceInventoryJson;
import dev.autonoc.tools.http.ServiceActivationJson;
import dev.autonoc.tools.http.StockManagementJson;
import dev.autonoc.tools.http.TmfJson;
import dev.autonoc.tools.http.TmfPayloadException;
import dev.autonoc.tools.http.TroubleTicketJson;
import dev.autonoc.tools.oss.OssBss;
import dev.autonoc.tools.oss.OssException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The twin's OSS/BSS served over HTTP on a loopback address, with TM Forum Open API (v4) payloads,
 * each API mounted at its spec's base path. Served so far: TMF621 Trouble Ticket ({@code
 * /tmf-api/troubleTicket/v4/troubleTicket}), TMF622 Product Ordering ({@code
 * /tmf-api/productOrderingManagement/v4/productOrder}), TMF639 Resource Inventory ({@code
 * /tmf-api/resourceInventoryManagement/v4/resource}), TMF638 Service Inventory ({@code
 * /tmf-api/serviceInventory/v4/service}), TMF687 Stock ({@code /tmf-api/stock/v4/productStock}),
 * TMF681 Communication ({@code /tmf-api/communicationManagement/v4/communicationMessage}), TMF646
 * Appointment ({@code /tmf-api/appointment/v4/appointment}), TMF640 Service Activation ({@code
 * /tmf-api/ServiceActivationAndConfiguration/v4/service}: an action is a service whose
 * specification names it; a reroute's preview is a feasibility check), and TMF678 Customer Bill (a
 * POST to {@code /tmf-api/customerBillManagement/v4/appliedCustomerBillingRate}, which the spec
 * serves read-only: an operator extension). Telemetry ({@value
 * ResourceInventoryJson#TELEMETRY_BASE}) and the field workforce ({@value
 * AppointmentJson#ENGINEERS_BASE}) have no TMF v4 resource and are served on operator extension
 * paths.
 *
 * <p>Every acting endpoint (POST, PATCH; not a feasibility check) requires an {@value
 * TmfJson#IDEMPOTENCY_KEY} header: the same key with the same request gets the first answer again,
 * status and body, and has no second effect; the same key with another request is refused (422). A
 * 5xx answer is not kept, so that a retry reaches the twin, which keeps its own first outcome per
 * key. Bad requests get RFC 9457 problem details ({@value TmfJson#PROBLEM_JSON}) naming what was
 * wrong and what is accepted; they also carry the TMF {@code Error} fields {@code code} and {@code
 * reason}.
 *
 * <p>A patch of a ticket adds the notes it carries without an {@code id} and never removes one (a
 * ticket's notes are its history); a patch to {@code status: closed} closes it with {@code
 * statusChangeReason} as the resolution.
 *
 * <p>GET by id: a ticket, product order, appointment, communication message, activation (TMF640
 * service), credit (TMF678 applied billing rate), product stock entry or service (TMF638) is found
 * at its {@code href} once the façade has served it, as it is now: an order is {@code completed}
 * once its part is at the site, an appointment once its hour on site is over, a restart once the
 * element is back; a stock entry shows the level now. An id never served is a 404 problem (the twin
 * keeps no index of its resources by id: the façade remembers what it served).
 *
 * <p>TOOL_FAULTS ({@link HttpFaults}): a request to the endpoint a faulty tool calls fails at the
 * scenario's rate, as a 503 problem before the effect, a 504 problem after it, or no answer at all
 * (the client times out) after it; a retry under the same key then gets the first outcome.
 *
 * <p>Undo and what-if: an order is found by its key ({@code GET .../productOrder?externalId=}) and
 * cancelled with a TMF622 {@code CancelProductOrder} ({@code POST .../cancelProductOrder}); an
 * appointment is found by its key ({@code GET .../appointment?externalId=}) and cancelled by a
 * {@code PATCH} to status {@code cancelled}; an outage is asked about as a TMF640 feasibility check
 * of the action {@code outage}. Orders and appointments found by id or key are as they are now.
 *
 * <p>This class is the HTTP plumbing: the route table, the idempotency store, the fault injector,
 * problem details and the mapping of an endpoint to the catalogue tool that calls it. Each TMF API
 * has its handler ({@link TroubleTicketHandler}, {@link ProductOrderingHandler}, {@link
 * ResourceInventoryHandler}, {@link ServiceInventoryHandler}, {@link StockManagementHandler},
 * {@link CommunicationHandler}, {@link AppointmentHandler}, {@link ServiceActivationHandler},
 * {@link CustomerBillHandler}); the payloads are in the TMF mappers of {@code
 * dev.autonoc.tools.http}.
 */
public final class TmfHttpFacade implements AutoCloseable {

    static final String TICKETS = TroubleTicketJson.TMF621_BASE + "/troubleTicket";
    static final String ORDERS = ProductOrderingJson.TMF622_BASE + "/productOrder";
    static final String CANCEL_ORDERS = ProductOrderingJson.CANCEL_ORDERS;
    static final String RESOURCES = ResourceInventoryJson.TMF639_BASE + "/resource";
    static final String SERVICES = ServiceInventoryHandler.PATH;
    static final String STOCK = StockManagementJson.TMF687_BASE + "/productStock";
    static final String MESSAGES = CommunicationJson.TMF681_BASE + "/communicationMessage";
    static final String APPOINTMENTS = AppointmentJson.TMF646_BASE + "/appointment";
    static final String ACTIVATIONS = ServiceActivationJson.TMF640_BASE + "/service";
    static final String CREDITS = CustomerBillJson.TMF678_BASE + "/appliedCustomerBillingRate";

    /** The paths served, for the 404 answer. */
    public static final List<String> MOUNTED =
            List.of(
                    TICKETS,
                    ORDERS,
                    CANCEL_ORDERS,
                    RESOURCES,
                    SERVICES,
                    STOCK,
                    MESSAGES,
                    APPOINTMENTS,
                    ACTIVATIONS,
                    CREDITS,
                    ResourceInventoryJson.TELEMETRY_BASE + "/{id}",
                    AppointmentJson.ENGINEERS_BASE);

    static {
        // The JDK server writes a response's headers and body apart; with Nagle's algorithm on,
        // the body waits for the client's delayed ACK of the headers, some 40 ms a call on a
        // kept-alive connection. Read once, when the JDK's server first starts in this JVM.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final int MAX_KEY_LENGTH = 255;

    /**
     * Requests served at once: an operator's systems answer concurrently, and a caller that asks
     * several reads together (a planning's element, stock and crew) is answered together rather
     * than one exchange after another on the server's one dispatcher thread. The twin's world still
     * answers under its lock, and every acting request under the idempotency store's ({@link
     * FirstAnswers}); what overlaps is the exchanges, the JSON and the reads' waits.
     */
    static final int SERVED_AT_ONCE = 8;

    private final FacadeFaults faults;

    private final HttpServer server;
    private final ExecutorService exchanges;
    private final List<Route> routes = new ArrayList<>();
    private final FirstAnswers firstAnswers = new FirstAnswers();
    private final MadeRecords made;

    private TmfHttpFacade(OssBss oss, Optional<Clock> clock, HttpFaults faults, int port)
            throws IOException {
        this.faults = new FacadeFaults(faults);
        this.made = new MadeRecords(clock);
        this.server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ServedResources served = new ServedResources();
        TroubleTicketHandler tickets = new TroubleTicketHandler(oss);
        ProductOrderingHandler orders = new ProductOrderingHandler(oss, served);
        ResourceInventoryHandler resources = new ResourceInventoryHandler(oss);
        ServiceInventoryHandler services = new ServiceInventoryHandler(oss, served);
        StockManagementHandler stock = new StockManagementHandler(oss, served);
        CommunicationHandler messages = new CommunicationHandler(oss, served);
        AppointmentHandler appointments = new AppointmentHandler(oss);
        ServiceActivationHandler activations = new ServiceActivationHandler(oss, served, clock);
        CustomerBillHandler credits = new CustomerBillHandler(oss, served);
        // a list over a period (MadeRecords) or, by key, the one made under it
        route(
                "GET",
                TICKETS,
                r ->
                        MadeRecords.asksPeriod(r)
                                ? made.list(TICKETS, r, id -> tickets.getTicket(byId(TICKETS, id)))
                                : tickets.listTickets(r));
        route("POST", TICKETS, tickets::createTicket);
        route("GET", TICKETS + "/{id}", tickets::getTicket);
        route("PATCH", TICKETS + "/{id}", tickets::patchTicket);
        route("POST", ORDERS, orders::createOrder);
        route(
                "GET",
                ORDERS,
                r ->
                        MadeRecords.asksPeriod(r)
                                ? made.list(ORDERS, r, id -> orders.getOrder(byId(ORDERS, id)))
                                : orders.listOrders(r));
        route("GET", ORDERS + "/{id}", orders::getOrder);
        route("POST", CANCEL_ORDERS, orders::cancelOrder);
        route(
                "GET",
                CANCEL_ORDERS + "/{id}",
                r -> served.found(CANCEL_ORDERS, "cancelProductOrder", r));
        route(
                "GET",
                APPOINTMENTS,
                r ->
                        MadeRecords.asksPeriod(r)
                                ? made.list(
                                        APPOINTMENTS,
                                        r,
                                        id -> appointments.getAppointment(byId(APPOINTMENTS, id)))
                                : appointments.listAppointments(r));
        route("GET", APPOINTMENTS + "/{id}", appointments::getAppointment);
        route("PATCH", APPOINTMENTS + "/{id}", appointments::cancelAppointment);
        route("GET", MESSAGES + "/{id}", r -> served.found(MESSAGES, "communicationMessage", r));
        route("GET", ACTIVATIONS + "/{id}", r -> served.found(ACTIVATIONS, "service", r));
        route(
                "GET",
                ACTIVATIONS,
                r ->
                        made.list(
                                ACTIVATIONS,
                                r,
                                id -> served.found(ACTIVATIONS, "service", byId(ACTIVATIONS, id))));
        route(
                "GET",
                CREDITS + "/{id}",
                r -> served.found(CREDITS, "appliedCustomerBillingRate", r));
        route("GET", STOCK + "/{id}", r -> served.found(STOCK, "productStock", r));
        route("GET", SERVICES + "/{id}", r -> served.found(SERVICES, "service", r));
        route("GET", RESOURCES, resources::listResources);
        route("GET", RESOURCES + "/{id}", resources::getResource);
        route("GET", ResourceInventoryJson.TELEMETRY_BASE + "/{id}", resources::telemetry);
        route(
                "GET",
                ResourceInventoryJson.NEIGHBOUR_VIEW_BASE + "/{id}",
                resources::neighbourViews);
        route("GET", SERVICES, services::listServices);
        route("GET", STOCK, stock::listStock);
        route("POST", MESSAGES, messages::createMessage);
        route("POST", APPOINTMENTS, appointments::createAppointment);
        route("GET", AppointmentJson.ENGINEERS_BASE, appointments::listEngineers);
        route("GET", AppointmentJson.ENGINEERS_BASE + "/{id}", appointments::getEngineer);
        route("POST", ACTIVATIONS, activations::createActivation);
        route("POST", CREDITS, credits::createCredit);
        server.createContext("/", this::handle);
        this.exchanges = exchangeThreads(port);
        server.setExecutor(exchanges);
        server.start();
    }

    private static ExecutorService exchangeThreads(int port) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(
                SERVED_AT_ONCE,
                r -> {
                    Thread t = new Thread(r, "tmf-facade-" + port + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Serves {@code oss} on an ephemeral loopback port, without faults; with no clock, a resource
     * found by id is shown in the state it was served in.
     */
    public static TmfHttpFacade start(OssBss oss) {
        return start(oss, 0);
    }

    /** Serves {@code oss} on the given loopback port (0: an ephemeral one). */
    public static TmfHttpFacade start(OssBss oss, int port) {
        Objects.requireNonNull(oss, "oss");
        return start(oss, Optional.empty(), HttpFaults.none(), port);
    }

    /**
     * Serves the twin's OSS/BSS on an ephemeral loopback port, on the twin's clock, with the
     * TOOL_FAULTS of its spec.
     */
    public static TmfHttpFacade start(OperatorTwin twin) {
        return start(twin, HttpFaults.of(twin.spec()));
    }

    /**
     * Serves the twin's OSS/BSS on the given loopback port (0: an ephemeral one), on the twin's
     * clock, with the given faults: the twin as its own process ({@code ./autonoc twin}).
     */
    public static TmfHttpFacade start(OperatorTwin twin, HttpFaults faults, int port) {
        Objects.requireNonNull(twin, "twin");
        Objects.requireNonNull(faults, "faults");
        return start(twin.ossBss(), Optional.of(twin.clock()), faults, port);
    }

    /** Serves the twin's OSS/BSS on an ephemeral loopback port with the given faults. */
    public static TmfHttpFacade start(OperatorTwin twin, HttpFaults faults) {
        Objects.requireNonNull(twin, "twin");
        Objects.requireNonNull(faults, "faults");
        return start(twin.ossBss(), Optional.of(twin.clock()), faults, 0);
    }

    private static TmfHttpFacade start(
            OssBss oss, Optional<Clock> clock, HttpFaults faults, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535 (0: ephemeral), got " + port);
        }
        try {
            return new TmfHttpFacade(oss, clock, faults, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on loopback port " + port + ": " + e, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>/}: the base URL the HTTP clients take. */
    public URI baseUri() {
        return URI.create(
                "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port() + "/");
    }

    /** Stops serving at once; exchanges in flight, and requests held unanswered, are cut. */
    public void stop() {
        faults.stop();
        server.stop(0);
        exchanges.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }

    // ------------------------------------------------------------------ routing

    private interface Handler {
        TmfReply handle(TmfRequest r);
    }

    private record Route(
            String method, String template, Pattern pattern, boolean acting, Handler handler) {
        /** Whether this request acts (and so needs a key): a feasibility check does not. */
        boolean acts(TmfRequest r) {
            return acting && !feasibilityCheck(r.body());
        }
    }

    private void route(String method, String template, Handler handler) {
        Pattern p = Pattern.compile(Pattern.quote(template).replace("{id}", "\\E([^/]+)\\Q"));
        routes.add(
                new Route(
                        method,
                        template,
                        p,
                        method.equals("POST") || method.equals("PATCH"),
                        handler));
    }

    private static boolean feasibilityCheck(String body) {
        try {
            return ServiceActivationJson.FEASIBILITY.equals(
                    TmfJson.mapper().readTree(body).path("state").asString(""));
        } catch (JacksonException e) {
            return false;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        TmfReply reply;
        try {
            reply = dispatch(exchange);
        } catch (RuntimeException e) {
            reply =
                    TmfReply.problem(
                            500, "internal-error", "Internal error", "the twin failed: " + e, "");
        }
        if (reply == TmfReply.NONE) {
            faults.hold(exchange);
            return;
        }
        JsonNode body = reply.body();
        String type = reply.contentType();
        if (type.equals(TmfJson.PROBLEM_JSON) && !Problems.accepted(exchange)) {
            body =
                    Problems.tmfError(
                            body); // a TMF client that asked for the specs' media type only
            type = TmfJson.JSON;
        }
        byte[] bytes = TmfJson.mapper().writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", type);
        if (reply.status() == 405) {
            exchange.getResponseHeaders().set("Allow", reply.body().path("accepted").asString());
        }
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private TmfReply dispatch(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        List<String> allowed = new ArrayList<>();
        for (Route route : routes) {
            Matcher m = route.pattern().matcher(path);
            if (!m.matches()) {
                continue;
            }
            if (!route.method().equals(method)) {
                allowed.add(route.method());
                continue;
            }
            String id = m.groupCount() > 0 ? TmfRequest.decode(m.group(1)) : "";
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            TmfRequest request =
                    new TmfRequest(
                            method, path, TmfRequest.query(exchange.getRequestURI()), id, body, "");
            String tool = EndpointTools.toolOf(route.method(), route.template(), request);
            if (!route.acts(request)) {
                return faults.faulty(tool, () -> guarded(route, request));
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type == null
                    || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
                return TmfReply.problem(
                        415,
                        "unsupported-media-type",
                        "Unsupported media type",
                        "Content-Type is " + (type == null ? "missing" : "'" + type + "'"),
                        TmfJson.JSON);
            }
            String key = exchange.getRequestHeaders().getFirst(TmfJson.IDEMPOTENCY_KEY);
            if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
                return TmfReply.problem(
                        400,
                        "idempotency-key",
                        "Idempotency key required",
                        "header "
                                + TmfJson.IDEMPOTENCY_KEY
                                + (key == null || key.isBlank() ? " is missing" : " is too long"),
                        "a non-blank key of at most "
                                + MAX_KEY_LENGTH
                                + " characters, the same"
                                + " for every retry of one call");
            }
            return faults.faulty(
                    tool,
                    () ->
                            firstAnswers.once(
                                    route.method() + " " + route.pattern().pattern(),
                                    request,
                                    key,
                                    keyed ->
                                            made.record(
                                                    route.template(),
                                                    keyed,
                                                    guarded(route, keyed))));
        }
        if (!allowed.isEmpty()) {
            return TmfReply.problem(
                    405,
                    "method-not-allowed",
                    "Method not allowed",
                    method + " on " + path,
                    String.join(", ", allowed));
        }
        return TmfReply.problem(
                404, "not-found", "Not found", "no API at " + path, String.join(", ", MOUNTED));
    }

    /** A GET of one item of a collection, as a list query re-reads what it lists. */
    private static TmfRequest byId(String collection, String id) {
        return new TmfRequest("GET", collection + "/" + id, java.util.Map.of(), id, "", "");
    }

    private TmfReply guarded(Route route, TmfRequest request) {
        try {
            return route.handler().handle(request);
        } catch (TmfPayloadException e) {
            return Problems.badRequest(e);
        } catch (OssException e) {
            return Problems.of(e, route.acting());
        }
    }
}
