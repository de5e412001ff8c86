package dev.autonoc.service;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service on its embedded defaults (H2 ledger in a fresh data folder, the in-process
 * twin, the demo users), started paused so that the tests move simulated time themselves. The
 * subclasses share one running application; so that the order they run in does not matter,
 * approvals here wait for ever ({@link ApprovalTimeoutTest} runs its own application with a
 * timeout).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "autonoc.simulation.auto-start=false",
            "autonoc.approvals.timeout=0",
            // the tests call faster than a person would: the limits are tested on their own
            "autonoc.security.limits.api-per-second=100000",
            "autonoc.security.limits.api-burst=100000",
            "autonoc.security.limits.mcp-per-minute=1000000",
            "autonoc.security.limits.mcp-burst=100000"
        })
abstract class FullAppTestBase {

    static final Path DATA_DIR = freshDataDir();
    static final JsonMapper JSON = ApiClient.JSON;

    @LocalServerPort int port;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("autonoc.data-dir", DATA_DIR::toString);
    }

    static Path freshDataDir() {
        return TestDirs.fresh("autonoc-data-");
    }

    String base() {
        return "http://localhost:" + port;
    }

    ApiClient api() {
        return new ApiClient(base());
    }

    HttpResponse<String> call(String method, String path, String user)
            throws IOException, InterruptedException {
        return api().send(method, path, user, null, null);
    }

    HttpResponse<String> send(
            String method, String path, String user, String contentType, String body)
            throws IOException, InterruptedException {
        return api().send(method, path, user, contentType, body);
    }

    JsonNode json(String method, String path, String user, String body, int status)
            throws IOException, InterruptedException {
        return api().json(method, path, user, body, status);
    }
}
