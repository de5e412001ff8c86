package dev.autonoc.simulators.http;

import dev.autonoc.tools.http.ResourceInventoryJson;
import dev.autonoc.tools.http.TmfJson;
import dev.autonoc.tools.http.TmfPayloadException;
import dev.autonoc.tools.oss.OssBss;
import dev.autonoc.tools.oss.Resource;
import dev.autonoc.tools.oss.ResourceLink;
import dev.autonoc.tools.oss.ResourceState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;

/**
 * TMF639 at the HTTP façade: the resources with their links, one as it is now, and its telemetry
 * (an operator extension).
 */
final class ResourceInventoryHandler {

    private final OssBss oss;
    private static final int MAX_SAMPLES = 288;

    private Map<String, ResourceLink> links;

    ResourceInventoryHandler(OssBss oss) {
        this.oss = oss;
    }

    TmfReply listResources(TmfRequest r) {
        var topology = oss.resourceInventory().topology();
        ArrayNode list = TmfJson.mapper().createArrayNode();
        Map<String, ResourceLink> byId = links();
        for (Resource resource : topology.resources()) {
            list.add(
                    ResourceInventoryJson.toResource(
                            resource,
                            Optional.ofNullable(byId.get(resource.id())),
                            Optional.empty()));
        }
        return TmfReply.ok(200, list);
    }

    TmfReply getResource(TmfRequest r) {
        Optional<ResourceState> state = oss.resourceInventory().resourceState(r.id());
        return state.map(
                        s ->
                                TmfReply.ok(
                                        200,
                                        ResourceInventoryJson.toResource(
                                                s.resource(),
                                                Optional.ofNullable(links().get(r.id())),
                                                Optional.of(s))))
                .orElseGet(() -> TmfReply.noSuch("resource", r.id()));
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

    /** How the element's neighbours see the links to it (an operator extension, as telemetry). */
    TmfReply neighbourViews(TmfRequest r) {
        return TmfReply.ok(
                200,
                ResourceInventoryJson.toNeighbourViews(
                        r.id(), oss.resourceInventory().neighbourViews(r.id())));
    }

    TmfReply telemetry(TmfRequest r) {
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
        return TmfReply.ok(
                200,
                ResourceInventoryJson.toTelemetry(
                        r.id(), oss.resourceInventory().telemetry(r.id(), samples)));
    }
}
