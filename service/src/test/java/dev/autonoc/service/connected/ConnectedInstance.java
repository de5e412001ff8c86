package dev.autonoc.service.connected;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.service.AutonocApplication;
import dev.autonoc.service.security.ApiToken;
import dev.autonoc.service.security.ApiTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One {@code ./autonoc serve} in connected mode, as a Spring context of its own in the test JVM:
 * its own web port, data folder and consumer, on the database, broker and TMF façade the test
 * names, on the clock the test hands in (the twin's). People sign in as they would outside the
 * embedded default: users with {bcrypt} passwords, API calls with personal tokens.
 */
final class ConnectedInstance implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HASH = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("secret");

    final String id;
    private final ConfigurableApplicationContext context;
    private final String base;
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    private ConnectedInstance(String id, ConfigurableApplicationContext context) {
        this.id = id;
        this.context = context;
        this.base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
        ApiTokens desk = context.getBean(ApiTokens.class);
        for (String user : List.of("supervisor", "auditor")) {
            tokens.put(
                    user,
                    desk.create(user, "test", ApiToken.Audience.API, Optional.empty()).secret());
        }
    }

    /**
     * @param settings the instance's own settings (database, broker, topic, group, façade, ...)
     */
    static ConnectedInstance start(
            String id, Path dataDir, Supplier<Clock> clock, Map<String, String> settings) {
        List<String> args = new ArrayList<>();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("autonoc.mode", "connected");
        all.put("autonoc.connected.instance-id", id);
        all.put("autonoc.data-dir", dataDir.toString());
        all.put("server.port", "0");
        all.put("management.server.port", "0");
        all.put("autonoc.approvals.timeout", "0");
        // the loop acts after each batch of telemetry; its own ticks would race the test
        all.put("autonoc.connected.tick-interval", "1h");
        all.put("autonoc.audit.checkpoint-interval", "0");
        all.put("autonoc.security.limits.api-per-second", "100000");
        all.put("autonoc.security.limits.api-burst", "100000");
        String[][] users = {
            {"supervisor", "noc_supervisor"}, {"auditor", "auditor"}, {"operator", "noc_operator"}
        };
        for (int i = 0; i < users.length; i++) {
            all.put("autonoc.security.users[" + i + "].name", users[i][0]);
            all.put("autonoc.security.users[" + i + "].password", HASH);
            all.put("autonoc.security.users[" + i + "].roles[0]", users[i][1]);
        }
        all.putAll(settings);
        all.forEach((k, v) -> args.add("--" + k + "=" + v));
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(AutonocApplication.class)
                        .initializers(
                                ctx ->
                                        ((GenericApplicationContext) ctx)
                                                .registerBean(
                                                        "testClock",
                                                        Clock.class,
                                                        clock,
                                                        bd -> bd.setPrimary(true)))
                        .run(args.toArray(String[]::new));
        return new ConnectedInstance(id, context);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    TelemetryIngest ingest() {
        return bean(TelemetryIngest.class);
    }

    ConnectedDriver driver() {
        return bean(ConnectedDriver.class);
    }

    Set<Integer> partitions() {
        return driver().partitions();
    }

    boolean running() {
        return context.isActive();
    }

    JsonNode get(String path, String user) throws Exception {
        return exchange(HttpRequest.newBuilder(uri(path)).GET(), user, 200);
    }

    JsonNode post(String path, String user, String body) throws Exception {
        return exchange(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                user,
                200);
    }

    /** What the instance's Prometheus endpoint (on the management port, no password) says. */
    String metrics() throws Exception {
        String port = context.getEnvironment().getProperty("local.management.port");
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + port
                                                        + "/actuator/prometheus"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private JsonNode exchange(HttpRequest.Builder request, String user, int status)
            throws Exception {
        HttpResponse<String> r =
                http.send(
                        request.header("Authorization", "Bearer " + tokens.get(user))
                                .header("Accept", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(id + ": " + r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    @Override
    public void close() {
        context.close();
    }
}
