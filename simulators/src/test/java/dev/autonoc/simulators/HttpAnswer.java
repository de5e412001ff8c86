package dev.autonoc.simulators;

import dev.autonoc.tools.http.TmfJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;

/**
 * An answer of the TMF facade as the HTTP tests read it.
 *
 * @param type the Content-Type header, empty when there is none
 * @param allow the Allow header, empty when there is none
 * @param body the body read as JSON
 */
record HttpAnswer(int status, String type, String allow, JsonNode body) {

    /**
     * Sends the request and reads its answer. A failed exchange is an {@link UncheckedIOException}
     * (its cause the {@link IOException}, e.g. an {@link java.net.http.HttpTimeoutException}), so
     * that a test reads straight on.
     */
    static HttpAnswer send(HttpClient http, HttpRequest request) {
        HttpResponse<String> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new HttpAnswer(
                r.statusCode(),
                r.headers().firstValue("Content-Type").orElse(""),
                r.headers().firstValue("Allow").orElse(""),
                TmfJson.mapper().readTree(r.body()));
    }
}
