package dev.autonoc.simulators;

import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.tools.oss.NeighbourView;
import dev.autonoc.tools.oss.Resource;
import dev.autonoc.tools.oss.ResourceInventory;
import dev.autonoc.tools.oss.ResourceLink;
import dev.autonoc.tools.oss.ResourceState;
import dev.autonoc.tools.oss.ResourceStatus;
import dev.autonoc.tools.oss.ResourceTopology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TMF639 over the twin: the topology, an element as a resource and its state, and its telemetry.
 * Acting calls run once per key through {@link TwinEdge}, under the world's lock.
 */
final class TwinResourceInventory implements ResourceInventory {

    private final TwinEdge edge;
    private final World world;

    /** INVENTORY_DRIFT: what the inventory says of an element, from when (run's start + from). */
    private final Map<Integer, Disturbance.InventoryDrift> drift = new HashMap<>();

    TwinResourceInventory(TwinEdge edge) {
        this.edge = edge;
        this.world = edge.world();
        for (Disturbance d : world.spec.disturbances()) {
            if (d instanceof Disturbance.InventoryDrift i) {
                drift.put(edge.lookup(i.element()), i);
            }
        }
    }

    /** What the inventory says of the element now, when it disagrees with the network. */
    private Optional<Disturbance.InventoryDrift.Says> drifted(int e) {
        Disturbance.InventoryDrift i = drift.get(e);
        if (i == null || world.now().isBefore(world.spec.start().plus(i.from()))) {
            return Optional.empty();
        }
        return Optional.of(i.says());
    }

    /** The element as the inventory lists it: absent, or with the state it wrongly records. */
    private Optional<Resource> listed(int e) {
        Optional<Disturbance.InventoryDrift.Says> says = drifted(e);
        if (says.isEmpty()) {
            return Optional.of(edge.resource(e));
        }
        if (says.get() == Disturbance.InventoryDrift.Says.MISSING) {
            return Optional.empty();
        }
        Resource r = edge.resource(e);
        return Optional.of(
                new Resource(
                        r.id(), r.category(), r.role(), r.region(), r.site(), ResourceStatus.DOWN));
    }

    @Override
    public ResourceTopology topology() {
        return edge.read(
                API,
                () -> {
                    Topology t = world.topology;
                    List<Resource> resources = new ArrayList<>();
                    for (int i = 0; i < t.size(); i++) {
                        listed(i).ifPresent(resources::add);
                    }
                    resources.sort(Comparator.comparing(Resource::id));
                    List<ResourceLink> links = new ArrayList<>();
                    for (int l : t.links) {
                        if (listed(l).isEmpty()) {
                            continue;
                        }
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
            return e == null ? Optional.empty() : listed(e);
        }
    }

    @Override
    public Optional<ResourceState> resourceState(String id) {
        synchronized (world) {
            Integer e = edge.lookup(id);
            Optional<Resource> listed = e == null ? Optional.empty() : listed(e);
            if (listed.isEmpty()) {
                return Optional.empty();
            }
            Outages.Analysis a = edge.cutOff(e);
            return Optional.of(
                    new ResourceState(listed.get(), edge.alternate(e, a), world.trafficNow(e)));
        }
    }

    @Override
    public List<TelemetrySample> telemetry(String id, int samples) {
        return edge.read(
                API, () -> world.recentSamples(edge.element(id), Math.min(samples, World.WINDOW)));
    }

    /**
     * Each neighbour's view of the link to the element, polled at the neighbour: the link's true
     * readings now (the element's own stuck sensor or drifting clock, and the collector's gaps,
     * spikes and delays, do not reach a neighbour's interface), and whether the adjacency is up
     * (the neighbour, the link and the far end all running).
     */
    @Override
    public List<NeighbourView> neighbourViews(String id) {
        return edge.read(
                API,
                () -> {
                    int e = edge.element(id);
                    Topology t = world.topology;
                    List<NeighbourView> out = new ArrayList<>();
                    if (t.element(e).kind() == ElementKind.LINK) {
                        out.add(view(t.linkA[e], e, t.linkB[e]));
                        out.add(view(t.linkB[e], e, t.linkA[e]));
                    } else if (t.routerLinks[e] != null) {
                        for (int l : t.routerLinks[e]) {
                            out.add(view(t.linkA[l] == e ? t.linkB[l] : t.linkA[l], l, e));
                        }
                    }
                    out.sort(Comparator.comparing(NeighbourView::neighbourId));
                    return out;
                });
    }

    /** How {@code neighbour} sees {@code link}, whose far end is {@code far}. */
    private NeighbourView view(int neighbour, int link, int far) {
        boolean up = running(neighbour) && running(link) && running(far);
        Map<String, Double> readings = new HashMap<>();
        Optional<TelemetrySample> reading = world.trueReading(link);
        if (running(neighbour)) {
            reading.ifPresent(
                    r -> {
                        for (Metric m : Metric.reportedBy(ElementKind.LINK)) {
                            if (r.has(m)) {
                                readings.put(m.key(), r.value(m));
                            }
                        }
                    });
        }
        return new NeighbourView(
                world.topology.element(neighbour).id().value(),
                world.topology.element(link).id().value(),
                up,
                world.now(),
                readings);
    }

    private boolean running(int e) {
        return !world.states.isFailed(e) && !world.states.isRestarting(e);
    }
}
