package dev.autonoc.simulators.http;

import dev.autonoc.tools.http.ServiceActivationJson;
import dev.autonoc.tools.oss.ActivationResult;
import dev.autonoc.tools.oss.OssBss;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * TMF640 at the HTTP façade: a reroute, restore or restart; a feasibility check of a reroute or an
 * outage.
 */
final class ServiceActivationHandler {

    private final OssBss oss;
    private final ServedResources served;
    private final Optional<Clock> clock;

    ServiceActivationHandler(OssBss oss, ServedResources served, Optional<Clock> clock) {
        this.oss = oss;
        this.served = served;
        this.clock = clock;
    }

    TmfReply createActivation(TmfRequest r) {
        JsonNode body = r.json();
        var a = ServiceActivationJson.fromActivationCreate(body);
        var activation = oss.serviceActivation();
        if (a.check() && a.action().equals(ServiceActivationJson.OUTAGE)) {
            var ask = ServiceActivationJson.fromOutageCheck(body);
            return TmfReply.ok(
                    201,
                    ServiceActivationJson.toOutagePreview(
                            activation.previewOutage(ask.resourceId(), ask.at(), ask.duration())));
        }
        if (a.check()) {
            return TmfReply.ok(
                    201,
                    ServiceActivationJson.toPreview(activation.previewReroute(a.resourceId())));
        }
        var result =
                switch (a.action()) {
                    case "reroute" -> activation.reroute(a.resourceId(), r.key());
                    case "restore" -> activation.restore(a.resourceId(), r.key());
                    default -> activation.restart(a.resourceId(), r.key());
                };
        ObjectNode answer = ServiceActivationJson.toActivation(result);
        served.serve(
                answer.path("href").asString(),
                () -> ServiceActivationJson.toActivation(asNow(result)));
        return TmfReply.ok(201, answer);
    }

    /** A restart is {@code completed} once the element is back (by the twin's clock). */
    private ActivationResult asNow(ActivationResult a) {
        if (a.completionDate().isEmpty() || !past(a.completionDate().get())) {
            return a;
        }
        return new ActivationResult(
                a.id(),
                a.externalId(),
                a.resourceId(),
                a.action(),
                "completed",
                a.trafficGbps(),
                a.maxUtilization(),
                a.completionDate());
    }

    private boolean past(Instant t) {
        return clock.map(c -> !c.instant().isBefore(t)).orElse(false);
    }
}
