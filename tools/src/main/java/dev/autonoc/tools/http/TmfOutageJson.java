package dev.autonoc.tools.http;

import static dev.autonoc.tools.http.TmfJson.text;

import dev.autonoc.tools.oss.OutagePreview;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code preview_outage} over TMF640, beside {@link TmfJson}: a feasibility check (state {@value
 * TmfJson#FEASIBILITY}) of the action {@value TmfJson#OUTAGE} on the element, asking with the
 * characteristics {@code at} and {@code durationMinutes}; the answer carries the preview's figures
 * as characteristics: numbers, {@code overloadedLinks} as an object (link id to utilisation) and
 * {@code elementsOut} as a comma-separated text.
 */
public final class TmfOutageJson {

    private TmfOutageJson() {}

    /** What is asked: which element, from when, for how long. */
    public record OutageRequest(String resourceId, Instant at, Duration duration) {}

    public static ObjectNode toOutageCheck(String resourceId, Instant at, Duration duration) {
        ObjectNode n = TmfJson.toActivationCreate(TmfJson.OUTAGE, resourceId, true);
        ArrayNode ch = n.putArray("serviceCharacteristic");
        TmfJson.characteristic(ch, "at", at.toString());
        TmfJson.number(ch, "durationMinutes", duration.toMinutes());
        return n;
    }

    public static OutageRequest fromOutageCheck(JsonNode n) {
        TmfJson.ActivationRequest a = TmfJson.fromActivationCreate(n);
        if (!a.action().equals(TmfJson.OUTAGE)) {
            throw new TmfPayloadException(
                    "serviceSpecification.id", "action '" + a.action() + "'", TmfJson.OUTAGE);
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
        double minutes = TmfJson.characteristicNumber(ch, "durationMinutes");
        if (!(minutes >= 1) || minutes != Math.rint(minutes)) {
            throw new TmfPayloadException(
                    "serviceCharacteristic[durationMinutes]",
                    "value " + minutes,
                    "a whole number of minutes >= 1");
        }
        return new OutageRequest(a.resourceId(), when, Duration.ofMinutes((long) minutes));
    }

    public static ObjectNode toOutagePreview(OutagePreview p) {
        ObjectNode n = TmfJson.toActivationCreate(TmfJson.OUTAGE, p.resourceId(), true);
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

    public static OutagePreview fromOutagePreview(JsonNode n) {
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
                Duration.ofMinutes((long) TmfJson.characteristicNumber(ch, "durationMinutes")),
                TmfJson.characteristicNumber(ch, "loadFactor"),
                TmfJson.characteristicNumber(ch, "maxUtilizationAfter"),
                TmfJson.characteristicNumber(ch, "peakMaxUtilizationAfter"),
                overloaded,
                (int) TmfJson.characteristicNumber(ch, "sitesIsolated"),
                (long) TmfJson.characteristicNumber(ch, "consumersCut"),
                (int) TmfJson.characteristicNumber(ch, "slicesBreached"),
                TmfJson.characteristicNumber(ch, "customerMinutes"),
                elementsOut);
    }
}
