package dev.autonoc.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on its embedded defaults (H2 ledger in a fresh data folder, the in-process
 * twin, the demo users), started paused so that the tests move simulated time themselves. The
 * subclasses share one running application.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "autonoc.simulation.auto-start=false")
abstract class FullAppTestBase {

    static final Path DATA_DIR = freshDataDir();

    @LocalServerPort int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("autonoc.data-dir", DATA_DIR::toString);
    }

    private static Path freshDataDir() {
        try {
            return Files.createTempDirectory("autonoc-data-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String base() {
        return "http://localhost:" + port;
    }

    HttpResponse<String> call(String method, String path, String user)
            throws IOException, InterruptedException {
        String credentials =
                Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(base() + path))
                        .header("Authorization", "Basic " + credentials)
                        .header("Accept", "application/json")
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
