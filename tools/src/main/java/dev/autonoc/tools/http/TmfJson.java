package dev.autonoc.tools.http;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.tools.oss.ActivationResult;
import dev.autonoc.tools.oss.AppliedCustomerBillingRate;
import dev.autonoc.tools.oss.AppointmentRequest;
import dev.autonoc.tools.oss.BookedAppointment;
import dev.autonoc.tools.oss.CommunicationMessage;
import dev.autonoc.tools.oss.EnterpriseSlice;
import dev.autonoc.tools.oss.FieldEngineer;
import dev.autonoc.tools.oss.Money;
import dev.autonoc.tools.oss.Note;
import dev.autonoc.tools.oss.ProductOrder;
import dev.autonoc.tools.oss.ProductOrderRequest;
import dev.autonoc.tools.oss.ReroutePreview;
import dev.autonoc.tools.oss.Resource;
import dev.autonoc.tools.oss.ResourceLink;
import dev.autonoc.tools.oss.ResourceState;
import dev.autonoc.tools.oss.ResourceStatus;
import dev.autonoc.tools.oss.ServiceImpact;
import dev.autonoc.tools.oss.StockCheck;
import dev.autonoc.tools.oss.StockOption;
import dev.autonoc.tools.oss.Ticket;
import dev.autonoc.tools.oss.TicketRequest;
import dev.autonoc.tools.oss.TimePeriod;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code oss} records as TM Forum Open API (v4) resources, both ways: what the HTTP façade
 * serves and the HTTP client reads. Each {@code to...} method builds the TMF JSON; each {@code
 * from...} method reads it and throws {@link TmfPayloadException} naming the field that was wrong.
 *
 * <p>The operator's extensions (an element's role and region, an order's part and source) travel as
 * TMF characteristics; links between elements as resource relationships; a ticket's element as its
 * related entity; a ticket's resolution as the {@code statusChangeReason} of its closing.
 *
 * <p>Longer than most files on purpose: one to/from pair per TMF resource, kept together so that
 * both sides of the wire read one definition; the undo and what-if payloads are apart, in {@link
 * TmfCancelJson} and {@link TmfOutageJson}.
 */
public final class TmfJson {

    /** The request header that carries an acting call's idempotency key. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** The media type of TMF payloads, as the specs declare it. */
    public static final String JSON = "application/json;charset=utf-8";

    /** RFC 9457 problem details. */
    public static final String PROBLEM_JSON = "application/problem+json";

    /** Base paths, one per API, as the specs declare them (no trailing slash). */
    public static final String TMF621_BASE = "/tmf-api/troubleTicket/v4";

    public static final String TMF622_BASE = "/tmf-api/productOrderingManagement/v4";
    public static final String TMF639_BASE = "/tmf-api/resourceInventoryManagement/v4";

    /**
     * Telemetry has no TMF639 resource (TMF628 Performance would carry it): it is served beside the
     * TMF APIs under this operator extension path.
     */
    public static final String TELEMETRY_BASE = "/autonoc/v1/telemetry";

    /** A ticket's {@code ticketType}. */
    public static final String TICKET_TYPE = "networkIncident";

    /** The severities a ticket accepts. */
    public static final Set<String> SEVERITIES = Set.of("minor", "major", "critical");

    /** The role of a ticket's related entity: the element concerned. */
    public static final String AFFECTED_RESOURCE = "affectedResource";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TmfJson() {}

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    // ------------------------------------------------------------------ TMF621 TroubleTicket

    /** A {@code TroubleTicket_Create} for the request. */
    public static ObjectNode toTicketCreate(TicketRequest request) {
        ObjectNode n = object();
        n.put("@type", Ticket.TYPE);
        n.put("@baseType", "TroubleTicket");
        n.put("externalId", request.externalId());
        n.put("description", request.description());
        n.put("severity", request.severity());
        n.put("ticketType", TICKET_TYPE);
        n.set("relatedEntity", affected(request.elementId()));
        return n;
    }

    public static TicketRequest fromTicketCreate(JsonNode n) {
        requireObject(n, "body");
        String severity = text(n, "severity");
        if (!SEVERITIES.contains(severity)) {
            throw new TmfPayloadException(
                    "severity", "unknown severity '" + severity + "'", "minor, major, critical");
        }
        String type = text(n, "ticketType");
        if (!TICKET_TYPE.equals(type)) {
            throw new TmfPayloadException(
                    "ticketType", "unknown ticket type '" + type + "'", TICKET_TYPE);
        }
        return new TicketRequest(
                text(n, "externalId"), affectedElement(n), text(n, "description"), severity);
    }

    public static ObjectNode toTicket(Ticket t) {
        ObjectNode n = object();
        n.put("id", t.id());
        n.put("href", t.href());
        n.put("@type", t.atType());
        n.put("@baseType", "TroubleTicket");
        n.put("externalId", t.externalId());
        n.put("description", t.description());
        n.put("severity", t.severity());
        n.put("ticketType", TICKET_TYPE);
        n.put("status", t.status());
        n.put("creationDate", t.creationDate().toString());
        n.put("lastUpdate", t.lastUpdate().toString());
        if (t.isClosed()) {
            n.put("resolutionDate", t.lastUpdate().toString());
        }
        t.resolution().ifPresent(r -> n.put("statusChangeReason", r));
        ArrayNode notes = n.putArray("note");
        for (Note note : t.note()) {
            ObjectNode o = notes.addObject();
            o.put("id", note.id());
            o.put("author", note.author());
            o.put("date", note.date().toString());
            o.put("text", note.text());
            o.put("@type", "Note");
        }
        n.set("relatedEntity", affected(t.elementId()));
        return n;
    }

    public static Ticket fromTicket(JsonNode n) {
        requireObject(n, "body");
        List<Note> notes = new ArrayList<>();
        JsonNode list = n.path("note");
        for (int i = 0; i < list.size(); i++) {
            JsonNode o = list.get(i);
            String at = "note[" + i + "]";
            notes.add(
                    new Note(
                            text(o, "id", at + ".id"),
                            text(o, "author", at + ".author"),
                            instant(o, "date", at + ".date"),
                            text(o, "text", at + ".text")));
        }
        String status = text(n, "status");
        Optional<String> resolution =
                Ticket.CLOSED.equals(status) && n.hasNonNull("statusChangeReason")
                        ? Optional.of(n.get("statusChangeReason").asString())
                        : Optional.empty();
        return new Ticket(
                text(n, "id"),
                text(n, "href"),
                text(n, "@type"),
                text(n, "externalId"),
                affectedElement(n),
                text(n, "description"),
                text(n, "severity"),
                status,
                instant(n, "creationDate", "creationDate"),
                instant(n, "lastUpdate", "lastUpdate"),
                notes,
                resolution);
    }

    /**
     * A {@code TroubleTicket_Update} that adds one note. A ticket's notes are its history: a note
     * without an {@code id} is added, and notes are never removed by a patch.
     */
    public static ObjectNode toNoteAdded(String author, String text) {
        ObjectNode n = object();
        ObjectNode added = n.putArray("note").addObject();
        added.put("author", author);
        added.put("text", text);
        added.put("@type", "Note");
        return n;
    }

    /** The notes to add that a {@code TroubleTicket_Update} carries: those without an id. */
    public static List<Note> newNotes(JsonNode update) {
        List<Note> added = new ArrayList<>();
        JsonNode list = update.path("note");
        if (!update.path("note").isMissingNode() && !list.isArray()) {
            throw new TmfPayloadException("note", "not an array", "an array of Note");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode o = list.get(i);
            if (o.hasNonNull("id")) {
                continue;
            }
            String at = "note[" + i + "]";
            added.add(
                    new Note(
                            "new",
                            text(o, "author", at + ".author"),
                            Instant.EPOCH,
                            text(o, "text", at + ".text")));
        }
        return added;
    }

    /** A {@code TroubleTicket_Update} that closes the ticket with a resolution. */
    public static ObjectNode toClosing(String resolution) {
        ObjectNode n = object();
        n.put("status", Ticket.CLOSED);
        n.put("statusChangeReason", resolution);
        return n;
    }

    private static ArrayNode affected(String elementId) {
        ArrayNode related = NODES.arrayNode();
        ObjectNode e = related.addObject();
        e.put("id", elementId);
        e.put("href", Resource.BASE_PATH + elementId);
        e.put("role", AFFECTED_RESOURCE);
        e.put("@referredType", "Resource");
        return related;
    }

    private static String affectedElement(JsonNode ticket) {
        JsonNode related = ticket.path("relatedEntity");
        for (int i = 0; i < related.size(); i++) {
            JsonNode e = related.get(i);
            if (AFFECTED_RESOURCE.equals(e.path("role").asString(""))) {
                return text(e, "id", "relatedEntity[" + i + "].id");
            }
        }
        throw new TmfPayloadException(
                "relatedEntity",
                "no related entity of role " + AFFECTED_RESOURCE,
                "one {id, role: \""
                        + AFFECTED_RESOURCE
                        + "\", @referredType: \"Resource\"} naming the element");
    }

    // ------------------------------------------------------------------ TMF622 ProductOrder

    /**
     * A {@code ProductOrder_Create} for one unit of a part. TMF622 v4.0.0's {@code Characteristic}
     * has no {@code value}, so the order says everything with TMF fields: the part is the product's
     * {@code productSpecification}, the stock source the item's {@code productOffering} (parts from
     * that place), the site the product's {@code place} of role {@value #DELIVERY}, the element the
     * part is for the product's {@code realizingResource}, and expediting the order's priority
     * ({@value #EXPEDITED} expedited, {@value #STANDARD} not; TMF622 priorities run 0..4).
     */
    public static ObjectNode toOrderCreate(ProductOrderRequest r, String externalId) {
        ObjectNode n = object();
        n.put("@type", ProductOrder.TYPE);
        n.put("@baseType", "ProductOrder");
        n.put("externalId", externalId);
        n.put("priority", r.expedite() ? EXPEDITED : STANDARD);
        n.set("productOrderItem", orderItems(r));
        return n;
    }

    public static final String DELIVERY = "deliveryAddress";
    public static final String EXPEDITED = "1";
    public static final String STANDARD = "4";

    private static ArrayNode orderItems(ProductOrderRequest r) {
        ArrayNode items = NODES.arrayNode();
        ObjectNode item = items.addObject();
        item.put("id", "1");
        item.put("action", "add");
        item.put("quantity", 1);
        ObjectNode offering = item.putObject("productOffering");
        offering.put("id", r.source());
        offering.put("name", "spare parts from " + r.source());
        offering.put("@referredType", "ProductOffering");
        ObjectNode product = item.putObject("product");
        product.put("@type", "SparePart");
        ObjectNode spec = product.putObject("productSpecification");
        spec.put("id", r.part());
        spec.put("name", r.part());
        spec.put("@referredType", "ProductSpecification");
        ObjectNode site = product.putArray("place").addObject();
        site.put("id", r.site());
        site.put("role", DELIVERY);
        site.put("@referredType", "GeographicSite");
        ObjectNode element = product.putArray("realizingResource").addObject();
        element.put("id", r.elementId());
        element.put("href", Resource.BASE_PATH + r.elementId());
        element.put("@referredType", "Resource");
        return items;
    }

    public static ProductOrderRequest fromOrderCreate(JsonNode n) {
        requireObject(n, "body");
        JsonNode items = n.path("productOrderItem");
        if (!items.isArray() || items.size() != 1) {
            throw new TmfPayloadException(
                    "productOrderItem",
                    "an order has " + (items.isArray() ? items.size() : 0) + " items",
                    "exactly one item, of quantity 1, with action add");
        }
        JsonNode item = items.get(0);
        if (!"add".equals(item.path("action").asString(""))) {
            throw new TmfPayloadException(
                    "productOrderItem[0].action",
                    "action '" + item.path("action").asString("") + "'",
                    "add");
        }
        if (item.has("quantity") && item.get("quantity").asInt(0) != 1) {
            throw new TmfPayloadException(
                    "productOrderItem[0].quantity",
                    "quantity " + item.get("quantity").asString(),
                    "1 (one unit per order)");
        }
        String priority = n.path("priority").asString(STANDARD);
        if (!priority.matches("[0-4]")) {
            throw new TmfPayloadException(
                    "priority",
                    "priority '" + priority + "'",
                    "0..4; " + EXPEDITED + " or higher (0, 1) expedites");
        }
        JsonNode product = item.path("product");
        String at = "productOrderItem[0]";
        String site = null;
        JsonNode places = product.path("place");
        for (int i = 0; i < places.size(); i++) {
            if (DELIVERY.equals(places.get(i).path("role").asString(""))) {
                site = text(places.get(i), "id", at + ".product.place[" + i + "].id");
            }
        }
        if (site == null) {
            throw new TmfPayloadException(
                    at + ".product.place",
                    "no place of role " + DELIVERY,
                    "one {id: <site>, role: \"" + DELIVERY + "\"}");
        }
        JsonNode realizing = product.path("realizingResource");
        if (realizing.size() != 1) {
            throw new TmfPayloadException(
                    at + ".product.realizingResource",
                    realizing.size() + " resources",
                    "one {id: <element id>}: the element the part is for");
        }
        return new ProductOrderRequest(
                text(
                        product.path("productSpecification"),
                        "id",
                        at + ".product.productSpecification.id"),
                text(item.path("productOffering"), "id", at + ".productOffering.id"),
                site,
                text(realizing.get(0), "id", at + ".product.realizingResource[0].id"),
                priority.compareTo(EXPEDITED) <= 0);
    }

    public static ObjectNode toOrder(ProductOrder o) {
        ObjectNode n = object();
        n.put("id", o.id());
        n.put("href", o.href());
        n.put("@type", o.atType());
        n.put("@baseType", "ProductOrder");
        n.put("externalId", o.externalId());
        n.put("state", o.state());
        n.put("priority", o.priority());
        n.put("orderDate", o.orderDate().toString());
        n.put("expectedCompletionDate", o.expectedCompletionDate().toString());
        ArrayNode total = n.putArray("orderTotalPrice");
        ObjectNode price = total.addObject();
        price.put("name", "total");
        price.put("priceType", "oneTime");
        price.putObject("price").set("dutyFreeAmount", money(o.orderTotalPrice()));
        o.refund()
                .ifPresent(
                        r -> {
                            ObjectNode refund = total.addObject();
                            refund.put("name", REFUND);
                            refund.put("description", "refunded when the order was cancelled");
                            refund.put("priceType", "oneTime");
                            refund.putObject("price")
                                    .set("dutyFreeAmount", money(Money.gbp(-r.value())));
                        });
        n.set("productOrderItem", orderItems(o.item()));
        return n;
    }

    /** The name of a cancelled order's price entry that holds the refund, as a negative amount. */
    public static final String REFUND = "refund";

    public static ProductOrder fromOrder(JsonNode n) {
        requireObject(n, "body");
        ProductOrderRequest item = fromOrderCreate(n);
        JsonNode amount = n.path("orderTotalPrice").path(0).path("price").path("dutyFreeAmount");
        Optional<Money> refund = Optional.empty();
        JsonNode prices = n.path("orderTotalPrice");
        for (int i = 0; i < prices.size(); i++) {
            if (REFUND.equals(prices.get(i).path("name").asString(""))) {
                Money m =
                        fromMoney(
                                prices.get(i).path("price").path("dutyFreeAmount"),
                                "orderTotalPrice[" + i + "].price.dutyFreeAmount");
                refund = Optional.of(new Money(-m.value(), m.unit()));
            }
        }
        return new ProductOrder(
                text(n, "id"),
                text(n, "href"),
                text(n, "@type"),
                text(n, "externalId"),
                text(n, "state"),
                text(n, "priority"),
                item,
                instant(n, "orderDate", "orderDate"),
                instant(n, "expectedCompletionDate", "expectedCompletionDate"),
                fromMoney(amount, "orderTotalPrice[0].price.dutyFreeAmount"),
                refund);
    }

    // ------------------------------------------------------------------ TMF639 Resource

    /** An element as a TMF639 Resource; with its live state when {@code live} is given. */
    public static ObjectNode toResource(
            Resource r, Optional<ResourceLink> link, Optional<ResourceState> live) {
        ObjectNode n = object();
        n.put("id", r.id());
        n.put("href", r.href());
        n.put("@type", r.atType());
        n.put("@baseType", "Resource");
        n.put("name", r.id());
        n.put("category", r.category().name());
        n.put("resourceStatus", status(r.resourceStatus()));
        n.put("operationalState", r.resourceStatus() == ResourceStatus.DOWN ? "disable" : "enable");
        ObjectNode place = n.putObject("place");
        place.put("id", r.site());
        place.put("role", "site");
        place.put("@referredType", "GeographicSite");
        ArrayNode ch = n.putArray("resourceCharacteristic");
        characteristic(ch, "role", r.role());
        characteristic(ch, "region", r.region());
        link.ifPresent(
                l -> {
                    number(ch, "capacityGbps", l.capacityGbps());
                    ArrayNode rel = n.putArray("resourceRelationship");
                    for (String end : List.of(l.a(), l.b())) {
                        ObjectNode o = rel.addObject();
                        o.put("relationshipType", "connects");
                        ObjectNode ref = o.putObject("resource");
                        ref.put("id", end);
                        ref.put("href", Resource.BASE_PATH + end);
                        ref.put("@referredType", Resource.TYPE);
                    }
                });
        live.ifPresent(
                s -> {
                    ObjectNode alt = ch.addObject();
                    alt.put("name", "hasAlternatePath");
                    alt.put("valueType", "boolean");
                    alt.put("value", s.hasAlternatePath());
                    number(ch, "trafficGbps", s.trafficGbps());
                });
        return n;
    }

    public static Resource fromResource(JsonNode n) {
        requireObject(n, "body");
        String category = text(n, "category");
        ElementKind kind;
        try {
            kind = ElementKind.valueOf(category);
        } catch (IllegalArgumentException e) {
            throw new TmfPayloadException(
                    "category",
                    "unknown category '" + category + "'",
                    Arrays.toString(ElementKind.values()));
        }
        JsonNode ch = n.path("resourceCharacteristic");
        return new Resource(
                text(n, "id"),
                text(n, "href"),
                text(n, "@type"),
                kind,
                characteristicText(ch, "role", "resourceCharacteristic"),
                characteristicText(ch, "region", "resourceCharacteristic"),
                text(n.path("place"), "id", "place.id"),
                fromStatus(text(n, "resourceStatus")));
    }

    /** The link's ends and capacity, when the resource is a link. */
    public static Optional<ResourceLink> linkOf(JsonNode n) {
        JsonNode rel = n.path("resourceRelationship");
        JsonNode capacity = characteristicValue(n.path("resourceCharacteristic"), "capacityGbps");
        if (rel.size() != 2 || capacity == null) {
            return Optional.empty();
        }
        return Optional.of(
                new ResourceLink(
                        text(n, "id"),
                        text(rel.get(0).path("resource"), "id", "resourceRelationship[0]"),
                        text(rel.get(1).path("resource"), "id", "resourceRelationship[1]"),
                        capacity.asDouble()));
    }

    public static ResourceState fromResourceState(JsonNode n) {
        JsonNode ch = n.path("resourceCharacteristic");
        JsonNode alt = characteristicValue(ch, "hasAlternatePath");
        JsonNode traffic = characteristicValue(ch, "trafficGbps");
        if (alt == null || traffic == null) {
            throw new TmfPayloadException(
                    "resourceCharacteristic",
                    "no live state",
                    "characteristics hasAlternatePath and trafficGbps");
        }
        return new ResourceState(fromResource(n), alt.asBoolean(), traffic.asDouble());
    }

    /** TMF639's resourceStatus for the operator's status (a one-to-one mapping). */
    public static String status(ResourceStatus s) {
        return switch (s) {
            case UP -> "available";
            case DOWN -> "alarm";
            case UNDER_WORK -> "suspended";
            case DRAINED -> "standby";
        };
    }

    public static ResourceStatus fromStatus(String s) {
        for (ResourceStatus r : ResourceStatus.values()) {
            if (status(r).equals(s)) {
                return r;
            }
        }
        throw new TmfPayloadException(
                "resourceStatus",
                "unknown status '" + s + "'",
                "available, alarm, suspended, standby");
    }

    // ------------------------------------------------------------------ TMF638 Service

    public static final String TMF638_BASE = "/tmf-api/serviceInventory/v4";

    /** The category of the one service that counts an element's consumers. */
    public static final String CONSUMER_ACCESS = "consumerAccess";

    /**
     * The services an element supports, as TMF638 lists them for {@code
     * ?supportingResource.id=<element>}: one {@value #CONSUMER_ACCESS} service that counts the
     * consumers (and says whether the element's traffic has another path), then each enterprise
     * slice with its customer as related party and its monthly fee.
     */
    public static ArrayNode toServices(ServiceImpact impact) {
        ArrayNode list = NODES.arrayNode();
        ObjectNode access = list.addObject();
        String accessId = "consumer-access-" + impact.resourceId();
        access.put("id", accessId);
        access.put("href", EnterpriseSlice.BASE_PATH + accessId);
        access.put("@type", "ConsumerAccess");
        access.put("@baseType", "Service");
        access.put("category", CONSUMER_ACCESS);
        access.put("state", "active");
        ArrayNode ch = access.putArray("serviceCharacteristic");
        ObjectNode consumers = ch.addObject();
        consumers.put("name", "consumers");
        consumers.put("valueType", "integer");
        consumers.put("value", impact.consumers());
        ObjectNode alt = ch.addObject();
        alt.put("name", "hasAlternatePath");
        alt.put("valueType", "boolean");
        alt.put("value", impact.hasAlternatePath());
        access.set("supportingResource", resourceRefs(impact.resourceId()));
        for (EnterpriseSlice slice : impact.enterpriseSlices()) {
            ObjectNode o = list.addObject();
            o.put("id", slice.id());
            o.put("href", slice.href());
            o.put("@type", slice.atType());
            o.put("@baseType", "Service");
            o.put("category", EnterpriseSlice.CATEGORY);
            o.put("state", "active");
            ObjectNode party = o.putArray("relatedParty").addObject();
            party.put("id", slice.customerId());
            party.put("role", "customer");
            party.put("@referredType", "Customer");
            ObjectNode fee = o.putArray("serviceCharacteristic").addObject();
            fee.put("name", "monthlyFee");
            fee.put("valueType", "Money");
            fee.set("value", money(slice.monthlyFee()));
            o.set("supportingResource", resourceRefs(impact.resourceId()));
        }
        return list;
    }

    public static ServiceImpact fromServices(String resourceId, JsonNode list) {
        long consumers = -1;
        boolean alternate = false;
        List<EnterpriseSlice> slices = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String at = "[" + i + "]";
            String category = text(s, "category", at + ".category");
            JsonNode ch = s.path("serviceCharacteristic");
            if (CONSUMER_ACCESS.equals(category)) {
                JsonNode n = characteristicValue(ch, "consumers");
                JsonNode a = characteristicValue(ch, "hasAlternatePath");
                if (n == null || !n.isIntegralNumber() || a == null || !a.isBoolean()) {
                    throw new TmfPayloadException(
                            at + ".serviceCharacteristic",
                            "no consumers or hasAlternatePath",
                            "consumers (integer) and hasAlternatePath (boolean)");
                }
                consumers = n.asLong();
                alternate = a.asBoolean();
            } else if (EnterpriseSlice.CATEGORY.equals(category)) {
                JsonNode fee = characteristicValue(ch, "monthlyFee");
                if (fee == null) {
                    throw new TmfPayloadException(
                            at + ".serviceCharacteristic", "no monthlyFee", "monthlyFee (Money)");
                }
                slices.add(
                        new EnterpriseSlice(
                                text(s, "id", at + ".id"),
                                text(s, "href", at + ".href"),
                                text(s, "@type", at + ".@type"),
                                text(
                                        s.path("relatedParty").path(0),
                                        "id",
                                        at + ".relatedParty[0].id"),
                                fromMoney(fee, at + ".monthlyFee")));
            }
        }
        if (consumers < 0) {
            throw new TmfPayloadException(
                    "[]", "no " + CONSUMER_ACCESS + " service", "one service of that category");
        }
        return new ServiceImpact(resourceId, alternate, consumers, slices);
    }

    static ArrayNode resourceRefs(String id) {
        ArrayNode refs = NODES.arrayNode();
        ObjectNode ref = refs.addObject();
        ref.put("id", id);
        ref.put("href", Resource.BASE_PATH + id);
        ref.put("@referredType", "Resource");
        return refs;
    }

    // ------------------------------------------------------------------ TMF687 ProductStock

    public static final String TMF687_BASE = "/tmf-api/stock/v4";

    /**
     * A stock check as TMF687 ProductStock entries for {@code
     * ?stockedProduct.id=<part>&deliverySite=<site>}, one per place in the check's order: the place
     * is the stock location, the level what can be reserved now; what it takes to bring a unit to
     * the site (lead times in minutes, the expedite surcharge, the unit price) are characteristics
     * of the stocked product.
     */
    public static ArrayNode toStock(StockCheck check) {
        ArrayNode list = NODES.arrayNode();
        for (StockOption o : check.options()) {
            ObjectNode n = list.addObject();
            String id = check.part() + "@" + o.place();
            n.put("id", id);
            n.put("href", TMF687_BASE + "/productStock/" + id);
            n.put("@type", "SpareStock");
            n.put("@baseType", "ProductStock");
            n.put("name", check.part() + " at " + o.place());
            n.put(
                    "productStockStatusType",
                    o.availableQuantity() > 0 ? "available" : "unavailable");
            ObjectNode place = n.putObject("place");
            place.put("id", o.place());
            place.put("role", "stockLocation");
            place.put("@referredType", "GeographicSite");
            ObjectNode level = n.putObject("productStockLevel");
            level.put("amount", o.availableQuantity());
            level.put("units", "unit");
            ObjectNode product = n.putObject("stockedProduct");
            product.put("id", check.part());
            product.put("name", check.part());
            ArrayNode ch = product.putArray("productCharacteristic");
            characteristic(ch, "deliverySite", check.site());
            number(ch, "leadTimeMinutes", o.leadTime().toMinutes());
            number(ch, "expeditedLeadTimeMinutes", o.expeditedLeadTime().toMinutes());
            number(ch, "expediteSurchargePct", o.expediteSurchargePct());
            ObjectNode price = ch.addObject();
            price.put("name", "unitPrice");
            price.put("valueType", "Money");
            price.set("value", money(check.unitPrice()));
        }
        return list;
    }

    public static StockCheck fromStock(String part, String site, JsonNode list) {
        List<StockOption> options = new ArrayList<>();
        Money price = null;
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String at = "[" + i + "]";
            JsonNode ch = n.path("stockedProduct").path("productCharacteristic");
            JsonNode lead = characteristicValue(ch, "leadTimeMinutes");
            JsonNode fast = characteristicValue(ch, "expeditedLeadTimeMinutes");
            JsonNode pct = characteristicValue(ch, "expediteSurchargePct");
            JsonNode unit = characteristicValue(ch, "unitPrice");
            if (lead == null || fast == null || pct == null || unit == null) {
                throw new TmfPayloadException(
                        at + ".stockedProduct.productCharacteristic",
                        "incomplete",
                        "leadTimeMinutes, expeditedLeadTimeMinutes, expediteSurchargePct, unitPrice");
            }
            price = fromMoney(unit, at + ".unitPrice");
            options.add(
                    new StockOption(
                            text(n.path("place"), "id", at + ".place.id"),
                            n.path("productStockLevel").path("amount").asLong(),
                            Duration.ofMinutes(lead.asLong()),
                            Duration.ofMinutes(fast.asLong()),
                            pct.asDouble()));
        }
        if (price == null) {
            throw new TmfPayloadException("[]", "no stock entries", "one per stock place");
        }
        return new StockCheck(part, site, price, options);
    }

    // ------------------------------------------------------------------ TMF681
    // CommunicationMessage

    public static final String TMF681_BASE = "/tmf-api/communicationManagement/v4";

    /**
     * A {@code CommunicationMessage_Create} to every customer of an element: one receiver stands
     * for them; the element is a characteristic (TMF681 has no related entity).
     */
    public static ObjectNode toMessageCreate(String resourceId, String content) {
        ObjectNode n = object();
        n.put("content", content);
        n.put("messageType", "email");
        n.put("subject", "Service notice: " + resourceId);
        ObjectNode sender = n.putObject("sender");
        sender.put("id", "noc");
        sender.put("name", "Network operations");
        ObjectNode receiver = n.putArray("receiver").addObject();
        receiver.put("id", "customers-of-" + resourceId);
        receiver.put("name", "customers served by " + resourceId);
        characteristic(n.putArray("characteristic"), "resourceId", resourceId);
        return n;
    }

    /** The element a message is about, and its text. */
    public record MessageRequest(String resourceId, String content) {}

    public static MessageRequest fromMessageCreate(JsonNode n) {
        requireObject(n, "body");
        String type = text(n, "messageType");
        if (!"email".equals(type)) {
            throw new TmfPayloadException("messageType", "type '" + type + "'", "email");
        }
        String resourceId =
                characteristicText(n.path("characteristic"), "resourceId", "characteristic");
        return new MessageRequest(resourceId, text(n, "content"));
    }

    public static ObjectNode toMessage(CommunicationMessage m) {
        ObjectNode n = toMessageCreate(m.resourceId(), m.content());
        n.put("id", m.id());
        n.put("href", m.href());
        n.put("messageType", m.messageType());
        n.put("state", m.state());
        n.put("sendTime", m.sendTime().toString());
        n.put("sendTimeComplete", m.sendTime().toString());
        ArrayNode ch = (ArrayNode) n.get("characteristic");
        characteristic(ch, "externalId", m.externalId());
        ObjectNode count = ch.addObject();
        count.put("name", "receiverCount");
        count.put("valueType", "integer");
        count.put("value", m.receiverCount());
        return n;
    }

    public static CommunicationMessage fromMessage(JsonNode n) {
        JsonNode ch = n.path("characteristic");
        JsonNode count = characteristicValue(ch, "receiverCount");
        if (count == null || !count.isIntegralNumber()) {
            throw new TmfPayloadException(
                    "characteristic[receiverCount]", "missing", "an integer characteristic");
        }
        return new CommunicationMessage(
                text(n, "id"),
                text(n, "href"),
                characteristicText(ch, "externalId", "characteristic"),
                characteristicText(ch, "resourceId", "characteristic"),
                text(n, "content"),
                text(n, "messageType"),
                text(n, "state"),
                count.asLong(),
                instant(n, "sendTime", "sendTime"));
    }

    // ------------------------------------------------------------------ TMF646 Appointment

    public static final String TMF646_BASE = "/tmf-api/appointment/v4";

    /**
     * The field workforce has no TMF646 resource (an appointment names its engineer as a related
     * party): it is served beside the TMF APIs under this operator extension path.
     */
    public static final String ENGINEERS_BASE = "/autonoc/v1/fieldEngineer";

    /**
     * An {@code Appointment_Create} for a job: the engineer is the related party of role {@value
     * #FIELD_ENGINEER}, the site the related place, the element (and the part to fit, if any)
     * related entities, the task the description, the on-site work the {@code validFor}.
     */
    public static ObjectNode toAppointmentCreate(AppointmentRequest r, String externalId) {
        ObjectNode n = object();
        n.put("@type", BookedAppointment.TYPE);
        n.put("@baseType", "Appointment");
        n.put("externalId", externalId);
        n.put("category", "fieldWork");
        n.put("description", r.task());
        n.set(
                "validFor",
                period(
                        new TimePeriod(
                                r.start(),
                                r.start().plus(dev.autonoc.tools.oss.Appointment.JOB_DURATION))));
        ObjectNode engineer = n.putArray("relatedParty").addObject();
        engineer.put("id", r.engineerId());
        engineer.put("role", FIELD_ENGINEER);
        engineer.put("@referredType", "Individual");
        ObjectNode place = n.putObject("relatedPlace");
        place.put("id", r.site());
        place.put("role", "interventionAddress");
        place.put("@referredType", "GeographicSite");
        ArrayNode entities = n.putArray("relatedEntity");
        ObjectNode element = entities.addObject();
        element.put("id", r.elementId());
        element.put("href", Resource.BASE_PATH + r.elementId());
        element.put("role", AFFECTED_RESOURCE);
        element.put("@referredType", "Resource");
        r.part()
                .ifPresent(
                        part -> {
                            ObjectNode p = entities.addObject();
                            p.put("id", part);
                            p.put("role", SPARE_PART);
                            p.put("@referredType", "ProductSpecification");
                        });
        return n;
    }

    public static final String FIELD_ENGINEER = "fieldEngineer";
    public static final String SPARE_PART = "sparePart";
    private static final String CALL_OUT = "CallOutCost";
    private static final String SHIFT = "ShiftCheck";
    private static final String DEPARTURE = "Departure";
    private static final String WORK_STATE = "WorkState";
    static final String CANCELLATION = "CancellationReason";

    public static AppointmentRequest fromAppointmentCreate(JsonNode n) {
        requireObject(n, "body");
        String engineer = null;
        JsonNode parties = n.path("relatedParty");
        for (int i = 0; i < parties.size(); i++) {
            if (FIELD_ENGINEER.equals(parties.get(i).path("role").asString(""))) {
                engineer = text(parties.get(i), "id", "relatedParty[" + i + "].id");
            }
        }
        if (engineer == null) {
            throw new TmfPayloadException(
                    "relatedParty",
                    "no party of role " + FIELD_ENGINEER,
                    "one {id: <engineer id>, role: \"" + FIELD_ENGINEER + "\"}");
        }
        Optional<String> part = Optional.empty();
        JsonNode entities = n.path("relatedEntity");
        for (int i = 0; i < entities.size(); i++) {
            if (SPARE_PART.equals(entities.get(i).path("role").asString(""))) {
                part = Optional.of(text(entities.get(i), "id", "relatedEntity[" + i + "].id"));
            }
        }
        return new AppointmentRequest(
                engineer,
                affectedElement(n),
                text(n.path("relatedPlace"), "id", "relatedPlace.id"),
                instant(n.path("validFor"), "startDateTime", "validFor.startDateTime"),
                text(n, "description"),
                part);
    }

    /**
     * The booked appointment as it is now; its call-out cost and whether it lies in the engineer's
     * shift, which TMF646 has no fields for, are notes of type {@value #CALL_OUT} and {@value
     * #SHIFT} written by the operator's system (never taken from outside text); so are when the
     * engineer leaves ({@value #DEPARTURE}, its {@code date}), the job's state ({@value
     * #WORK_STATE}: TMF's AppointmentStateType has no {@code inProgress}, which goes as {@code
     * confirmed}) and why it was cancelled ({@value #CANCELLATION}).
     */
    public static ObjectNode toAppointment(BookedAppointment a) {
        ObjectNode n = toAppointmentCreate(a.request(), a.externalId());
        n.put("id", a.id());
        n.put("href", a.href());
        n.put("@type", a.atType());
        n.put(
                "status",
                BookedAppointment.IN_PROGRESS.equals(a.status())
                        ? BookedAppointment.CONFIRMED
                        : a.status());
        n.set("validFor", period(a.validFor()));
        ArrayNode notes = n.putArray("note");
        ObjectNode cost = notes.addObject();
        cost.put("id", "call-out");
        cost.put("author", "operator");
        cost.put("text", a.cost().value() + " " + a.cost().unit());
        cost.put("@type", CALL_OUT);
        ObjectNode shift = notes.addObject();
        shift.put("id", "in-shift");
        shift.put("author", "operator");
        shift.put("text", String.valueOf(a.inShift()));
        shift.put("@type", SHIFT);
        ObjectNode departure = notes.addObject();
        departure.put("id", "departure");
        departure.put("author", "operator");
        departure.put("date", a.departure().toString());
        departure.put("text", "the engineer leaves for the site");
        departure.put("@type", DEPARTURE);
        ObjectNode state = notes.addObject();
        state.put("id", "work-state");
        state.put("author", "operator");
        state.put("text", a.status());
        state.put("@type", WORK_STATE);
        a.cancelReason()
                .ifPresent(
                        reason -> {
                            ObjectNode why = notes.addObject();
                            why.put("id", "cancellation");
                            why.put("author", "operator");
                            why.put("text", reason);
                            why.put("@type", CANCELLATION);
                        });
        return n;
    }

    public static BookedAppointment fromAppointment(JsonNode n) {
        String cost = null;
        String shift = null;
        Instant departure = null;
        String state = null;
        Optional<String> reason = Optional.empty();
        JsonNode notes = n.path("note");
        for (int i = 0; i < notes.size(); i++) {
            JsonNode note = notes.get(i);
            String type = note.path("@type").asString("");
            if (CALL_OUT.equals(type)) {
                cost = note.path("text").asString("");
            } else if (SHIFT.equals(type)) {
                shift = note.path("text").asString("");
            } else if (DEPARTURE.equals(type)) {
                departure = instant(note, "date", "note[" + i + "].date");
            } else if (WORK_STATE.equals(type)) {
                state = text(note, "text", "note[" + i + "].text");
            } else if (CANCELLATION.equals(type)) {
                reason = Optional.of(note.path("text").asString(""));
            }
        }
        if (cost == null || shift == null || !cost.matches("-?[0-9.E]+ \\S+")) {
            throw new TmfPayloadException(
                    "note",
                    "no call-out cost or shift check",
                    "notes of @type "
                            + CALL_OUT
                            + " (\"300.0 GBP\") and "
                            + SHIFT
                            + " (true|false)");
        }
        String status = state != null ? state : text(n, "status");
        if (!BookedAppointment.STATES.contains(status)) {
            throw new TmfPayloadException(
                    "status", "'" + status + "'", String.join(", ", BookedAppointment.STATES));
        }
        TimePeriod validFor =
                new TimePeriod(
                        instant(n.path("validFor"), "startDateTime", "validFor.startDateTime"),
                        instant(n.path("validFor"), "endDateTime", "validFor.endDateTime"));
        String[] money = cost.split(" ");
        return new BookedAppointment(
                text(n, "id"),
                text(n, "href"),
                text(n, "@type"),
                text(n, "externalId"),
                status,
                fromAppointmentCreate(n),
                validFor,
                departure != null ? departure : validFor.startDateTime(),
                new Money(Double.parseDouble(money[0]), money[1]),
                Boolean.parseBoolean(shift),
                BookedAppointment.CANCELLED.equals(status)
                        ? Optional.of(reason.orElse("cancelled"))
                        : Optional.empty());
    }

    static ObjectNode period(TimePeriod p) {
        ObjectNode o = object();
        o.put("startDateTime", p.startDateTime().toString());
        o.put("endDateTime", p.endDateTime().toString());
        return o;
    }

    static TimePeriod fromPeriod(JsonNode o, String at) {
        return new TimePeriod(
                instant(o, "startDateTime", at + ".startDateTime"),
                instant(o, "endDateTime", at + ".endDateTime"));
    }

    /** A field engineer, in the operator extension's shape (TMF646 has none). */
    public static ObjectNode toEngineer(FieldEngineer e) {
        ObjectNode n = object();
        n.put("id", e.id());
        n.put("region", e.region());
        ArrayNode skills = n.putArray("skills");
        e.skills().forEach(skills::add);
        ArrayNode days = n.putArray("shiftDays");
        e.shiftDays().stream().sorted().forEach(d -> days.add(d.name()));
        n.put("shiftStart", e.shiftStart().toString());
        n.put("shiftEnd", e.shiftEnd().toString());
        e.travelTime().ifPresent(t -> n.put("travelTimeMinutes", t.toMinutes()));
        ArrayNode booked = n.putArray("booked");
        e.booked().forEach(p -> booked.add(period(p)));
        ArrayNode unavailable = n.putArray("unavailable");
        e.unavailable().forEach(p -> unavailable.add(period(p)));
        return n;
    }

    public static FieldEngineer fromEngineer(JsonNode n) {
        List<String> skills = new ArrayList<>();
        n.path("skills").forEach(s -> skills.add(s.asString()));
        java.util.Set<java.time.DayOfWeek> days = new java.util.HashSet<>();
        n.path("shiftDays").forEach(d -> days.add(java.time.DayOfWeek.valueOf(d.asString())));
        List<TimePeriod> booked = new ArrayList<>();
        n.path("booked").forEach(p -> booked.add(fromPeriod(p, "booked")));
        List<TimePeriod> unavailable = new ArrayList<>();
        n.path("unavailable").forEach(p -> unavailable.add(fromPeriod(p, "unavailable")));
        return new FieldEngineer(
                text(n, "id"),
                text(n, "region"),
                skills,
                days,
                java.time.LocalTime.parse(text(n, "shiftStart")),
                java.time.LocalTime.parse(text(n, "shiftEnd")),
                n.has("travelTimeMinutes")
                        ? Optional.of(Duration.ofMinutes(n.get("travelTimeMinutes").asLong()))
                        : Optional.empty(),
                booked,
                unavailable);
    }

    // ------------------------------------------------------------------ TMF640 Service

    public static final String TMF640_BASE = "/tmf-api/ServiceActivationAndConfiguration/v4";

    /** The service state of a feasibility check: what {@code previewReroute} asks for. */
    public static final String FEASIBILITY = "feasibilityChecked";

    /**
     * A {@code Service_Create} for an action on an element ({@code reroute}, {@code restore},
     * {@code restart}): the action is the service specification, the element the supporting
     * resource. With state {@value #FEASIBILITY} it asks what the action would do, with no effect.
     */
    public static ObjectNode toActivationCreate(String action, String resourceId, boolean check) {
        ObjectNode n = object();
        n.put("@type", "TrafficAction");
        n.put("@baseType", "Service");
        n.put("name", action + " " + resourceId);
        n.put("category", "networkAction");
        n.put("state", check ? FEASIBILITY : "active");
        ObjectNode spec = n.putObject("serviceSpecification");
        spec.put("id", action);
        spec.put("name", action);
        spec.put("@referredType", "ServiceSpecification");
        n.set("supportingResource", resourceRefs(resourceId));
        return n;
    }

    /** An action asked for: what, on which element, and whether only as a feasibility check. */
    public record ActivationRequest(String action, String resourceId, boolean check) {}

    /**
     * The action of {@code preview_outage}: taking an element out of service, only ever asked about
     * (a feasibility check, see {@link TmfOutageJson}).
     */
    public static final String OUTAGE = "outage";

    public static final Set<String> ACTIONS =
            Set.of(
                    ActivationResult.REROUTE,
                    ActivationResult.RESTORE,
                    ActivationResult.RESTART,
                    OUTAGE);

    public static ActivationRequest fromActivationCreate(JsonNode n) {
        requireObject(n, "body");
        String action = text(n.path("serviceSpecification"), "id", "serviceSpecification.id");
        if (!ACTIONS.contains(action)) {
            throw new TmfPayloadException(
                    "serviceSpecification.id",
                    "unknown action '" + action + "'",
                    "reroute, restore, restart, outage (a feasibility check only)");
        }
        String state = text(n, "state");
        if (!state.equals("active") && !state.equals(FEASIBILITY)) {
            throw new TmfPayloadException(
                    "state",
                    "state '" + state + "'",
                    "active (do it) or "
                            + FEASIBILITY
                            + " (reroute or outage only: what it would do)");
        }
        if (state.equals(FEASIBILITY)
                && !action.equals(ActivationResult.REROUTE)
                && !action.equals(OUTAGE)) {
            throw new TmfPayloadException(
                    "state",
                    "a feasibility check of " + action,
                    "a feasibility check of reroute or outage only");
        }
        if (action.equals(OUTAGE) && !state.equals(FEASIBILITY)) {
            throw new TmfPayloadException(
                    "state",
                    "state '" + state + "' for an outage",
                    FEASIBILITY
                            + ": an outage is only asked about; take an element out with reroute"
                            + " or a job");
        }
        return new ActivationRequest(
                action,
                text(n.path("supportingResource").path(0), "id", "supportingResource[0].id"),
                state.equals(FEASIBILITY));
    }

    public static ObjectNode toActivation(ActivationResult a) {
        ObjectNode n = toActivationCreate(a.action(), a.resourceId(), false);
        n.put("id", a.id());
        n.put("href", TMF640_BASE + "/service/" + a.id());
        a.completionDate().ifPresent(d -> n.put("endDate", d.toString()));
        ArrayNode ch = n.putArray("serviceCharacteristic");
        characteristic(ch, "externalId", a.externalId());
        characteristic(ch, "monitorState", a.state());
        number(ch, "trafficGbps", a.trafficGbps());
        number(ch, "maxUtilization", a.maxUtilization());
        return n;
    }

    public static ActivationResult fromActivation(JsonNode n) {
        JsonNode ch = n.path("serviceCharacteristic");
        return new ActivationResult(
                text(n, "id"),
                characteristicText(ch, "externalId", "serviceCharacteristic"),
                text(n.path("supportingResource").path(0), "id", "supportingResource[0].id"),
                text(n.path("serviceSpecification"), "id", "serviceSpecification.id"),
                characteristicText(ch, "monitorState", "serviceCharacteristic"),
                characteristicNumber(ch, "trafficGbps"),
                characteristicNumber(ch, "maxUtilization"),
                n.hasNonNull("endDate")
                        ? Optional.of(instant(n, "endDate", "endDate"))
                        : Optional.empty());
    }

    public static ObjectNode toPreview(ReroutePreview p) {
        ObjectNode n = toActivationCreate(ActivationResult.REROUTE, p.resourceId(), true);
        ArrayNode ch = n.putArray("serviceCharacteristic");
        number(ch, "maxUtilizationAfter", p.maxUtilizationAfter());
        number(ch, "slicesBreached", p.slicesBreached());
        number(ch, "sitesIsolated", p.sitesIsolated());
        ObjectNode alt = ch.addObject();
        alt.put("name", "hasAlternatePath");
        alt.put("valueType", "boolean");
        alt.put("value", p.hasAlternatePath());
        return n;
    }

    public static ReroutePreview fromPreview(JsonNode n) {
        JsonNode ch = n.path("serviceCharacteristic");
        JsonNode alt = characteristicValue(ch, "hasAlternatePath");
        return new ReroutePreview(
                text(n.path("supportingResource").path(0), "id", "supportingResource[0].id"),
                characteristicNumber(ch, "maxUtilizationAfter"),
                (int) characteristicNumber(ch, "slicesBreached"),
                (int) characteristicNumber(ch, "sitesIsolated"),
                alt != null && alt.asBoolean());
    }

    static double characteristicNumber(JsonNode list, String name) {
        JsonNode v = characteristicValue(list, name);
        if (v == null || !v.isNumber()) {
            throw new TmfPayloadException(
                    "serviceCharacteristic[" + name + "]",
                    v == null ? "missing" : "value " + v,
                    "a number");
        }
        return v.asDouble();
    }

    // ------------------------------------------------------------------ TMF678 (extension)

    public static final String TMF678_BASE = "/tmf-api/customerBillManagement/v4";

    /**
     * A credit to apply. TMF678 v4 serves {@code appliedCustomerBillingRate} read-only; the twin
     * takes a POST of one there (the body is the spec's {@code AppliedCustomerBillingRate}, without
     * an id), an operator extension of the API.
     */
    public static ObjectNode toCreditCreate(String customerId, Money amount, String reason) {
        ObjectNode n = object();
        n.put("@type", AppliedCustomerBillingRate.TYPE);
        n.put("@baseType", "AppliedCustomerBillingRate");
        n.put("appliedBillingRateType", AppliedCustomerBillingRate.CREDIT);
        n.put("description", reason);
        n.set("taxExcludedAmount", money(amount));
        ObjectNode account = n.putObject("billingAccount");
        account.put("id", customerId);
        account.put("@referredType", "BillingAccount");
        return n;
    }

    /** A credit asked for. */
    public record CreditRequest(String customerId, Money amount, String reason) {}

    public static CreditRequest fromCreditCreate(JsonNode n) {
        requireObject(n, "body");
        String type = text(n, "appliedBillingRateType");
        if (!AppliedCustomerBillingRate.CREDIT.equals(type)) {
            throw new TmfPayloadException(
                    "appliedBillingRateType",
                    "type '" + type + "'",
                    AppliedCustomerBillingRate.CREDIT);
        }
        Money amount = fromMoney(n.path("taxExcludedAmount"), "taxExcludedAmount");
        if (amount.value() <= 0) {
            throw new TmfPayloadException(
                    "taxExcludedAmount.value", "credit of " + amount.value(), "a positive amount");
        }
        return new CreditRequest(
                text(n.path("billingAccount"), "id", "billingAccount.id"),
                amount,
                text(n, "description"));
    }

    public static ObjectNode toCredit(AppliedCustomerBillingRate c) {
        ObjectNode n = toCreditCreate(c.billingAccountId(), c.taxExcludedAmount(), c.description());
        n.put("id", c.id());
        n.put("href", c.href());
        n.put("@type", c.atType());
        n.put("date", c.date().toString());
        n.put("isBilled", false);
        characteristic(n.putArray("characteristic"), "externalId", c.externalId());
        return n;
    }

    public static AppliedCustomerBillingRate fromCredit(JsonNode n) {
        return new AppliedCustomerBillingRate(
                text(n, "id"),
                text(n, "href"),
                text(n, "@type"),
                characteristicText(n.path("characteristic"), "externalId", "characteristic"),
                text(n.path("billingAccount"), "id", "billingAccount.id"),
                text(n, "appliedBillingRateType"),
                text(n, "description"),
                instant(n, "date", "date"),
                fromMoney(n.path("taxExcludedAmount"), "taxExcludedAmount"));
    }

    // ------------------------------------------------------------------ telemetry (extension)

    public static ObjectNode toTelemetry(String id, List<TelemetrySample> samples) {
        ObjectNode n = object();
        n.put("resourceId", id);
        ArrayNode rows = n.putArray("sample");
        for (TelemetrySample s : samples) {
            ObjectNode o = rows.addObject();
            o.put("at", s.at().toString());
            ObjectNode values = o.putObject("value");
            for (Metric m : Metric.values()) {
                if (s.has(m)) {
                    values.put(m.name(), s.value(m));
                }
            }
        }
        return n;
    }

    public static List<TelemetrySample> fromTelemetry(JsonNode n) {
        ElementId element = ElementId.of(text(n, "resourceId"));
        List<TelemetrySample> samples = new ArrayList<>();
        JsonNode rows = n.path("sample");
        for (int i = 0; i < rows.size(); i++) {
            JsonNode o = rows.get(i);
            double[] values = TelemetrySample.emptyValues();
            JsonNode v = o.path("value");
            for (Metric m : Metric.values()) {
                if (v.has(m.name())) {
                    values[m.ordinal()] = v.get(m.name()).asDouble();
                }
            }
            samples.add(
                    new TelemetrySample(element, instant(o, "at", "sample[" + i + "].at"), values));
        }
        return samples;
    }

    // ------------------------------------------------------------------ shared pieces

    public static ObjectNode money(Money m) {
        ObjectNode o = object();
        o.put("unit", m.unit());
        o.put("value", m.value());
        return o;
    }

    public static Money fromMoney(JsonNode n, String at) {
        if (!n.path("value").isNumber()) {
            throw new TmfPayloadException(at + ".value", "not a number", "a number");
        }
        return new Money(n.get("value").asDouble(), text(n, "unit", at + ".unit"));
    }

    static void characteristic(ArrayNode list, String name, String value) {
        ObjectNode o = list.addObject();
        o.put("name", name);
        o.put("valueType", "string");
        o.put("value", value);
    }

    static void number(ArrayNode list, String name, double value) {
        ObjectNode o = list.addObject();
        o.put("name", name);
        o.put("valueType", "number");
        o.put("value", value);
    }

    static JsonNode characteristicValue(JsonNode list, String name) {
        for (JsonNode c : list) {
            if (name.equals(c.path("name").asString(""))) {
                return c.get("value");
            }
        }
        return null;
    }

    static String characteristicText(JsonNode list, String name, String at) {
        JsonNode v = characteristicValue(list, name);
        if (v == null || !v.isString() || v.asString().isBlank()) {
            throw new TmfPayloadException(
                    at + "[" + name + "]",
                    v == null ? "missing characteristic" : "value " + v,
                    "a characteristic {name: \"" + name + "\", value: <non-blank string>}");
        }
        return v.asString();
    }

    static void requireObject(JsonNode n, String at) {
        if (n == null || !n.isObject()) {
            throw new TmfPayloadException(at, "not a JSON object", "a JSON object");
        }
    }

    static String text(JsonNode n, String field) {
        return text(n, field, field);
    }

    static String text(JsonNode n, String field, String at) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || v.isNull()) {
            throw new TmfPayloadException(at, "missing", "a non-blank string");
        }
        if (!v.isString() || v.asString().isBlank()) {
            throw new TmfPayloadException(at, "value " + v, "a non-blank string");
        }
        return v.asString();
    }

    static Instant instant(JsonNode n, String field, String at) {
        String s = text(n, field, at);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new TmfPayloadException(
                    at, "'" + s + "' is not a time", "an ISO-8601 instant (2025-01-06T10:00:00Z)");
        }
    }
}
