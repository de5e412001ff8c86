package dev.autonoc.simulators;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.autonoc.tools.http.TmfCancelJson;
import dev.autonoc.tools.http.TmfJson;
import dev.autonoc.tools.http.TmfOutageJson;
import dev.autonoc.tools.http.TmfPayloadException;
import dev.autonoc.tools.oss.ActivationResult;
import dev.autonoc.tools.oss.BookedAppointment;
import dev.autonoc.tools.oss.Note;
import dev.autonoc.tools.oss.OssBss;
import dev.autonoc.tools.oss.OssException;
import dev.autonoc.tools.oss.ProductOrder;
import dev.autonoc.tools.oss.Resource;
import dev.autonoc.tools.oss.ResourceLink;
import dev.autonoc.tools.oss.ResourceState;
import dev.autonoc.tools.oss.StockCheck;
import dev.autonoc.tools.oss.Ticket;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

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
 * serves read-only: an operator extension). Telemetry ({@value TmfJson#TELEMETRY_BASE}) and the
 * field workforce ({@value TmfJson#ENGINEERS_BASE}) have no TMF v4 resource and are served on
 * operator extension paths.
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
 * <p>Longer than most files on purpose: every API's routes, one idempotency store and one fault
 * injector in one place; the payloads are in {@code TmfJson}, {@code TmfCancelJson} and {@code
 * TmfOutageJson}.
 */
public final class TmfHttpFacade implements AutoCloseable {

    private static final String TICKETS = TmfJson.TMF621_BASE + "/troubleTicket";
    private static final String ORDERS = TmfJson.TMF622_BASE + "/productOrder";
    private static final String CANCEL_ORDERS = TmfCancelJson.CANCEL_ORDERS;
    private static final String RESOURCES = TmfJson.TMF639_BASE + "/resource";
    private static final String SERVICES = TmfJson.TMF638_BASE + "/service";
    private static final String STOCK = TmfJson.TMF687_BASE + "/productStock";
    private static final String MESSAGES = TmfJson.TMF681_BASE + "/communicationMessage";
    private static final String APPOINTMENTS = TmfJson.TMF646_BASE + "/appointment";
    private static final String ACTIVATIONS = TmfJson.TMF640_BASE + "/service";
    private static final String CREDITS = TmfJson.TMF678_BASE + "/appliedCustomerBillingRate";

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
                    TmfJson.TELEMETRY_BASE + "/{id}",
                    TmfJson.ENGINEERS_BASE);

    static {
        // The JDK server writes a response's headers and body apart; with Nagle's algorithm on,
        // the body waits for the client's delayed ACK of the headers, some 40 ms a call on a
        // kept-alive connection. Read once, when the JDK's server first starts in this JVM.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final int MAX_KEY_LENGTH = 255;
    private static final int MAX_SAMPLES = 288;

    private final OssBss oss;
    private final Optional<Clock> clock;
    private final HttpFaults faults;
    private final Map<String, SplittableRandom> faultStreams = new TreeMap<>();

    /** Closes the connections of requests left unanswered; only when there are faults. */
    private final Optional<ScheduledExecutorService> hangs;

    private final HttpServer server;
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, Stored> firstAnswers = new HashMap<>();
    private final Map<String, String> caseOfTicket = new HashMap<>();

    /** What has been served, by href, re-rendered as it is now for a GET by id. */
    private final Map<String, Supplier<JsonNode>> served = new HashMap<>();

    private Map<String, ResourceLink> links;

    private TmfHttpFacade(OssBss oss, Optional<Clock> clock, HttpFaults faults, int port)
            throws IOException {
        this.oss = oss;
        this.clock = clock;
        this.faults = faults;
        SplittableRandom root = new SplittableRandom(faults.seed());
        for (String tool : new TreeMap<>(faults.rateByTool()).keySet()) {
            faultStreams.put(tool, root.split()); // in name order: one stream per faulty tool
        }
        this.hangs =
                faults.rateByTool().isEmpty()
                        ? Optional.empty()
                        : Optional.of(
                                Executors.newSingleThreadScheduledExecutor(
                                        r -> {
                                            Thread t = new Thread(r, "tmf-facade-hangs");
                                            t.setDaemon(true);
                                            return t;
                                        }));
        this.server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        route("GET", TICKETS, this::listTickets);
        route("POST", TICKETS, this::createTicket);
        route("GET", TICKETS + "/{id}", this::getTicket);
        route("PATCH", TICKETS + "/{id}", this::patchTicket);
        route("POST", ORDERS, this::createOrder);
        route("GET", ORDERS, this::listOrders);
        route("GET", ORDERS + "/{id}", this::getOrder);
        route("POST", CANCEL_ORDERS, this::cancelOrder);
        route("GET", CANCEL_ORDERS + "/{id}", r -> found(CANCEL_ORDERS, "cancelProductOrder", r));
        route("GET", APPOINTMENTS, this::listAppointments);
        route("GET", APPOINTMENTS + "/{id}", this::getAppointment);
        route("PATCH", APPOINTMENTS + "/{id}", this::cancelAppointment);
        route("GET", MESSAGES + "/{id}", r -> found(MESSAGES, "communicationMessage", r));
        route("GET", ACTIVATIONS + "/{id}", r -> found(ACTIVATIONS, "service", r));
        route("GET", CREDITS + "/{id}", r -> found(CREDITS, "appliedCustomerBillingRate", r));
        route("GET", STOCK + "/{id}", r -> found(STOCK, "productStock", r));
        route("GET", SERVICES + "/{id}", r -> found(SERVICES, "service", r));
        route("GET", RESOURCES, this::listResources);
        route("GET", RESOURCES + "/{id}", this::getResource);
        route("GET", TmfJson.TELEMETRY_BASE + "/{id}", this::telemetry);
        route("GET", SERVICES, this::listServices);
        route("GET", STOCK, this::listStock);
        route("POST", MESSAGES, this::createMessage);
        route("POST", APPOINTMENTS, this::createAppointment);
        route("GET", TmfJson.ENGINEERS_BASE, this::listEngineers);
        route("GET", TmfJson.ENGINEERS_BASE + "/{id}", this::getEngineer);
        route("POST", ACTIVATIONS, this::createActivation);
        route("POST", CREDITS, this::createCredit);
        server.createContext("/", this::handle);
        server.setExecutor(null);
        server.start();
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
        hangs.ifPresent(ScheduledExecutorService::shutdownNow);
        server.stop(0);
    }

    @Override
    public void close() {
        stop();
    }

    // ------------------------------------------------------------------ routing

    private record Request(
            String method,
            String path,
            Map<String, String> query,
            String id,
            String body,
            String key) {
        Request withKey(String k) {
            return new Request(method, path, query, id, body, k);
        }
    }

    private record Reply(int status, JsonNode body, String contentType) {
        /** No answer at all: the connection is held, then closed (an injected time-out). */
        static final Reply NONE = new Reply(0, TmfJson.object(), TmfJson.JSON);

        static Reply ok(int status, JsonNode body) {
            return new Reply(status, body, TmfJson.JSON);
        }

        Reply with(String field, String value) {
            ((ObjectNode) body).put(field, value);
            return this;
        }
    }

    private record Stored(String fingerprint, Reply reply) {}

    private interface Handler {
        Reply handle(Request r);
    }

    private record Route(
            String method, String template, Pattern pattern, boolean acting, Handler handler) {
        /** Whether this request acts (and so needs a key): a feasibility check does not. */
        boolean acts(Request r) {
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
            return TmfJson.FEASIBILITY.equals(
                    TmfJson.mapper().readTree(body).path("state").asString(""));
        } catch (JacksonException e) {
            return false;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        Reply reply;
        try {
            reply = dispatch(exchange);
        } catch (RuntimeException e) {
            reply = problem(500, "internal-error", "Internal error", "the twin failed: " + e, "");
        }
        if (reply == Reply.NONE) {
            hangs.orElseThrow() // a fault was drawn, so there are faults and a scheduler
                    .schedule(exchange::close, faults.hang().toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        JsonNode body = reply.body();
        String type = reply.contentType();
        if (type.equals(TmfJson.PROBLEM_JSON) && !acceptsProblems(exchange)) {
            body = tmfError(body); // a TMF client that asked for the specs' media type only
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

    /**
     * Problem details go as {@value TmfJson#PROBLEM_JSON} unless the client's Accept header admits
     * only the TMF specs' {@code application/json}; that client gets the same facts as the specs'
     * {@code Error} (see {@link #tmfError}).
     */
    private static boolean acceptsProblems(HttpExchange exchange) {
        List<String> accept = exchange.getRequestHeaders().get("Accept");
        if (accept == null || accept.isEmpty()) {
            return true;
        }
        String all = String.join(",", accept).toLowerCase(java.util.Locale.ROOT);
        return all.contains(TmfJson.PROBLEM_JSON)
                || all.contains("*/*")
                || all.contains("application/*");
    }

    private Reply dispatch(HttpExchange exchange) throws IOException {
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
            String id = m.groupCount() > 0 ? decode(m.group(1)) : "";
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Request request =
                    new Request(method, path, query(exchange.getRequestURI()), id, body, "");
            String tool = toolOf(route, request);
            if (!route.acts(request)) {
                return faulty(tool, () -> guarded(route, request));
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type == null
                    || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
                return problem(
                        415,
                        "unsupported-media-type",
                        "Unsupported media type",
                        "Content-Type is " + (type == null ? "missing" : "'" + type + "'"),
                        TmfJson.JSON);
            }
            String key = exchange.getRequestHeaders().getFirst(TmfJson.IDEMPOTENCY_KEY);
            if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
                return problem(
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
            return faulty(tool, () -> once(route, request, key));
        }
        if (!allowed.isEmpty()) {
            return problem(
                    405,
                    "method-not-allowed",
                    "Method not allowed",
                    method + " on " + path,
                    String.join(", ", allowed));
        }
        return problem(
                404, "not-found", "Not found", "no API at " + path, String.join(", ", MOUNTED));
    }

    /** Acting requests: one effect per key, the first answer again for a repeat. */
    private Reply once(Route route, Request request, String key) {
        String scope = route.method() + " " + route.pattern().pattern() + " " + key;
        String fingerprint = fingerprint(request);
        synchronized (firstAnswers) {
            Stored prior = firstAnswers.get(scope);
            if (prior != null) {
                if (!prior.fingerprint().equals(fingerprint)) {
                    return problem(
                            422,
                            "idempotency-key-reused",
                            "Idempotency key reused",
                            "key '"
                                    + key
                                    + "' was first used for another request to "
                                    + request.path(),
                            "the same key only for a retry of the same request; a new key for a new"
                                    + " call");
                }
                return prior.reply();
            }
            Reply reply = guarded(route, request.withKey(key));
            if (reply.status() < 500 && reply.status() != 400) {
                firstAnswers.put(scope, new Stored(fingerprint, reply));
            }
            return reply;
        }
    }

    /**
     * The request as a faulty tool's endpoint answers it: one draw from the tool's stream; below
     * half the rate a 503 before the effect, below three quarters a 504 after it, below the rate no
     * answer after it.
     */
    private Reply faulty(String tool, Supplier<Reply> call) {
        double rate = faults.rate(tool);
        if (rate <= 0) {
            return call.get();
        }
        double u;
        SplittableRandom stream = faultStreams.get(tool);
        synchronized (stream) {
            u = stream.nextDouble();
        }
        if (u < rate / 2) {
            return problem(
                    503,
                    "unavailable",
                    "Service unavailable",
                    "injected fault on "
                            + tool
                            + ": the far side refused the call; nothing happened",
                    "a retry (with the same key, for a call that acts)");
        }
        Reply reply = call.get();
        if (u < rate * 3 / 4) {
            return problem(
                    504,
                    "upstream-timeout",
                    "Gateway timeout",
                    "injected fault on "
                            + tool
                            + ": timed out waiting for the far side; the call may have taken"
                            + " effect",
                    "a retry with the same key, which gets the first outcome");
        }
        return u < rate ? Reply.NONE : reply;
    }

    /**
     * The catalogue tool whose calls reach this endpoint (DESIGN.md's tool table), or "" for
     * requests no tool makes (a GET by id, a reroute's feasibility check).
     */
    private static String toolOf(Route route, Request r) {
        String t = route.template();
        boolean get = route.method().equals("GET");
        if (get) {
            if (t.equals(RESOURCES)) {
                return "get_topology";
            } else if (t.equals(RESOURCES + "/{id}")) {
                return "get_element";
            } else if (t.startsWith(TmfJson.TELEMETRY_BASE)) {
                return "get_telemetry";
            } else if (t.equals(SERVICES)) {
                return "get_affected_customers";
            } else if (t.equals(STOCK)) {
                return "check_stock";
            } else if (t.startsWith(TmfJson.ENGINEERS_BASE)) {
                return "list_engineers";
            } else if (t.startsWith(ORDERS)) {
                return "get_order";
            } else if (t.startsWith(APPOINTMENTS)) {
                return "get_appointment";
            }
            return "";
        }
        if (t.equals(TICKETS)) {
            return "open_ticket";
        } else if (t.equals(TICKETS + "/{id}")) {
            return closes(r.body()) ? "close_ticket" : "update_ticket";
        } else if (t.equals(ORDERS)) {
            return "order_part";
        } else if (t.equals(CANCEL_ORDERS)) {
            return "cancel_order";
        } else if (t.equals(APPOINTMENTS)) {
            return "dispatch_engineer";
        } else if (t.equals(APPOINTMENTS + "/{id}")) {
            return "cancel_appointment";
        } else if (t.equals(MESSAGES)) {
            return "notify_customers";
        } else if (t.equals(CREDITS)) {
            return "apply_sla_credit";
        } else if (t.equals(ACTIVATIONS)) {
            try {
                var a = TmfJson.fromActivationCreate(TmfJson.mapper().readTree(r.body()));
                if (a.check()) {
                    return a.action().equals(TmfJson.OUTAGE) ? "preview_outage" : "";
                }
                return switch (a.action()) {
                    case ActivationResult.REROUTE -> "reroute_traffic";
                    case ActivationResult.RESTORE -> "restore_traffic";
                    default -> "restart_element";
                };
            } catch (JacksonException | TmfPayloadException e) {
                return ""; // a bad request: the handler answers 400
            }
        }
        return "";
    }

    /** Whether a ticket patch sets the status (a close), as {@code close_ticket} sends. */
    private static boolean closes(String body) {
        try {
            return TmfJson.mapper().readTree(body).has("status");
        } catch (JacksonException e) {
            return false;
        }
    }

    private Reply guarded(Route route, Request request) {
        try {
            return route.handler().handle(request);
        } catch (TmfPayloadException e) {
            return problem(400, "bad-request", "Bad request", e.getMessage(), e.accepted())
                    .with("field", e.field());
        } catch (OssException e) {
            String detail = stripApi(e);
            return switch (e.outcome()) {
                case TRANSIENT ->
                        problem(503, "unavailable", "Service unavailable", detail, "a retry later");
                case UNCERTAIN ->
                        problem(
                                504,
                                "timeout",
                                "Gateway time-out",
                                detail,
                                "a retry with the same key");
                case REFUSED ->
                        route.acting()
                                ? problem(409, "refused", "Refused", detail, "")
                                : problem(404, "not-found", "Not found", detail, "");
                case INVALID, SUCCEEDED ->
                        route.acting()
                                ? problem(422, "invalid", "Unprocessable request", detail, "")
                                : problem(404, "not-found", "Not found", detail, "");
            };
        }
    }

    // ------------------------------------------------------------------ TMF621

    private Reply listTickets(Request r) {
        String externalId = r.query().get("externalId");
        if (externalId == null || externalId.isBlank()) {
            throw new TmfPayloadException(
                    "externalId", "no filter given", "?externalId=<case id> (a ticket per case)");
        }
        ArrayNode list = TmfJson.mapper().createArrayNode();
        oss.troubleTicket().findByExternalId(externalId).ifPresent(t -> list.add(seen(t)));
        return Reply.ok(200, list);
    }

    private Reply createTicket(Request r) {
        var request = TmfJson.fromTicketCreate(json(r));
        return Reply.ok(201, seen(oss.troubleTicket().create(request, r.key())));
    }

    private Reply getTicket(Request r) {
        String caseId;
        synchronized (caseOfTicket) {
            caseId = caseOfTicket.get(r.id());
        }
        Optional<Ticket> ticket =
                caseId == null ? Optional.empty() : oss.troubleTicket().findByExternalId(caseId);
        return ticket.map(t -> Reply.ok(200, seen(t)))
                .orElseGet(() -> noSuch("troubleTicket", r.id()));
    }

    private Reply patchTicket(Request r) {
        JsonNode update = json(r);
        if (!update.isObject()) {
            throw new TmfPayloadException("body", "not a JSON object", "a TroubleTicket_Update");
        }
        List<Note> added = TmfJson.newNotes(update);
        String status = update.hasNonNull("status") ? update.get("status").asString("") : null;
        if (status != null && !Ticket.CLOSED.equals(status)) {
            throw new TmfPayloadException(
                    "status", "cannot move a ticket to '" + status + "'", Ticket.CLOSED);
        }
        if (added.isEmpty() && status == null) {
            throw new TmfPayloadException(
                    "body",
                    "nothing to change",
                    "note (new notes, without id) and/or status: closed with statusChangeReason");
        }
        Ticket ticket = null;
        for (int i = 0; i < added.size(); i++) {
            Note n = added.get(i);
            String key = i == 0 ? r.key() : r.key() + "#" + i;
            ticket = oss.troubleTicket().addNote(r.id(), n.author(), n.text(), key);
        }
        if (status != null) {
            String resolution =
                    update.hasNonNull("statusChangeReason")
                            ? update.get("statusChangeReason").asString("")
                            : "";
            if (resolution.isBlank()) {
                throw new TmfPayloadException(
                        "statusChangeReason",
                        "closing without a resolution",
                        "a non-blank statusChangeReason: the resolution");
            }
            // the twin keeps one outcome per key: a close in the same patch as notes needs its own
            String key = added.isEmpty() ? r.key() : r.key() + "#close";
            ticket = oss.troubleTicket().close(r.id(), resolution, key);
        }
        return Reply.ok(200, seen(ticket));
    }

    private ObjectNode seen(Ticket t) {
        synchronized (caseOfTicket) {
            caseOfTicket.put(t.id(), t.externalId());
        }
        return TmfJson.toTicket(t);
    }

    // ------------------------------------------------------------------ TMF622

    private Reply createOrder(Request r) {
        var request = TmfJson.fromOrderCreate(json(r));
        ProductOrder order = oss.productOrdering().order(request, r.key());
        return Reply.ok(201, TmfJson.toOrder(order));
    }

    /** {@code ?externalId=<key>}: the order placed under that key, as it is now, or none. */
    private Reply listOrders(Request r) {
        String key = required(r, "externalId", "?externalId=<the key the order was placed under>");
        ArrayNode list = TmfJson.mapper().createArrayNode();
        oss.productOrdering().findOrderByKey(key).ifPresent(o -> list.add(TmfJson.toOrder(o)));
        return Reply.ok(200, list);
    }

    /** An order as it is now: delivered, cancelled, or with its delivery moved by a delay. */
    private Reply getOrder(Request r) {
        return oss.productOrdering()
                .findOrder(r.id())
                .map(o -> Reply.ok(200, TmfJson.toOrder(o)))
                .orElseGet(() -> noSuch("productOrder", r.id()));
    }

    private Reply cancelOrder(Request r) {
        var c = TmfCancelJson.fromOrderCancelCreate(json(r));
        var done = oss.productOrdering().cancelOrder(c.id(), c.reason(), r.key());
        ObjectNode answer = TmfCancelJson.toOrderCancellation(done);
        serve(done.href(), answer::deepCopy);
        return Reply.ok(201, answer);
    }

    private boolean past(Instant t) {
        return clock.map(c -> !c.instant().isBefore(t)).orElse(false);
    }

    // ------------------------------------------------------------------ TMF639

    private Reply listResources(Request r) {
        var topology = oss.resourceInventory().topology();
        ArrayNode list = TmfJson.mapper().createArrayNode();
        Map<String, ResourceLink> byId = links();
        for (Resource resource : topology.resources()) {
            list.add(
                    TmfJson.toResource(
                            resource,
                            Optional.ofNullable(byId.get(resource.id())),
                            Optional.empty()));
        }
        return Reply.ok(200, list);
    }

    private Reply getResource(Request r) {
        Optional<ResourceState> state = oss.resourceInventory().resourceState(r.id());
        return state.map(
                        s ->
                                Reply.ok(
                                        200,
                                        TmfJson.toResource(
                                                s.resource(),
                                                Optional.ofNullable(links().get(r.id())),
                                                Optional.of(s))))
                .orElseGet(() -> noSuch("resource", r.id()));
    }

    private synchronized Map<String, ResourceLink> links() {
        if (links == null) {
            Map<String, ResourceLink> byId = new LinkedHashMap<>();
            for (ResourceLink l : oss.resourceInventory().topology().links()) {
                byId.put(l.id(), l);
            }
            links = byId;
        }
        return links;
    }

    private Reply telemetry(Request r) {
        String given = r.query().getOrDefault("samples", "12");
        int samples;
        try {
            samples = Integer.parseInt(given);
        } catch (NumberFormatException e) {
            samples = -1;
        }
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw new TmfPayloadException(
                    "samples", "'" + given + "' samples", "an integer from 1 to " + MAX_SAMPLES);
        }
        return Reply.ok(
                200,
                TmfJson.toTelemetry(r.id(), oss.resourceInventory().telemetry(r.id(), samples)));
    }

    // ------------------------------------------------------------------ TMF638, TMF687, TMF681

    private Reply listServices(Request r) {
        String element =
                required(r, "supportingResource.id", "?supportingResource.id=<element id>");
        ArrayNode list = TmfJson.toServices(oss.serviceInventory().impactOf(element));
        for (int i = 0; i < list.size(); i++) {
            JsonNode service = list.get(i);
            String id = service.path("id").asString();
            if (i == 0) { // the consumer access of the element: counted afresh
                serve(
                        SERVICES + "/" + id,
                        () -> TmfJson.toServices(oss.serviceInventory().impactOf(element)).get(0));
            } else { // a slice: as it was listed
                serve(SERVICES + "/" + id, () -> service.deepCopy());
            }
        }
        return Reply.ok(200, list);
    }

    private Reply listStock(Request r) {
        String part =
                required(r, "stockedProduct.id", "?stockedProduct.id=<part>&deliverySite=<site>");
        String site = required(r, "deliverySite", "?stockedProduct.id=<part>&deliverySite=<site>");
        StockCheck check = oss.stockManagement().checkStock(part, site);
        ArrayNode list = TmfJson.toStock(check);
        for (int i = 0; i < list.size(); i++) {
            String href = list.get(i).path("href").asString();
            int at = i;
            // the level now, with lead times to the site it was last listed for
            serve(
                    href,
                    () -> TmfJson.toStock(oss.stockManagement().checkStock(part, site)).get(at));
        }
        return Reply.ok(200, list);
    }

    private Reply createMessage(Request r) {
        var m = TmfJson.fromMessageCreate(json(r));
        var sent = oss.communication().notifyCustomers(m.resourceId(), m.content(), r.key());
        serve(sent.href(), () -> TmfJson.toMessage(sent));
        return Reply.ok(201, TmfJson.toMessage(sent));
    }

    // ------------------------------------------------------------------ TMF646, TMF640, TMF678

    private Reply createAppointment(Request r) {
        var request = TmfJson.fromAppointmentCreate(json(r));
        BookedAppointment booked = oss.appointment().book(request, r.key());
        return Reply.ok(201, TmfJson.toAppointment(booked));
    }

    /** {@code ?externalId=<key>}: the appointment booked under that key, as it is now, or none. */
    private Reply listAppointments(Request r) {
        String key =
                required(r, "externalId", "?externalId=<the key the appointment was booked under>");
        ArrayNode list = TmfJson.mapper().createArrayNode();
        oss.appointment()
                .findAppointmentByKey(key)
                .ifPresent(a -> list.add(TmfJson.toAppointment(a)));
        return Reply.ok(200, list);
    }

    /** An appointment as it is now: confirmed, under way, done or cancelled. */
    private Reply getAppointment(Request r) {
        return oss.appointment()
                .findAppointment(r.id())
                .map(a -> Reply.ok(200, TmfJson.toAppointment(a)))
                .orElseGet(() -> noSuch("appointment", r.id()));
    }

    /** A patch to status cancelled, with the reason as a note; the only change served. */
    private Reply cancelAppointment(Request r) {
        String reason = TmfCancelJson.fromAppointmentCancel(json(r));
        BookedAppointment cancelled = oss.appointment().cancelAppointment(r.id(), reason, r.key());
        return Reply.ok(200, TmfJson.toAppointment(cancelled));
    }

    /** Every engineer, or a region's ({@code ?region=}); with {@code &site=}, travel times. */
    private Reply listEngineers(Request r) {
        ArrayNode list = TmfJson.mapper().createArrayNode();
        oss.appointment()
                .engineers(
                        Optional.ofNullable(r.query().get("region")).filter(x -> !x.isBlank()),
                        Optional.ofNullable(r.query().get("site")).filter(x -> !x.isBlank()))
                .forEach(e -> list.add(TmfJson.toEngineer(e)));
        return Reply.ok(200, list);
    }

    private Reply getEngineer(Request r) {
        return oss.appointment()
                .findEngineer(r.id())
                .map(e -> Reply.ok(200, TmfJson.toEngineer(e)))
                .orElseGet(() -> noSuch("fieldEngineer", r.id()));
    }

    private Reply createActivation(Request r) {
        JsonNode body = json(r);
        var a = TmfJson.fromActivationCreate(body);
        var activation = oss.serviceActivation();
        if (a.check() && a.action().equals(TmfJson.OUTAGE)) {
            var ask = TmfOutageJson.fromOutageCheck(body);
            return Reply.ok(
                    201,
                    TmfOutageJson.toOutagePreview(
                            activation.previewOutage(ask.resourceId(), ask.at(), ask.duration())));
        }
        if (a.check()) {
            return Reply.ok(201, TmfJson.toPreview(activation.previewReroute(a.resourceId())));
        }
        var result =
                switch (a.action()) {
                    case "reroute" -> activation.reroute(a.resourceId(), r.key());
                    case "restore" -> activation.restore(a.resourceId(), r.key());
                    default -> activation.restart(a.resourceId(), r.key());
                };
        ObjectNode answer = TmfJson.toActivation(result);
        serve(answer.path("href").asString(), () -> TmfJson.toActivation(asNow(result)));
        return Reply.ok(201, answer);
    }

    /** A restart is {@code completed} once the element is back (by the twin's clock). */
    private ActivationResult asNow(ActivationResult a) {
        if (a.completionDate().isEmpty() || !past(a.completionDate().get())) {
            return a;
        }
        return new ActivationResult(
                a.id(),
                a.externalId(),
                a.resourceId(),
                a.action(),
                "completed",
                a.trafficGbps(),
                a.maxUtilization(),
                a.completionDate());
    }

    private Reply createCredit(Request r) {
        var c = TmfJson.fromCreditCreate(json(r));
        var credit =
                oss.customerBill().applyCredit(c.customerId(), c.amount(), c.reason(), r.key());
        serve(credit.href(), () -> TmfJson.toCredit(credit));
        return Reply.ok(201, TmfJson.toCredit(credit));
    }

    // ------------------------------------------------------------------ GET by id

    private void serve(String href, Supplier<JsonNode> now) {
        synchronized (served) {
            served.put(href, now);
        }
    }

    private Reply found(String collection, String resource, Request r) {
        Supplier<JsonNode> now;
        synchronized (served) {
            now = served.get(collection + "/" + r.id());
        }
        return now == null ? noSuch(resource, r.id()) : Reply.ok(200, now.get());
    }

    private static String required(Request r, String filter, String accepted) {
        String v = r.query().get(filter);
        if (v == null || v.isBlank()) {
            throw new TmfPayloadException(filter, "filter missing", accepted);
        }
        return v;
    }

    // ------------------------------------------------------------------ plumbing

    private static JsonNode json(Request r) {
        try {
            return TmfJson.mapper().readTree(r.body());
        } catch (JacksonException e) {
            throw new TmfPayloadException(
                    "body", "not JSON (" + e.getOriginalMessage() + ")", "a JSON object");
        }
    }

    private static Reply noSuch(String resource, String id) {
        return problem(
                404, "not-found", "Not found", "no " + resource + " with id '" + id + "'", "");
    }

    /**
     * An RFC 9457 problem detail: {@code type}, {@code title}, {@code status}, {@code detail} (what
     * was wrong and what is accepted), and the extension member {@code accepted} on its own.
     */
    static Reply problem(int status, String slug, String title, String detail, String accepted) {
        ObjectNode p = TmfJson.object();
        p.put("type", "urn:autonoc:problem:" + slug);
        p.put("title", title);
        p.put("status", status);
        p.put("detail", accepted.isEmpty() ? detail : detail + "; accepted: " + accepted);
        if (!accepted.isEmpty()) {
            p.put("accepted", accepted);
        }
        return new Reply(status, p, TmfJson.PROBLEM_JSON);
    }

    /**
     * The TMF {@code Error} of a problem detail: {@code code} and {@code status} the HTTP status as
     * a string, {@code reason} the title, {@code message} the detail, {@code referenceError} the
     * problem type.
     */
    static ObjectNode tmfError(JsonNode problem) {
        ObjectNode e = TmfJson.object();
        String status = problem.path("status").asString();
        e.put("code", status);
        e.put("reason", problem.path("title").asString());
        e.put("message", problem.path("detail").asString());
        e.put("status", status);
        e.put("referenceError", problem.path("type").asString());
        e.put("@type", "Error");
        return e;
    }

    private static String stripApi(OssException e) {
        String m = e.getMessage();
        String prefix = e.api() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    private static String fingerprint(Request r) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(
                    (r.method() + " " + r.path() + "\n" + r.body())
                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                q.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            } else if (!pair.isEmpty()) {
                q.put(decode(pair), "");
            }
        }
        return q;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
