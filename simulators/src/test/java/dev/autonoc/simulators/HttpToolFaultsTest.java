package dev.autonoc.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.simulators.http.TmfHttpFacade;
import dev.autonoc.tools.http.ResourceInventoryJson;
import dev.autonoc.tools.http.StockManagementJson;
import dev.autonoc.tools.http.TmfHttpClients;
import dev.autonoc.tools.http.TmfJson;
import dev.autonoc.tools.oss.OssException;
import dev.autonoc.tools.oss.ProductOrder;
import dev.autonoc.tools.oss.ProductOrderRequest;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TOOL_FAULTS at the HTTP façade, over real HTTP: the named tool's endpoint fails at the scenario's
 * rate as 503 problems before the effect, 504 problems after it and answers that never come, the
 * same way for the same seed; a retry after a fault after the effect gets the first outcome.
 */
class HttpToolFaultsTest {

    private static final Duration CLIENT_TIMEOUT = Duration.ofMillis(150);
    private static final Duration HANG = Duration.ofMillis(500);

    /**
     * Longer than the hang: an answer that comes, however slowly, is read; a held one shows as 0.
     */
    private static final Duration PATIENT = Duration.ofSeconds(10);

    private static final String STOCK =
            StockManagementJson.TMF687_BASE
                    + "/productStock?stockedProduct.id=PSU&deliverySite=site-01";
    private static final String TOPOLOGY = ResourceInventoryJson.TMF639_BASE + "/resource";

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static OperatorTwin twin(String tool, double rate) {
        return Specs.metro(5).disturb(new Disturbance.ToolFaults(tool, rate)).twin();
    }

    private static TmfHttpFacade facade(OperatorTwin twin) {
        return TmfHttpFacade.start(twin, HttpFaults.of(twin.spec()).withHang(HANG));
    }

    /**
     * A GET's answer; status 0 when none came: the client timed out, or (with a time-out longer
     * than the hang) the façade closed the connection it held unanswered.
     */
    private HttpAnswer answer(URI base, String path, Duration timeout) {
        HttpRequest request =
                HttpRequest.newBuilder(base.resolve(path.substring(1)))
                        .timeout(timeout)
                        .GET()
                        .build();
        try {
            return HttpAnswer.send(http, request);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof HttpTimeoutException || timeout.compareTo(HANG) > 0) {
                return new HttpAnswer(0, "", "", TmfJson.object());
            }
            throw e;
        }
    }

    private List<Integer> statuses(String path, int calls, Duration timeout) {
        OperatorTwin twin = twin("check_stock", 0.4);
        try (TmfHttpFacade facade = facade(twin)) {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                out.add(answer(facade.baseUri(), path, timeout).status());
            }
            return out;
        }
    }

    @Test
    void the_named_tools_endpoint_fails_at_about_the_rate_in_all_three_ways_and_others_never() {
        List<Integer> stock = statuses(STOCK, 60, PATIENT);

        long failed = stock.stream().filter(s -> s != 200).count();
        assertThat(failed).isBetween(12L, 36L); // 0.4 × 60 = 24
        assertThat(stock)
                .contains(503, 504, 0)
                .allMatch(s -> List.of(200, 503, 504, 0).contains(s));
        assertThat(statuses(TOPOLOGY, 20, PATIENT)).containsOnly(200);
    }

    @Test
    void the_same_seed_meets_the_same_faults_on_the_same_calls() {
        assertThat(statuses(STOCK, 20, PATIENT)).isEqualTo(statuses(STOCK, 20, PATIENT));
    }

    @Test
    void a_fault_is_an_rfc_9457_problem_saying_whether_the_call_took_effect() {
        OperatorTwin twin = twin("check_stock", 1.0);
        try (TmfHttpFacade facade = facade(twin)) {
            HttpAnswer before = null;
            HttpAnswer after = null;
            for (int i = 0; i < 20 && (before == null || after == null); i++) {
                HttpAnswer a = answer(facade.baseUri(), STOCK, PATIENT);
                if (a.status() == 503) {
                    before = a;
                } else if (a.status() == 504) {
                    after = a;
                }
            }
            assertThat(before).isNotNull();
            assertThat(after).isNotNull();
            for (HttpAnswer a : List.of(before, after)) {
                assertThat(a.type()).isEqualTo(TmfJson.PROBLEM_JSON);
                assertThat(a.body().path("status").asInt()).isEqualTo(a.status());
                assertThat(a.body().path("type").asString()).startsWith("urn:autonoc:problem:");
                assertThat(a.body().path("detail").asString()).contains("check_stock");
            }
            assertThat(before.body().path("detail").asString()).contains("nothing happened");
            assertThat(after.body().path("detail").asString()).contains("may have taken effect");
        }
    }

    @Test
    void after_a_fault_after_the_effect_the_same_key_gets_the_first_order_and_reserves_once() {
        OperatorTwin twin = twin("order_part", 0.6);
        var stock = twin.ossBss().stockManagement();
        var request = new ProductOrderRequest("PSU", "central", "site-01", "agg-rtr-01", false);
        long central =
                stock.checkStock("PSU", "site-01")
                        .option("central")
                        .orElseThrow()
                        .availableQuantity();
        int lostAfterTheEffect = 0;
        try (TmfHttpFacade facade = facade(twin)) {
            var ordering = TmfHttpClients.over(facade.baseUri(), CLIENT_TIMEOUT).productOrdering();
            List<ProductOrder> placed = new ArrayList<>();
            for (int k = 1; k <= 5; k++) {
                String key = "case-1/step-" + k;
                ProductOrder order = null;
                for (int attempt = 0; attempt < 30 && order == null; attempt++) {
                    long beforeCall = TwinStock.centralPsus(twin);
                    try {
                        order = ordering.order(request, key);
                    } catch (OssException e) {
                        assertThat(e.retriable()).as(e.getMessage()).isTrue();
                        if (TwinStock.centralPsus(twin) < beforeCall) {
                            lostAfterTheEffect++;
                        }
                    }
                }
                assertThat(order).as(key).isNotNull();
                assertThat(order.externalId()).isEqualTo(key);
                placed.add(order);
            }
            assertThat(placed).extracting(ProductOrder::id).doesNotHaveDuplicates();
            assertThat(TwinStock.centralPsus(twin)).isEqualTo(central - 5);
            assertThat(lostAfterTheEffect).isPositive();
        }
    }

    @Test
    void an_answer_that_never_comes_is_a_retriable_time_out_for_the_clients() {
        OperatorTwin twin = twin("get_topology", 1.0);
        try (TmfHttpFacade facade = facade(twin)) {
            var inventory =
                    TmfHttpClients.over(facade.baseUri(), CLIENT_TIMEOUT).resourceInventory();
            boolean timedOut = false;
            for (int i = 0; i < 20 && !timedOut; i++) {
                try {
                    inventory.topology();
                } catch (OssException e) {
                    assertThat(e.retriable()).isTrue();
                    timedOut = e.getMessage().contains("timed out after");
                }
            }
            assertThat(timedOut).isTrue();
            assertThatThrownBy(() -> inventory.topology()).isInstanceOf(OssException.class);
        }
    }
}
