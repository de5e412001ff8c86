package dev.autonoc.tools.http;

import static dev.autonoc.tools.http.ServiceInventoryJson.resourceRefs;
import static dev.autonoc.tools.http.TmfJson.characteristic;
import static dev.autonoc.tools.http.TmfJson.characteristicText;
import static dev.autonoc.tools.http.TmfJson.characteristicValue;
import static dev.autonoc.tools.http.TmfJson.instant;
import static dev.autonoc.tools.http.TmfJson.number;
import static dev.autonoc.tools.http.TmfJson.object;
import static dev.autonoc.tools.http.TmfJson.requireObject;
import static dev.autonoc.tools.http.TmfJson.text;

import dev.autonoc.tools.oss.ActivationResult;
import dev.autonoc.tools.oss.OutagePreview;
import dev.autonoc.tools.oss.ReroutePreview;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * TMF640 ServiceActivation: a restart, a reroute and its preview, and the what-if of an outage (a
 * feasibility check). Each {@code to...} method builds the TMF JSON; each {@code from...} method
 * reads it and throws {@link TmfPayloadException} naming the field that was wrong.
 */
public final class ServiceActivationJson {

    public static final String TMF640_BASE = "/tmf-api/ServiceActivationAndConfiguration/v4";

    /** The service state of a feasibility check: what {@code previewReroute} asks for. */
    public static final String FEASIBILITY = "feasibilityChecked";

    private ServiceActivationJson() {}

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
     * (a feasibility check, see {@link #toOutageCheck}).
     */
    public static final String OUTAGE = "outage";

    static final Set<String> ACTIONS =
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

    static ReroutePreview fromPreview(JsonNode n) {
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

    // ------------------------------------------------------------------ preview_outage
    //
    // A feasibility check (state FEASIBILITY) of the action OUTAGE on the element, asking with the
    // characteristics at and durationMinutes; the answer carries the preview's figures as
    // characteristics: numbers, overloadedLinks as an object (link id to utilisation) and
    // elementsOut as a comma-separated text.

    /** What is asked: which element, from when, for how long. */
    public record OutageRequest(String resourceId, Instant at, Duration duration) {}

    static ObjectNode toOutageCheck(String resourceId, Instant at, Duration duration) {
        ObjectNode n = toActivationCreate(OUTAGE, resourceId, true);
        ArrayNode ch = n.putArray("serviceCharacteristic");
        TmfJson.characteristic(ch, "at", at.toString());
        TmfJson.number(ch, "durationMinutes", duration.toMinutes());
        return n;
    }

    public static OutageRequest fromOutageCheck(JsonNode n) {
        ActivationRequest a = fromActivationCreate(n);
        if (!a.action().equals(OUTAGE)) {
            throw new TmfPayloadException(
                    "serviceSpecification.id", "action '" + a.action() + "'", OUTAGE);
        }
        JsonNode ch = n.path("serviceCharacteristic");
        String at = TmfJson.characteristicText(ch, "at", "serviceCharacteristic");
        Instant when;
        try {
            when = Instant.parse(at);
        } catch (java.time.format.DateTimeParseException e) {
            throw new TmfPayloadException(
                    "serviceCharacteristic[at]",
                    "'" + at + "' is not a time",
                    "an ISO-8601 instant (2025-01-06T10:00:00Z)");
        }
        double minutes = characteristicNumber(ch, "durationMinutes");
        if (!(minutes >= 1) || minutes != Math.rint(minutes)) {
            throw new TmfPayloadException(
                    "serviceCharacteristic[durationMinutes]",
                    "value " + minutes,
                    "a whole number of minutes >= 1");
        }
        return new OutageRequest(a.resourceId(), when, Duration.ofMinutes((long) minutes));
    }

    public static ObjectNode toOutagePreview(OutagePreview p) {
        ObjectNode n = toActivationCreate(OUTAGE, p.resourceId(), true);
        ArrayNode ch = n.putArray("serviceCharacteristic");
        TmfJson.characteristic(ch, "at", p.at().toString());
        TmfJson.number(ch, "durationMinutes", p.duration().toMinutes());
        TmfJson.number(ch, "loadFactor", p.loadFactor());
        TmfJson.number(ch, "maxUtilizationAfter", p.maxUtilizationAfter());
        TmfJson.number(ch, "peakMaxUtilizationAfter", p.peakMaxUtilizationAfter());
        ObjectNode links = ch.addObject();
        links.put("name", "overloadedLinks");
        links.put("valueType", "object");
        ObjectNode byLink = links.putObject("value");
        p.overloadedLinks().forEach(byLink::put);
        TmfJson.number(ch, "sitesIsolated", p.sitesIsolated());
        TmfJson.number(ch, "consumersCut", p.consumersCut());
        TmfJson.number(ch, "slicesBreached", p.slicesBreached());
        TmfJson.number(ch, "customerMinutes", p.customerMinutes());
        TmfJson.characteristic(ch, "elementsOut", String.join(",", p.elementsOut()));
        return n;
    }

    static OutagePreview fromOutagePreview(JsonNode n) {
        JsonNode ch = n.path("serviceCharacteristic");
        JsonNode links = TmfJson.characteristicValue(ch, "overloadedLinks");
        if (links == null || !links.isObject()) {
            throw new TmfPayloadException(
                    "serviceCharacteristic[overloadedLinks]",
                    links == null ? "missing" : "value " + links,
                    "an object of link id to utilisation");
        }
        Map<String, Double> overloaded = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : links.properties()) {
            if (!e.getValue().isNumber()) {
                throw new TmfPayloadException(
                        "serviceCharacteristic[overloadedLinks]." + e.getKey(),
                        "value " + e.getValue(),
                        "a number");
            }
            overloaded.put(e.getKey(), e.getValue().asDouble());
        }
        JsonNode out = TmfJson.characteristicValue(ch, "elementsOut");
        if (out == null || !out.isString()) {
            throw new TmfPayloadException(
                    "serviceCharacteristic[elementsOut]",
                    out == null ? "missing" : "value " + out,
                    "a comma-separated list of element ids");
        }
        List<String> elementsOut =
                out.asString().isEmpty()
                        ? List.of()
                        : new ArrayList<>(Arrays.asList(out.asString().split(",")));
        return new OutagePreview(
                text(n.path("supportingResource").path(0), "id", "supportingResource[0].id"),
                Instant.parse(TmfJson.characteristicText(ch, "at", "serviceCharacteristic")),
                Duration.ofMinutes((long) characteristicNumber(ch, "durationMinutes")),
                characteristicNumber(ch, "loadFactor"),
                characteristicNumber(ch, "maxUtilizationAfter"),
                characteristicNumber(ch, "peakMaxUtilizationAfter"),
                overloaded,
                (int) characteristicNumber(ch, "sitesIsolated"),
                (long) characteristicNumber(ch, "consumersCut"),
                (int) characteristicNumber(ch, "slicesBreached"),
                characteristicNumber(ch, "customerMinutes"),
                elementsOut);
    }
}
