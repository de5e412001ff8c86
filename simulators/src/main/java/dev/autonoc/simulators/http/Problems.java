package dev.autonoc.simulators.http;

import com.sun.net.httpserver.HttpExchange;
import dev.autonoc.tools.http.TmfJson;
import dev.autonoc.tools.http.TmfPayloadException;
import dev.autonoc.tools.oss.OssException;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The façade's refusals as HTTP answers: a bad payload or an OSS/BSS system's refusal as an RFC
 * 9457 problem with the status its outcome implies, and, for a client that accepts only the TMF
 * specs' {@code application/json}, the same facts as the specs' {@code Error}.
 */
final class Problems {

    private Problems() {}

    /** A payload the endpoint cannot read: 400, naming the field and what is accepted. */
    static TmfReply badRequest(TmfPayloadException e) {
        return TmfReply.problem(400, "bad-request", "Bad request", e.getMessage(), e.accepted())
                .with("field", e.field());
    }

    /**
     * A system's refusal by its outcome: 503 to retry later, 504 to retry with the same key, and
     * for an acting request 409 (refused) or 422 (invalid); a read of something absent is a 404.
     */
    static TmfReply of(OssException e, boolean acting) {
        String detail = stripApi(e);
        return switch (e.outcome()) {
            case TRANSIENT ->
                    TmfReply.problem(
                            503, "unavailable", "Service unavailable", detail, "a retry later");
            case UNCERTAIN ->
                    TmfReply.problem(
                            504,
                            "timeout",
                            "Gateway time-out",
                            detail,
                            "a retry with the same key");
            case REFUSED ->
                    acting
                            ? TmfReply.problem(409, "refused", "Refused", detail, "")
                            : TmfReply.problem(404, "not-found", "Not found", detail, "");
            case INVALID, SUCCEEDED ->
                    acting
                            ? TmfReply.problem(422, "invalid", "Unprocessable request", detail, "")
                            : TmfReply.problem(404, "not-found", "Not found", detail, "");
        };
    }

    /**
     * Problem details go as {@value TmfJson#PROBLEM_JSON} unless the client's Accept header admits
     * only the TMF specs' {@code application/json}; that client gets the same facts as the specs'
     * {@code Error} (see {@link #tmfError}).
     */
    static boolean accepted(HttpExchange exchange) {
        List<String> accept = exchange.getRequestHeaders().get("Accept");
        if (accept == null || accept.isEmpty()) {
            return true;
        }
        String all = String.join(",", accept).toLowerCase(Locale.ROOT);
        return all.contains(TmfJson.PROBLEM_JSON)
                || all.contains("*/*")
                || all.contains("application/*");
    }

    /**
     * The TMF {@code Error} of a problem detail: {@code code} and {@code status} the HTTP status as
     * a string, {@code reason} the title, {@code message} the detail, {@code referenceError} the
     * problem type.
     */
    static ObjectNode tmfError(JsonNode problem) {
        ObjectNode e = TmfJson.object();
        String status = problem.path("status").asString();
        e.put("code", status);
        e.put("reason", problem.path("title").asString());
        e.put("message", problem.path("detail").asString());
        e.put("status", status);
        e.put("referenceError", problem.path("type").asString());
        e.put("@type", "Error");
        return e;
    }

    private static String stripApi(OssException e) {
        String m = e.getMessage();
        String prefix = e.api() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }
}
