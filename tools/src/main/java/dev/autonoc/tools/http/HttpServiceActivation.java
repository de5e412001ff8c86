package dev.autonoc.tools.http;

import dev.autonoc.core.tool.ToolResult.Outcome;
import dev.autonoc.tools.oss.ActivationResult;
import dev.autonoc.tools.oss.OssException;
import dev.autonoc.tools.oss.OutagePreview;
import dev.autonoc.tools.oss.ReroutePreview;
import dev.autonoc.tools.oss.ServiceActivation;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * TMF640 over HTTP: each action a POST of a service whose specification names it; the reroute
 * preview a feasibility check (state {@value ServiceActivationJson#FEASIBILITY}), which has no
 * effect and carries no idempotency key.
 */
final class HttpServiceActivation implements ServiceActivation {

    private static final String PATH = ServiceActivationJson.TMF640_BASE + "/service";

    private final HttpTmf http;

    HttpServiceActivation(HttpTmf http) {
        this.http = http;
    }

    @Override
    public ReroutePreview previewReroute(String resourceId) {
        var answer =
                http.send(
                        API,
                        "POST",
                        PATH,
                        ServiceActivationJson.toActivationCreate(
                                ActivationResult.REROUTE, resourceId, true),
                        null);
        return parse(() -> ServiceActivationJson.fromPreview(answer));
    }

    @Override
    public OutagePreview previewOutage(String resourceId, Instant at, Duration duration) {
        var answer =
                http.send(
                        API,
                        "POST",
                        PATH,
                        ServiceActivationJson.toOutageCheck(resourceId, at, duration),
                        null);
        return parse(() -> ServiceActivationJson.fromOutagePreview(answer));
    }

    @Override
    public ActivationResult reroute(String resourceId, String idempotencyKey) {
        return act(ActivationResult.REROUTE, resourceId, idempotencyKey);
    }

    @Override
    public ActivationResult restore(String resourceId, String idempotencyKey) {
        return act(ActivationResult.RESTORE, resourceId, idempotencyKey);
    }

    @Override
    public ActivationResult restart(String resourceId, String idempotencyKey) {
        return act(ActivationResult.RESTART, resourceId, idempotencyKey);
    }

    private ActivationResult act(String action, String resourceId, String key) {
        var answer =
                http.send(
                        API,
                        "POST",
                        PATH,
                        ServiceActivationJson.toActivationCreate(action, resourceId, false),
                        key);
        return parse(() -> ServiceActivationJson.fromActivation(answer));
    }

    private static <T> T parse(Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new OssException(
                    API, "malformed Service: " + e.getMessage(), Outcome.UNCERTAIN, e);
        }
    }
}
