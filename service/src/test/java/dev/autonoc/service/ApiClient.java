package dev.autonoc.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP calls to a running service as one of the demo users (password = name), the way a program
 * calls it: with a personal API token in {@code Authorization: Bearer}. The token is made the way a
 * person makes one: signed in to the console with its form, then {@code POST /api/tokens} with the
 * session and its CSRF token. Tokens are made once per service, user and resource.
 */
final class ApiClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final Pattern FORM_CSRF =
            Pattern.compile(
                    "name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");
    private static final Pattern META_CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");

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
                        .header("Authorization", "Bearer " + token(user, "api"))
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

    /** The user's API token for {@code audience} ({@code api} or {@code mcp}) on this service. */
    String token(String user, String audience) {
        return TOKENS.computeIfAbsent(
                base + "\n" + user + "\n" + audience, k -> mint(user, audience));
    }

    /** Signs in to the console as {@code user} and makes a token on its Tokens page's API. */
    private String mint(String user, String audience) {
        try {
            Console console = Console.signIn(base, user, user);
            HttpResponse<String> made =
                    console.post(
                            "/api/tokens",
                            "{\"label\": \"test client\", \"audience\": \"" + audience + "\"}");
            assertThat(made.statusCode())
                    .as("make a token as " + user + ": " + made.body())
                    .isEqualTo(201);
            return JSON.readTree(made.body()).at("/secret").asString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String basic(String user) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    /** A browser's view of the console: a session cookie, and the CSRF token of its pages. */
    static final class Console {
        final String base;
        final HttpClient http;
        final String csrf;

        private Console(String base, HttpClient http, String csrf) {
            this.base = base;
            this.http = http;
            this.csrf = csrf;
        }

        /** Signs in with the form; fails the test if the sign-in does not lead to the console. */
        static Console signIn(String base, String user, String password)
                throws IOException, InterruptedException {
            HttpClient http =
                    HttpClient.newBuilder()
                            .cookieHandler(new CookieManager())
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
            HttpResponse<String> page = get(http, base + "/login");
            Matcher m = FORM_CSRF.matcher(page.body());
            assertThat(m.find()).as("the sign-in form's CSRF token: " + page.body()).isTrue();
            String formToken = m.group(1) != null ? m.group(1) : m.group(2);
            HttpResponse<String> signedIn =
                    http.send(
                            HttpRequest.newBuilder(URI.create(base + "/login"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    "username="
                                                            + enc(user)
                                                            + "&password="
                                                            + enc(password)
                                                            + "&_csrf="
                                                            + enc(formToken)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.headers().firstValue("Location").orElse(""))
                    .as("signed in as " + user)
                    .endsWith("/");
            HttpResponse<String> console = get(http, base + "/");
            Matcher meta = META_CSRF.matcher(console.body());
            assertThat(meta.find()).as("the console's CSRF token").isTrue();
            return new Console(base, http, meta.group(1));
        }

        HttpResponse<String> post(String path, String json)
                throws IOException, InterruptedException {
            return http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json")
                            .header("X-CSRF-TOKEN", csrf)
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /**
         * A request with the session's cookie, the CSRF token if {@code withCsrf}, and any other
         * headers (name, value, name, value, ...).
         */
        HttpResponse<String> send(
                String method, String path, boolean withCsrf, String body, String... headers)
                throws IOException, InterruptedException {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(base + path))
                            .header("Accept", "application/json")
                            .method(
                                    method,
                                    body == null
                                            ? HttpRequest.BodyPublishers.noBody()
                                            : HttpRequest.BodyPublishers.ofString(body));
            if (withCsrf) {
                request.header("X-CSRF-TOKEN", csrf);
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return get(http, base + path);
        }

        private static HttpResponse<String> get(HttpClient http, String url)
                throws IOException, InterruptedException {
            return http.send(
                    HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
