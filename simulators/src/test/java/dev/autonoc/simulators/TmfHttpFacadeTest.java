package dev.autonoc.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import dev.autonoc.simulators.http.TmfHttpFacade;
import dev.autonoc.tools.http.CustomerBillJson;
import dev.autonoc.tools.http.ProductOrderingJson;
import dev.autonoc.tools.http.ResourceInventoryJson;
import dev.autonoc.tools.http.ServiceActivationJson;
import dev.autonoc.tools.http.TmfHttpClients;
import dev.autonoc.tools.http.TmfJson;
import dev.autonoc.tools.http.TroubleTicketJson;
import dev.autonoc.tools.oss.OssException;
import dev.autonoc.tools.oss.ProductOrderRequest;
import dev.autonoc.tools.oss.TicketRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The façade over raw HTTP: idempotency at the edge, problem details, media types. */
class TmfHttpFacadeTest {

    private static final String ORDERS = ProductOrderingJson.TMF622_BASE + "/productOrder";
    private static final String TICKETS = TroubleTicketJson.TMF621_BASE + "/troubleTicket";
    private static final ProductOrderRequest FAN_TRAY =
            new ProductOrderRequest("FAN-TRAY", "north", "site-01", "agg-rtr-01", false);

    private final HttpClient http = HttpClient.newHttpClient();
    private OperatorTwin twin;
    private TmfHttpFacade facade;

    @BeforeEach
    void start() {
        twin = Specs.metro(1).twin();
        facade = TmfHttpFacade.start(twin);
    }

    @AfterEach
    void stop() {
        facade.stop();
    }

    private HttpAnswer send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(facade.baseUri().resolve(path.substring(1)))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HttpAnswer.send(http, b.build());
    }

    private HttpAnswer post(String path, String body, String key) {
        return send(
                "POST",
                path,
                body,
                key == null
                        ? Map.of("Content-Type", TmfJson.JSON)
                        : Map.of("Content-Type", TmfJson.JSON, TmfJson.IDEMPOTENCY_KEY, key));
    }

    private static String order(ProductOrderRequest r) {
        return ProductOrderingJson.toOrderCreate(r, "ext").toString();
    }

    private long northFanTrays() {
        return TwinStock.available(twin, "FAN-TRAY", "site-01", "north");
    }

    @Test
    void the_same_key_gets_the_first_answer_again_and_orders_once() {
        long before = northFanTrays();

        HttpAnswer first = post(ORDERS, order(FAN_TRAY), "order-1");
        HttpAnswer again = post(ORDERS, order(FAN_TRAY), "order-1");

        assertThat(first.status()).isEqualTo(201);
        assertThat(again).isEqualTo(first);
        assertThat(northFanTrays()).isEqualTo(before - 1);
        assertThat(first.body().path("href").asString())
                .isEqualTo(ProductOrder_BASE + first.body().path("id").asString());
    }

    private static final String ProductOrder_BASE = dev.autonoc.tools.oss.ProductOrder.BASE_PATH;

    @Test
    void a_new_key_orders_again() {
        long before = northFanTrays();

        post(ORDERS, order(FAN_TRAY), "order-1");
        post(ORDERS, order(FAN_TRAY), "order-2");

        assertThat(northFanTrays()).isEqualTo(before - 2);
    }

    @Test
    void a_refusal_is_kept_for_its_key_and_is_a_conflict_not_a_server_error() {
        HttpAnswer first = null;
        for (int i = 0; i < 10; i++) { // more than the north warehouse holds
            first = post(ORDERS, order(FAN_TRAY), "drain-" + i);
        }
        assertThat(first.status()).isEqualTo(409);
        assertThat(first.type()).isEqualTo(TmfJson.PROBLEM_JSON);
        assertThat(post(ORDERS, order(FAN_TRAY), "drain-9")).isEqualTo(first);
    }

    @Test
    void the_same_key_for_another_request_is_refused_naming_the_key() {
        post(ORDERS, order(FAN_TRAY), "k");
        ProductOrderRequest other =
                new ProductOrderRequest("PSU", "north", "site-01", "agg-rtr-01", false);

        HttpAnswer reused = post(ORDERS, order(other), "k");

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.body().path("detail").asString()).contains("'k'");
    }

    @Test
    void an_acting_call_without_an_idempotency_key_is_a_bad_request_naming_the_header() {
        long before = northFanTrays();

        HttpAnswer answer = post(ORDERS, order(FAN_TRAY), null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.type()).isEqualTo(TmfJson.PROBLEM_JSON);
        assertThat(answer.body().path("status").asInt()).isEqualTo(400);
        assertThat(answer.body().path("detail").asString())
                .contains(TmfJson.IDEMPOTENCY_KEY)
                .contains("accepted");
        assertThat(northFanTrays()).isEqualTo(before);
    }

    @Test
    void a_ticket_of_an_unknown_severity_is_a_bad_request_naming_the_field_and_the_values() {
        String body =
                TroubleTicketJson.toTicketCreate(
                                new TicketRequest("case-1", "agg-rtr-01", "hot", "blocker"))
                        .toString();

        HttpAnswer answer = post(TICKETS, body, "t-1");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("type").asString()).startsWith("urn:autonoc:problem:");
        assertThat(answer.body().path("field").asString()).isEqualTo("severity");
        assertThat(answer.body().path("detail").asString()).contains("blocker");
        assertThat(answer.body().path("accepted").asString())
                .contains("minor", "major", "critical");
        assertThat(twin.ossBss().troubleTicket().findByExternalId("case-1")).isEmpty();
    }

    @Test
    void a_bad_request_is_not_kept_for_its_key() {
        HttpAnswer bad = post(TICKETS, "{not json", "t-1");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("detail").asString()).contains("not JSON");

        String good =
                TroubleTicketJson.toTicketCreate(
                                new TicketRequest("case-1", "agg-rtr-01", "hot", "major"))
                        .toString();
        assertThat(post(TICKETS, good, "t-1").status()).isEqualTo(201);
    }

    @Test
    void an_order_without_a_delivery_site_names_the_place_it_expects() {
        var body = ProductOrderingJson.toOrderCreate(FAN_TRAY, "ext");
        ((tools.jackson.databind.node.ObjectNode)
                        body.path("productOrderItem").get(0).path("product"))
                .remove("place");

        HttpAnswer answer = post(ORDERS, body.toString(), "o-1");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("field").asString())
                .isEqualTo("productOrderItem[0].product.place");
        assertThat(answer.body().path("accepted").asString()).contains("deliveryAddress");
    }

    @Test
    void an_unknown_path_lists_the_mounted_apis_and_a_wrong_method_the_allowed_ones() {
        HttpAnswer unknown = send("GET", "/tmf-api/nothing/v4/thing", null, Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("accepted").asString()).contains(TICKETS, ORDERS);

        HttpAnswer wrong = send("DELETE", ORDERS, null, Map.of());
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.body().path("accepted").asString()).isEqualTo("POST, GET");
        assertThat(wrong.allow()).isEqualTo("POST, GET");
    }

    @Test
    void a_client_that_accepts_only_the_specs_media_type_gets_the_specs_error() {
        String path = ResourceInventoryJson.TMF639_BASE + "/resource/no-such-rtr-99";

        HttpAnswer answer = send("GET", path, null, Map.of("Accept", TmfJson.JSON));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.type()).isEqualTo(TmfJson.JSON);
        assertThat(answer.body().path("code").asString()).isEqualTo("404");
        assertThat(answer.body().path("message").asString()).contains("no-such-rtr-99");
        OpenApiInteractionValidator validator =
                TmfConformanceTest.validator(
                        TmfSpecFiles.TMF639, ResourceInventoryJson.TMF639_BASE);
        var report =
                validator.validate(
                        SimpleRequest.Builder.get(path).withAccept(TmfJson.JSON).build(),
                        SimpleResponse.Builder.status(404)
                                .withContentType(answer.type())
                                .withBody(answer.body().toString())
                                .build());
        assertThat(report.getMessages()).isEmpty();
    }

    @Test
    void the_validator_rejects_a_resource_that_breaks_the_spec() {
        OpenApiInteractionValidator validator =
                TmfConformanceTest.validator(
                        TmfSpecFiles.TMF639, ResourceInventoryJson.TMF639_BASE);
        String path = ResourceInventoryJson.TMF639_BASE + "/resource/agg-rtr-01";
        var report =
                validator.validate(
                        new SimpleRequest.Builder(Request.Method.GET, path).build(),
                        SimpleResponse.Builder.ok()
                                .withContentType(TmfJson.JSON)
                                .withBody(
                                        "{\"id\":\"agg-rtr-01\",\"href\":\"x\",\"resourceStatus\":\"UP\"}")
                                .build());
        assertThat(report.hasErrors()).isTrue();
    }

    @Test
    void the_http_clients_map_a_refusal_to_a_non_retriable_oss_exception() {
        var ordering = TmfHttpClients.over(facade.baseUri()).productOrdering();
        var atlantis =
                new ProductOrderRequest("FAN-TRAY", "atlantis", "site-01", "agg-rtr-01", false);

        assertThatThrownBy(() -> ordering.order(atlantis, "k"))
                .isInstanceOfSatisfying(
                        OssException.class,
                        e -> {
                            assertThat(e.retriable()).isFalse();
                            assertThat(e.api()).isEqualTo("TMF622");
                            assertThat(e.getMessage()).contains("atlantis");
                        });
    }

    @Test
    void a_stopped_facade_is_a_retriable_failure_for_the_clients() {
        URI base = facade.baseUri();
        facade.stop();

        assertThatThrownBy(() -> TmfHttpClients.over(base).resourceInventory().topology())
                .isInstanceOfSatisfying(
                        OssException.class, e -> assertThat(e.retriable()).isTrue());
    }

    @Test
    void the_facade_listens_on_loopback_only() {
        assertThat(facade.baseUri().getHost()).isIn(List.of("127.0.0.1", "0:0:0:0:0:0:0:1"));
        assertThat(facade.port()).isPositive();
    }

    @Test
    void a_reroute_feasibility_check_needs_no_key_and_moves_nothing() {
        String check =
                ServiceActivationJson.toActivationCreate("reroute", "agg-rtr-01", true).toString();
        var before = twin.ossBss().resourceInventory().resourceState("agg-rtr-01").orElseThrow();

        HttpAnswer answer =
                send(
                        "POST",
                        ServiceActivationJson.TMF640_BASE + "/service",
                        check,
                        Map.of("Content-Type", TmfJson.JSON));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body().path("state").asString())
                .isEqualTo(ServiceActivationJson.FEASIBILITY);
        assertThat(twin.ossBss().resourceInventory().resourceState("agg-rtr-01")).contains(before);
    }

    @Test
    void a_reroute_needs_a_key_and_acts_once_per_key() {
        String reroute =
                ServiceActivationJson.toActivationCreate("reroute", "agg-rtr-01", false).toString();

        assertThat(post(ServiceActivationJson.TMF640_BASE + "/service", reroute, null).status())
                .isEqualTo(400);
        HttpAnswer first = post(ServiceActivationJson.TMF640_BASE + "/service", reroute, "r-1");
        HttpAnswer again = post(ServiceActivationJson.TMF640_BASE + "/service", reroute, "r-1");

        assertThat(first.status()).isEqualTo(201);
        assertThat(again).isEqualTo(first);
        assertThat(
                        twin.ossBss()
                                .resourceInventory()
                                .findResource("agg-rtr-01")
                                .orElseThrow()
                                .resourceStatus())
                .isEqualTo(dev.autonoc.tools.oss.ResourceStatus.DRAINED);
    }

    @Test
    void an_unknown_action_is_a_bad_request_naming_the_actions_accepted() {
        String body =
                ServiceActivationJson.toActivationCreate("reboot", "agg-rtr-01", false).toString();

        HttpAnswer answer = post(ServiceActivationJson.TMF640_BASE + "/service", body, "a-1");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("field").asString()).isEqualTo("serviceSpecification.id");
        assertThat(answer.body().path("accepted").asString())
                .contains("reroute", "restore", "restart");
    }

    @Test
    void a_credit_that_is_not_positive_is_a_bad_request() {
        String body =
                CustomerBillJson.toCreditCreate(
                                "ent-001", dev.autonoc.tools.oss.Money.gbp(-5), "sla")
                        .toString();

        HttpAnswer answer =
                post(CustomerBillJson.TMF678_BASE + "/appliedCustomerBillingRate", body, "c-1");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("field").asString()).isEqualTo("taxExcludedAmount.value");
    }

    @Test
    void the_workforce_extension_lists_a_regions_engineers_with_travel_times() {
        var engineers = TmfHttpClients.over(facade.baseUri()).appointment();
        var local = twin.ossBss().appointment();

        var overHttp = engineers.engineers("north", java.util.Optional.of("site-01"));

        assertThat(overHttp).isEqualTo(local.engineers("north", java.util.Optional.of("site-01")));
        assertThat(overHttp).isNotEmpty().allSatisfy(e -> assertThat(e.travelTime()).isPresent());
        assertThat(engineers.findEngineer(overHttp.get(0).id()))
                .contains(local.findEngineer(overHttp.get(0).id()).orElseThrow());
        assertThat(engineers.findEngineer("nobody")).isEmpty();
    }

    @Test
    void every_client_answers_over_http_what_the_twin_answers_in_process() {
        var http = TmfHttpClients.ossBss(facade.baseUri());
        var local = twin.ossBss();

        assertThat(http.resourceInventory().topology())
                .isEqualTo(local.resourceInventory().topology());
        assertThat(http.resourceInventory().resourceState("agg-rtr-01"))
                .isEqualTo(local.resourceInventory().resourceState("agg-rtr-01"));
        assertThat(http.resourceInventory().telemetry("agg-rtr-01", 5))
                .isEqualTo(local.resourceInventory().telemetry("agg-rtr-01", 5));
        assertThat(http.serviceInventory().impactOf("agg-rtr-01"))
                .isEqualTo(local.serviceInventory().impactOf("agg-rtr-01"));
        assertThat(http.stockManagement().checkStock("PSU", "site-01"))
                .isEqualTo(local.stockManagement().checkStock("PSU", "site-01"));
        assertThat(http.serviceActivation().previewReroute("agg-rtr-01"))
                .isEqualTo(local.serviceActivation().previewReroute("agg-rtr-01"));
    }

    @Test
    void one_patch_can_add_a_note_and_close_the_ticket_and_a_repeat_changes_nothing() {
        String open =
                TroubleTicketJson.toTicketCreate(
                                new TicketRequest("case-9", "agg-rtr-01", "hot", "major"))
                        .toString();
        String id = post(TICKETS, open, "t-9").body().path("id").asString();
        var patch = TroubleTicketJson.toNoteAdded("agent", "fan tray swapped");
        patch.setAll(TroubleTicketJson.toClosing("fan tray replaced"));
        Map<String, String> headers =
                Map.of("Content-Type", TmfJson.JSON, TmfJson.IDEMPOTENCY_KEY, "p-9");

        HttpAnswer first = send("PATCH", TICKETS + "/" + id, patch.toString(), headers);
        HttpAnswer again = send("PATCH", TICKETS + "/" + id, patch.toString(), headers);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("status").asString()).isEqualTo("closed");
        assertThat(first.body().path("statusChangeReason").asString())
                .isEqualTo("fan tray replaced");
        assertThat(first.body().path("note")).hasSize(1);
        assertThat(again).isEqualTo(first);
        assertThat(twin.ossBss().troubleTicket().findByExternalId("case-9").orElseThrow().note())
                .hasSize(1);
    }

    @Test
    void a_ticket_served_once_is_found_by_its_id() {
        String open =
                TroubleTicketJson.toTicketCreate(
                                new TicketRequest("case-3", "agg-rtr-01", "hot", "minor"))
                        .toString();
        HttpAnswer created = post(TICKETS, open, "t-3");
        String id = created.body().path("id").asString();

        HttpAnswer found = send("GET", TICKETS + "/" + id, null, Map.of());

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body()).isEqualTo(created.body());
        assertThat(send("GET", TICKETS + "/no-such-ticket", null, Map.of()).status())
                .isEqualTo(404);
    }
}
