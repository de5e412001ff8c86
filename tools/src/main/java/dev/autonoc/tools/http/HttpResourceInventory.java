package dev.autonoc.tools.http;

import static dev.autonoc.tools.http.HttpTroubleTicket.encode;
import static dev.autonoc.tools.http.ResourceInventoryJson.TMF639_BASE;

import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.core.tool.ToolResult.Outcome;
import dev.autonoc.tools.oss.NeighbourView;
import dev.autonoc.tools.oss.OssException;
import dev.autonoc.tools.oss.Resource;
import dev.autonoc.tools.oss.ResourceInventory;
import dev.autonoc.tools.oss.ResourceLink;
import dev.autonoc.tools.oss.ResourceState;
import dev.autonoc.tools.oss.ResourceTopology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/** TMF639 over HTTP; telemetry over the operator's extension path beside it. */
final class HttpResourceInventory implements ResourceInventory {

    private static final String PATH = TMF639_BASE + "/resource";

    private final HttpTmf http;

    HttpResourceInventory(HttpTmf http) {
        this.http = http;
    }

    @Override
    public ResourceTopology topology() {
        JsonNode list = http.get(API, PATH);
        return parse(
                () -> {
                    List<Resource> resources = new ArrayList<>();
                    List<ResourceLink> links = new ArrayList<>();
                    for (JsonNode n : list) {
                        resources.add(ResourceInventoryJson.fromResource(n));
                        ResourceInventoryJson.linkOf(n).ifPresent(links::add);
                    }
                    resources.sort(Comparator.comparing(Resource::id));
                    links.sort(Comparator.comparing(ResourceLink::id));
                    return new ResourceTopology(resources, links);
                });
    }

    @Override
    public Optional<Resource> findResource(String id) {
        return resourceState(id).map(ResourceState::resource);
    }

    @Override
    public Optional<ResourceState> resourceState(String id) {
        return http.find(API, PATH + "/" + encode(id))
                .map(n -> parse(() -> ResourceInventoryJson.fromResourceState(n)));
    }

    @Override
    public List<TelemetrySample> telemetry(String id, int samples) {
        JsonNode n =
                http.get(
                        API,
                        ResourceInventoryJson.TELEMETRY_BASE
                                + "/"
                                + encode(id)
                                + "?samples="
                                + samples);
        return parse(() -> ResourceInventoryJson.fromTelemetry(n));
    }

    /**
     * From the operator extension {@value ResourceInventoryJson#NEIGHBOUR_VIEW_BASE}. A 404 (an
     * unknown element, or an inventory that does not offer the extension: the answer's detail says
     * which) is INVALID with the inventory's words, as an unknown element is in process.
     */
    @Override
    public List<NeighbourView> neighbourViews(String id) {
        JsonNode n = http.get(API, ResourceInventoryJson.NEIGHBOUR_VIEW_BASE + "/" + encode(id));
        return parse(() -> ResourceInventoryJson.fromNeighbourViews(n));
    }

    private static <T> T parse(Supplier<T> read) {
        try {
            return read.get();
        } catch (TmfPayloadException e) {
            throw new OssException(
                    API, "malformed Resource: " + e.getMessage(), Outcome.UNCERTAIN, e);
        }
    }
}
