package dev.autonoc.simulators;

import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.tools.oss.Resource;
import dev.autonoc.tools.oss.ResourceInventory;
import dev.autonoc.tools.oss.ResourceLink;
import dev.autonoc.tools.oss.ResourceState;
import dev.autonoc.tools.oss.ResourceTopology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * TMF639 over the twin: the topology, an element as a resource and its state, and its telemetry.
 * Acting calls run once per key through {@link TwinEdge}, under the world's lock.
 */
final class TwinResourceInventory implements ResourceInventory {

    private final TwinEdge edge;
    private final World world;

    TwinResourceInventory(TwinEdge edge) {
        this.edge = edge;
        this.world = edge.world();
    }

    @Override
    public ResourceTopology topology() {
        return edge.read(
                API,
                () -> {
                    Topology t = world.topology;
                    List<Resource> resources = new ArrayList<>();
                    for (int i = 0; i < t.size(); i++) {
                        resources.add(edge.resource(i));
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
            Integer e = edge.lookup(id);
            return e == null ? Optional.empty() : Optional.of(edge.resource(e));
        }
    }

    @Override
    public Optional<ResourceState> resourceState(String id) {
        synchronized (world) {
            Integer e = edge.lookup(id);
            if (e == null) {
                return Optional.empty();
            }
            Outages.Analysis a = edge.analyse(e);
            return Optional.of(
                    new ResourceState(edge.resource(e), edge.alternate(e, a), world.trafficNow(e)));
        }
    }

    @Override
    public List<TelemetrySample> telemetry(String id, int samples) {
        return edge.read(
                API, () -> world.recentSamples(edge.element(id), Math.min(samples, World.WINDOW)));
    }
}
