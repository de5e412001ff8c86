package dev.autonoc.service.connected;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One {@code ./autonoc serve} in connected mode as a process of its own, started from the packaged
 * jar the way the launcher starts it, and its API as a program calls it: a personal token per user,
 * made the way a person makes one (signed in with the console's form, then {@code POST /api/tokens}
 * with the session's CSRF token). The users are those of the {@code users.yml} the test wrote, each
 * with {@link ConnectedUsers#PASSWORD}.
 */
final class ServeProcess implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern FORM_CSRF =
            Pattern.compile(
                    "name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");
    private static final Pattern META_CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    final String id;
    final ChildProcess process;
    private final String base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    private ServeProcess(String id, ChildProcess process, int port) {
        this.id = id;
        this.process = process;
        this.base = "http://127.0.0.1:" + port;
    }

    /**
     * Starts the instance {@code id} on free ports, with {@code settings} as its command line's
     * {@code --key=value} arguments.
     */
    static ServeProcess start(String id, Path logs, Map<String, String> settings)
            throws IOException {
        int port = freePort();
        List<String> args = new ArrayList<>();
        args.add("-jar");
        args.add(ChildProcess.serviceJar().toAbsolutePath().toString());
        args.add("--autonoc.connected.instance-id=" + id);
        args.add("--server.port=" + port);
        args.add("--management.server.port=" + freePort());
        settings.forEach((k, v) -> args.add("--" + k + "=" + v));
        ChildProcess p =
                ChildProcess.start(
                        id,
                        logs,
                        // the launcher's limits; one GC thread, and the quick compiler only: a
                        // shorter start on a machine of few, busy cores (the load is light)
                        List.of(
                                "-Xmx512m",
                                "-XX:+ExitOnOutOfMemoryError",
                                "-XX:+UseSerialGC",
                                "-XX:TieredStopAtLevel=1"),
                        args);
        return new ServeProcess(id, p, port);
    }

    /** Waits until the console's sign-in page answers; fails if the process ends first. */
    void awaitUp(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.alive()).as(id + " ended: " + process.tail(60)).isTrue();
            try {
                HttpResponse<Void> r =
                        http.send(
                                HttpRequest.newBuilder(URI.create(base + "/login"))
                                        .timeout(Duration.ofSeconds(10))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError(id + " did not answer within " + within + ": " + process.tail(60));
    }

    JsonNode get(String path, String user) throws Exception {
        return json("GET", path, user, null, 200);
    }

    /** A POST with a JSON body; returns the status and the parsed answer. */
    HttpResponse<String> post(String path, String user, String body) throws Exception {
        return send("POST", path, user, body);
    }

    JsonNode json(String method, String path, String user, String body, int status)
            throws Exception {
        HttpResponse<String> r = send(method, path, user, body);
        assertThat(r.statusCode())
                .as(id + ": " + method + " " + path + " as " + user + ": " + r.body())
                .isEqualTo(status);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> send(String method, String path, String user, String body)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(REQUEST_TIMEOUT)
                        .header("Authorization", "Bearer " + token(user))
                        .header("Accept", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token(String user) throws Exception {
        String t = tokens.get(user);
        if (t == null) {
            t = mint(user);
            tokens.put(user, t);
        }
        return t;
    }

    /** Signs in with the console's form as {@code user} and makes an API token there. */
    private String mint(String user) throws Exception {
        HttpClient browser =
                HttpClient.newBuilder()
                        .cookieHandler(new CookieManager())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();
        HttpResponse<String> page = page(browser, "/login");
        Matcher form = FORM_CSRF.matcher(page.body());
        assertThat(form.find()).as(id + ": the sign-in form's CSRF token").isTrue();
        String formToken = form.group(1) != null ? form.group(1) : form.group(2);
        HttpResponse<String> signedIn =
                browser.send(
                        HttpRequest.newBuilder(URI.create(base + "/login"))
                                .timeout(REQUEST_TIMEOUT)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "username="
                                                        + enc(user)
                                                        + "&password="
                                                        + enc(ConnectedUsers.PASSWORD)
                                                        + "&_csrf="
                                                        + enc(formToken)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.headers().firstValue("Location").orElse(""))
                .as(id + ": signed in as " + user)
                .endsWith("/");
        Matcher meta = META_CSRF.matcher(page(browser, "/").body());
        assertThat(meta.find()).as(id + ": the console's CSRF token").isTrue();
        HttpResponse<String> made =
                browser.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/tokens"))
                                .timeout(REQUEST_TIMEOUT)
                                .header("Content-Type", "application/json")
                                .header("Accept", "application/json")
                                .header("X-CSRF-TOKEN", meta.group(1))
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"label\": \"failover test\", \"audience\":"
                                                        + " \"api\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(made.statusCode())
                .as(id + ": a token for " + user + ": " + made.body())
                .isEqualTo(201);
        return JSON.readTree(made.body()).at("/secret").asString();
    }

    private HttpResponse<String> page(HttpClient browser, String path) throws Exception {
        return browser.send(
                HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return process.toString();
    }
}
