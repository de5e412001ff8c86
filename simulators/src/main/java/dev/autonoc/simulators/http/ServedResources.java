package dev.autonoc.simulators.http;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * What the HTTP façade has served, by href, re-rendered as it is now for a GET by id: an
 * activation, a credit, a message, a stock entry, a service, a cancellation.
 */
final class ServedResources {

    private final Map<String, Supplier<JsonNode>> served = new HashMap<>();

    void serve(String href, Supplier<JsonNode> now) {
        synchronized (served) {
            served.put(href, now);
        }
    }

    TmfReply found(String collection, String resource, TmfRequest r) {
        Supplier<JsonNode> now;
        synchronized (served) {
            now = served.get(collection + "/" + r.id());
        }
        return now == null ? TmfReply.noSuch(resource, r.id()) : TmfReply.ok(200, now.get());
    }
}
