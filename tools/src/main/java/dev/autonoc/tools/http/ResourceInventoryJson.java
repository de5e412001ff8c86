package dev.autonoc.tools.http;

import static dev.autonoc.tools.http.TmfJson.characteristic;
import static dev.autonoc.tools.http.TmfJson.characteristicText;
import static dev.autonoc.tools.http.TmfJson.characteristicValue;
import static dev.autonoc.tools.http.TmfJson.instant;
import static dev.autonoc.tools.http.TmfJson.number;
import static dev.autonoc.tools.http.TmfJson.object;
import static dev.autonoc.tools.http.TmfJson.requireObject;
import static dev.autonoc.tools.http.TmfJson.text;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.tools.oss.NeighbourView;
import dev.autonoc.tools.oss.Resource;
import dev.autonoc.tools.oss.ResourceLink;
import dev.autonoc.tools.oss.ResourceState;
import dev.autonoc.tools.oss.ResourceStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * TMF639 ResourceInventory: an element, its state and its links; and its telemetry, which TMF639
 * has no resource for (an operator extension). Each {@code to...} method builds the TMF JSON; each
 * {@code from...} method reads it and throws {@link TmfPayloadException} naming the field that was
 * wrong.
 */
public final class ResourceInventoryJson {

    /** The TMF639 base path, as the spec declares it. */
    public static final String TMF639_BASE = "/tmf-api/resourceInventoryManagement/v4";

    /**
     * Telemetry has no TMF639 resource (TMF628 Performance would carry it): it is served beside the
     * TMF APIs under this operator extension path.
     */
    public static final String TELEMETRY_BASE = "/autonoc/v1/telemetry";

    /**
     * How an element's neighbours see the links to it, read at their own interfaces (get_neighbour
     * _view; docs/data-quality.md): TMF639 has no resource for it either, so it is served under
     * this operator extension path, beside the telemetry.
     */
    public static final String NEIGHBOUR_VIEW_BASE = "/autonoc/v1/neighbourView";

    private ResourceInventoryJson() {}

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

    static Resource fromResource(JsonNode n) {
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
    static Optional<ResourceLink> linkOf(JsonNode n) {
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

    static ResourceState fromResourceState(JsonNode n) {
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
    static String status(ResourceStatus s) {
        return switch (s) {
            case UP -> "available";
            case DOWN -> "alarm";
            case UNDER_WORK -> "suspended";
            case DRAINED -> "standby";
        };
    }

    static ResourceStatus fromStatus(String s) {
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

    // ------------------------------------------------------------- neighbour views (extension)

    public static ObjectNode toNeighbourViews(String id, List<NeighbourView> views) {
        ObjectNode n = object();
        n.put("resourceId", id);
        ArrayNode rows = n.putArray("view");
        for (NeighbourView v : views) {
            ObjectNode o = rows.addObject();
            o.put("neighbourId", v.neighbourId());
            o.put("linkId", v.linkId());
            o.put("adjacency", v.adjacencyUp() ? "UP" : "DOWN");
            o.put("at", v.at().toString());
            ObjectNode values = o.putObject("reading");
            v.readings().entrySet().stream()
                    .sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> values.put(e.getKey(), e.getValue()));
        }
        return n;
    }

    static List<NeighbourView> fromNeighbourViews(JsonNode n) {
        List<NeighbourView> views = new ArrayList<>();
        JsonNode rows = n.path("view");
        if (!rows.isArray()) {
            throw new TmfPayloadException("view", "missing", "an array of neighbour views");
        }
        for (int i = 0; i < rows.size(); i++) {
            JsonNode o = rows.get(i);
            String at = "view[" + i + "]";
            String adjacency = text(o, "adjacency", at + ".adjacency");
            if (!adjacency.equals("UP") && !adjacency.equals("DOWN")) {
                throw new TmfPayloadException(
                        at + ".adjacency", "'" + adjacency + "'", "UP or DOWN");
            }
            java.util.Map<String, Double> readings = new java.util.HashMap<>();
            JsonNode r = o.path("reading");
            for (Metric m : Metric.values()) {
                JsonNode v = r.get(m.key());
                if (v != null && !v.isNull()) {
                    if (!v.isNumber()) {
                        throw new TmfPayloadException(
                                at + ".reading." + m.key(), "value " + v, "a number");
                    }
                    readings.put(m.key(), v.asDouble());
                }
            }
            views.add(
                    new NeighbourView(
                            text(o, "neighbourId", at + ".neighbourId"),
                            text(o, "linkId", at + ".linkId"),
                            adjacency.equals("UP"),
                            instant(o, "at", at + ".at"),
                            readings));
        }
        return views;
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

    static List<TelemetrySample> fromTelemetry(JsonNode n) {
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
}
