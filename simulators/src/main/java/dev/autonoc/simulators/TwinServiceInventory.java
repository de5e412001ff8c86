package dev.autonoc.simulators;

import dev.autonoc.tools.oss.ServiceImpact;
import dev.autonoc.tools.oss.ServiceInventory;

/**
 * TMF638 over the twin: what an element carries, as the customers and slices losing it would hit.
 * Acting calls run once per key through {@link TwinEdge}, under the world's lock.
 */
final class TwinServiceInventory implements ServiceInventory {

    private final TwinEdge edge;

    TwinServiceInventory(TwinEdge edge) {
        this.edge = edge;
    }

    @Override
    public ServiceImpact impactOf(String resourceId) {
        return edge.read(
                API,
                () -> {
                    int e = edge.element(resourceId);
                    Outages.Analysis a = edge.analyse(e);
                    return new ServiceImpact(
                            resourceId,
                            edge.alternate(e, a),
                            a.consumers(),
                            a.slicesHit().stream().map(TwinEdge::slice).toList());
                });
    }
}
