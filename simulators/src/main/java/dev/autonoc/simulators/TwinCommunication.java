package dev.autonoc.simulators;

import dev.autonoc.tools.oss.Communication;
import dev.autonoc.tools.oss.CommunicationMessage;

/**
 * TMF681 over the twin: a notice to the customers an element carries. Acting calls run once per key
 * through {@link TwinEdge}, under the world's lock.
 */
final class TwinCommunication implements Communication {

    private final TwinEdge edge;
    private final World world;
    private int messages;

    TwinCommunication(TwinEdge edge) {
        this.edge = edge;
        this.world = edge.world();
    }

    @Override
    public CommunicationMessage notifyCustomers(
            String resourceId, String content, String idempotencyKey) {
        return edge.once(
                API,
                idempotencyKey,
                () -> {
                    int e = edge.element(resourceId);
                    Outages.Analysis a = edge.analyse(e);
                    long receivers =
                            a.consumers()
                                    + a.slicesHit().stream()
                                            .map(Customers.Slice::customerId)
                                            .distinct()
                                            .count();
                    return new CommunicationMessage(
                            String.format("msg-%04d", ++messages),
                            idempotencyKey,
                            resourceId,
                            content,
                            receivers,
                            world.now());
                });
    }
}
