package dev.autonoc.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** HTTP calls to a running service as one of the demo users (password = name). */
final class ApiClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    ApiClient(String base) {
        this.base = base;
    }

    HttpResponse<String> send(
            String method, String path, String user, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", basic(user))
                        .header("Accept", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON request whose answer must have {@code status}; returns the parsed body. */
    JsonNode json(String method, String path, String user, String body, int status)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, user, "application/json", body);
        assertThat(response.statusCode())
                .as(method + " " + path + " as " + user + ": " + response.body())
                .isEqualTo(status);
        return JSON.readTree(response.body());
    }

    static String basic(String user) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }
}
