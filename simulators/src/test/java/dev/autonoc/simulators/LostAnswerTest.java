package dev.autonoc.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.autonoc.simulators.http.TmfHttpFacade;
import dev.autonoc.tools.http.TmfHttpClients;
import dev.autonoc.tools.oss.OssException;
import dev.autonoc.tools.oss.ProductOrderRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The order is placed but its answer is lost on the way back (a gateway answers 502 instead): the
 * client sees a retriable failure, retries with the same key, and gets the order placed the first
 * time; the stock went down once.
 */
class LostAnswerTest {

    @Test
    void a_retry_after_a_lost_answer_gets_the_first_order_and_reserves_once() throws IOException {
        OperatorTwin twin = Specs.metro(1).twin();
        AtomicInteger calls = new AtomicInteger();
        try (TmfHttpFacade facade = TmfHttpFacade.start(twin)) {
            HttpServer gateway = lossyGateway(facade.baseUri(), calls);
            try {
                URI base = URI.create("http://127.0.0.1:" + gateway.getAddress().getPort() + "/");
                var ordering = TmfHttpClients.over(base).productOrdering();
                var request =
                        new ProductOrderRequest("PSU", "central", "site-01", "agg-rtr-01", false);
                long before = TwinStock.centralPsus(twin);

                assertThatThrownBy(() -> ordering.order(request, "case-7/step-2/attempt-1"))
                        .isInstanceOfSatisfying(
                                OssException.class, e -> assertThat(e.retriable()).isTrue());
                var retried = ordering.order(request, "case-7/step-2/attempt-1");

                assertThat(calls.get()).isEqualTo(2);
                assertThat(retried.externalId()).isEqualTo("case-7/step-2/attempt-1");
                assertThat(TwinStock.centralPsus(twin)).isEqualTo(before - 1);
            } finally {
                gateway.stop(0);
            }
        }
    }

    /** Forwards every call; throws away the first answer and says 502 instead. */
    private static HttpServer lossyGateway(URI target, AtomicInteger calls) throws IOException {
        HttpClient client = HttpClient.newHttpClient();
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/",
                ex -> {
                    byte[] body;
                    try (InputStream in = ex.getRequestBody()) {
                        body = in.readAllBytes();
                    }
                    HttpRequest.Builder out =
                            HttpRequest.newBuilder(
                                            target.resolve(
                                                    ex.getRequestURI().getRawPath().substring(1)))
                                    .method(
                                            ex.getRequestMethod(),
                                            HttpRequest.BodyPublishers.ofByteArray(body));
                    ex.getRequestHeaders()
                            .forEach(
                                    (k, v) -> {
                                        if (k.equalsIgnoreCase("Content-Type")
                                                || k.equalsIgnoreCase("Idempotency-Key")
                                                || k.equalsIgnoreCase("Accept")) {
                                            v.forEach(value -> out.header(k, value));
                                        }
                                    });
                    HttpResponse<byte[]> answer;
                    try {
                        answer = client.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    }
                    boolean lose = calls.incrementAndGet() == 1;
                    byte[] reply = lose ? new byte[0] : answer.body();
                    answer.headers()
                            .firstValue("Content-Type")
                            .ifPresent(t -> ex.getResponseHeaders().set("Content-Type", t));
                    ex.sendResponseHeaders(
                            lose ? 502 : answer.statusCode(),
                            reply.length == 0 ? -1 : reply.length);
                    ex.getResponseBody().write(reply);
                    ex.close();
                });
        server.start();
        return server;
    }
}
