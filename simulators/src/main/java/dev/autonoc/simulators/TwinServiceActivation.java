package dev.autonoc.simulators;

import dev.autonoc.tools.oss.ActivationResult;
import dev.autonoc.tools.oss.OutagePreview;
import dev.autonoc.tools.oss.ReroutePreview;
import dev.autonoc.tools.oss.ServiceActivation;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * TMF640 over the twin: previews of a reroute and of an outage, and the reroute, restore and
 * restart themselves. Acting calls run once per key through {@link TwinEdge}, under the world's
 * lock.
 */
final class TwinServiceActivation implements ServiceActivation {

    private final TwinEdge edge;
    private final World world;
    private final Outages outages;
    private int activations;

    TwinServiceActivation(TwinEdge edge) {
        this.edge = edge;
        this.world = edge.world();
        this.outages = edge.outages();
    }

    @Override
    public ReroutePreview previewReroute(String resourceId) {
        return edge.read(
                API,
                () -> {
                    int e = edge.element(resourceId);
                    Outages.Analysis a = edge.cutOff(e);
                    return new ReroutePreview(
                            resourceId,
                            a.maxUtilisationAfter(),
                            a.slicesBreached(),
                            a.sitesIsolated(),
                            edge.alternate(e, a));
                });
    }

    @Override
    public OutagePreview previewOutage(String resourceId, Instant at, Duration duration) {
        return edge.read(
                API,
                () -> {
                    if (duration.isNegative() || duration.isZero()) {
                        throw TwinRefusal.invalid(
                                "an outage lasts a positive time, got " + duration);
                    }
                    return outages.preview(edge.element(resourceId), at, duration);
                });
    }

    private String activationId() {
        return String.format("act-%04d", ++activations);
    }

    @Override
    public ActivationResult reroute(String resourceId, String idempotencyKey) {
        return edge.once(
                API,
                idempotencyKey,
                () -> {
                    int e = edge.element(resourceId);
                    double moved = world.drain(e);
                    return new ActivationResult(
                            activationId(),
                            idempotencyKey,
                            resourceId,
                            ActivationResult.REROUTE,
                            "completed",
                            moved,
                            world.maxUtilisationNow(),
                            Optional.empty());
                });
    }

    @Override
    public ActivationResult restore(String resourceId, String idempotencyKey) {
        return edge.once(
                API,
                idempotencyKey,
                () -> {
                    int e = edge.element(resourceId);
                    double back = world.undrain(e);
                    return new ActivationResult(
                            activationId(),
                            idempotencyKey,
                            resourceId,
                            ActivationResult.RESTORE,
                            "completed",
                            back,
                            world.maxUtilisationNow(),
                            Optional.empty());
                });
    }

    @Override
    public ActivationResult restart(String resourceId, String idempotencyKey) {
        return edge.once(
                API,
                idempotencyKey,
                () -> {
                    int e = edge.element(resourceId);
                    double before = world.trafficNow(e);
                    Instant end = world.restart(e);
                    return new ActivationResult(
                            activationId(),
                            idempotencyKey,
                            resourceId,
                            ActivationResult.RESTART,
                            "in_progress",
                            before,
                            world.maxUtilisationNow(),
                            Optional.of(end));
                });
    }
}
