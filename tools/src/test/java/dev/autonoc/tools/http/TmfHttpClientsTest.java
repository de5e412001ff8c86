package dev.autonoc.tools.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.autonoc.tools.oss.OssException;
import dev.autonoc.tools.oss.ProductOrderRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP clients against a scripted server: what each HTTP failure becomes. */
class TmfHttpClientsTest {

    private static final ProductOrderRequest ORDER =
            new ProductOrderRequest("FAN-TRAY", "central", "site-01", "agg-rtr-01", false);

    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicReference<String> keySeen = new AtomicReference<>();

    private URI serve(int status, String type, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/",
                ex -> {
                    keySeen.set(ex.getRequestHeaders().getFirst(TmfJson.IDEMPOTENCY_KEY));
                    ex.getRequestBody().readAllBytes();
                    if (status == 0) { // never answers until the test is over
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    ex.getResponseHeaders().set("Content-Type", type);
                    ex.sendResponseHeaders(status == 0 ? 500 : status, bytes.length);
                    ex.getResponseBody().write(bytes);
                    ex.close();
                });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    private static String problem(int status, String detail) {
        return "{\"type\":\"urn:x\",\"title\":\"t\",\"status\":"
                + status
                + ",\"detail\":\""
                + detail
                + "\"}";
    }

    @Test
    void a_4xx_is_a_refusal_that_carries_the_problem_detail() throws IOException {
        URI base = serve(409, TmfJson.PROBLEM_JSON, problem(409, "no FAN-TRAY at central"));

        assertThatThrownBy(() -> TmfHttpClients.over(base).productOrdering().order(ORDER, "k-1"))
                .isInstanceOfSatisfying(
                        OssException.class,
                        e -> {
                            assertThat(e.retriable()).isFalse();
                            assertThat(e.api()).isEqualTo("TMF622");
                            assertThat(e.getMessage()).contains("no FAN-TRAY at central", "409");
                        });
        assertThat(keySeen.get()).isEqualTo("k-1");
    }

    @Test
    void a_5xx_is_retriable() throws IOException {
        URI base = serve(503, TmfJson.PROBLEM_JSON, problem(503, "busy"));

        assertThatThrownBy(() -> TmfHttpClients.over(base).troubleTicket().findByExternalId("c"))
                .isInstanceOfSatisfying(
                        OssException.class, e -> assertThat(e.retriable()).isTrue());
    }

    @Test
    void a_time_out_is_retriable() throws IOException {
        URI base = serve(0, TmfJson.JSON, "{}");
        var clients = TmfHttpClients.over(base, Duration.ofMillis(200));

        assertThatThrownBy(() -> clients.productOrdering().order(ORDER, "k"))
                .isInstanceOfSatisfying(
                        OssException.class,
                        e -> {
                            assertThat(e.retriable()).isTrue();
                            assertThat(e.getMessage()).contains("timed out");
                        });
    }

    @Test
    void a_malformed_answer_is_retriable_and_says_what_was_wrong() throws IOException {
        URI base = serve(201, TmfJson.JSON, "{\"id\":\"po-1\"}");

        assertThatThrownBy(() -> TmfHttpClients.over(base).productOrdering().order(ORDER, "k"))
                .isInstanceOfSatisfying(
                        OssException.class,
                        e -> {
                            assertThat(e.retriable()).isTrue();
                            assertThat(e.getMessage()).contains("malformed ProductOrder");
                        });
    }

    @Test
    void a_404_on_a_lookup_is_nothing_found() throws IOException {
        URI base = serve(404, TmfJson.PROBLEM_JSON, problem(404, "no resource"));

        assertThat(TmfHttpClients.over(base).resourceInventory().findResource("x")).isEmpty();
    }

    @Test
    void a_base_url_that_is_not_http_is_refused_at_once() {
        assertThatThrownBy(() -> TmfHttpClients.over(URI.create("ftp://127.0.0.1/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http");
    }
}
