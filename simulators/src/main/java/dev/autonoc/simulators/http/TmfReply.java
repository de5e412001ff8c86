package dev.autonoc.simulators.http;

import dev.autonoc.tools.http.TmfJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What a handler of the HTTP façade answers: a status, a JSON body and its media type. */
record TmfReply(int status, JsonNode body, String contentType) {

    /** No answer at all: the connection is held, then closed (an injected time-out). */
    static final TmfReply NONE = new TmfReply(0, TmfJson.object(), TmfJson.JSON);

    static TmfReply ok(int status, JsonNode body) {
        return new TmfReply(status, body, TmfJson.JSON);
    }

    TmfReply with(String field, String value) {
        ((ObjectNode) body).put(field, value);
        return this;
    }

    static TmfReply noSuch(String resource, String id) {
        return problem(
                404, "not-found", "Not found", "no " + resource + " with id '" + id + "'", "");
    }

    /**
     * An RFC 9457 problem detail: {@code type}, {@code title}, {@code status}, {@code detail} (what
     * was wrong and what is accepted), and the extension member {@code accepted} on its own.
     */
    static TmfReply problem(int status, String slug, String title, String detail, String accepted) {
        ObjectNode p = TmfJson.object();
        p.put("type", "urn:autonoc:problem:" + slug);
        p.put("title", title);
        p.put("status", status);
        p.put("detail", accepted.isEmpty() ? detail : detail + "; accepted: " + accepted);
        if (!accepted.isEmpty()) {
            p.put("accepted", accepted);
        }
        return new TmfReply(status, p, TmfJson.PROBLEM_JSON);
    }
}
