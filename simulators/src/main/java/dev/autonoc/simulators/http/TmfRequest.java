package dev.autonoc.simulators.http;

import dev.autonoc.tools.http.TmfJson;
import dev.autonoc.tools.http.TmfPayloadException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A request to the HTTP façade as its handlers see it: method, path, query, the path's id, the
 * body, and the idempotency key ({@code ""} for a request that does not act).
 */
record TmfRequest(
        String method, String path, Map<String, String> query, String id, String body, String key) {

    TmfRequest withKey(String k) {
        return new TmfRequest(method, path, query, id, body, k);
    }

    /** The body as JSON; a body that is not JSON is a 400 naming it. */
    JsonNode json() {
        try {
            return TmfJson.mapper().readTree(body);
        } catch (JacksonException e) {
            throw new TmfPayloadException(
                    "body", "not JSON (" + e.getOriginalMessage() + ")", "a JSON object");
        }
    }

    /** A query filter the endpoint cannot do without; missing, a 400 naming what is accepted. */
    String required(String filter, String accepted) {
        String v = query.get(filter);
        if (v == null || v.isBlank()) {
            throw new TmfPayloadException(filter, "filter missing", accepted);
        }
        return v;
    }

    /** A URI's query as decoded name-value pairs, in order; a name without a value maps to "". */
    static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                q.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            } else if (!pair.isEmpty()) {
                q.put(decode(pair), "");
            }
        }
        return q;
    }

    static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
