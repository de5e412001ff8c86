package dev.autonoc.simulators;

import static java.time.Duration.ofHours;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.simulators.http.TmfHttpFacade;
import dev.autonoc.tools.http.AppointmentJson;
import dev.autonoc.tools.http.CommunicationJson;
import dev.autonoc.tools.http.CustomerBillJson;
import dev.autonoc.tools.http.ProductOrderingJson;
import dev.autonoc.tools.http.ServiceActivationJson;
import dev.autonoc.tools.http.ServiceInventoryJson;
import dev.autonoc.tools.http.StockManagementJson;
import dev.autonoc.tools.http.TmfHttpClients;
import dev.autonoc.tools.http.TmfJson;
import dev.autonoc.tools.http.TroubleTicketJson;
import dev.autonoc.tools.oss.AppointmentRequest;
import dev.autonoc.tools.oss.Money;
import dev.autonoc.tools.oss.OssBss;
import dev.autonoc.tools.oss.ProductOrderRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every resource the façade serves is found again at its {@code href}, as it is now, and an id
 * never served is a 404 problem; every exchange goes through the validating proxy and keeps to the
 * official TM Forum spec of its API.
 */
class GetByIdTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private OperatorTwin twin;
    private TmfHttpFacade facade;
    private ValidatingProxy proxy;
    private OssBss clients;

    @BeforeEach
    void start() throws IOException {
        twin = Specs.metro(1).twin();
        facade = TmfHttpFacade.start(twin);
        proxy = new ValidatingProxy(TmfConformanceTest.VALIDATORS, facade.baseUri());
        clients = TmfHttpClients.ossBss(proxy.baseUri());
    }

    @AfterEach
    void everyExchangeKeptToItsSpec() {
        try {
            assertThat(proxy.validated()).isNotEmpty();
            assertThat(proxy.validated())
                    .allSatisfy(e -> assertThat(e.problems()).as(e.toString()).isEmpty());
        } finally {
            proxy.close();
            facade.stop();
        }
    }

    private HttpAnswer get(String path, String accept) {
        URI uri = proxy.baseUri().resolve(path.substring(1));
        return HttpAnswer.send(
                http, HttpRequest.newBuilder(uri).header("Accept", accept).GET().build());
    }

    private HttpAnswer get(String path) {
        return get(path, TmfJson.JSON);
    }

    @Test
    void an_order_is_found_by_id_and_is_completed_once_the_part_is_at_the_site() {
        var order =
                clients.productOrdering()
                        .order(
                                new ProductOrderRequest(
                                        "PSU", "north", "site-01", "agg-rtr-01", false),
                                "o-1");

        HttpAnswer placed = get(order.href());
        twin.advanceTo(order.expectedCompletionDate(), TwinListener.NONE);
        HttpAnswer delivered = get(order.href());

        assertThat(placed.status()).isEqualTo(200);
        assertThat(placed.body().path("id").asString()).isEqualTo(order.id());
        assertThat(placed.body().path("state").asString()).isEqualTo("acknowledged");
        assertThat(ProductOrderingJson.fromOrder(placed.body())).isEqualTo(order);
        assertThat(delivered.body().path("state").asString()).isEqualTo("completed");
    }

    @Test
    void an_appointment_is_found_by_id_and_is_completed_after_its_hour_on_site() {
        var booked =
                clients.appointment()
                        .book(
                                new AppointmentRequest(
                                        "eng-north-1",
                                        "agg-rtr-01",
                                        "site-01",
                                        Specs.at(ofHours(10)),
                                        "inspect",
                                        Optional.empty()),
                                "a-1");

        HttpAnswer confirmed = get(booked.href());
        twin.advanceTo(Specs.at(ofHours(11)), TwinListener.NONE);
        HttpAnswer done = get(booked.href());

        assertThat(AppointmentJson.fromAppointment(confirmed.body())).isEqualTo(booked);
        assertThat(done.body().path("status").asString()).isEqualTo("completed");
    }

    @Test
    void a_message_a_credit_and_a_restart_are_found_by_id() {
        var message = clients.communication().notifyCustomers("cell-01-1", "works tonight", "m-1");
        var credit =
                clients.customerBill().applyCredit("ent-01", Money.gbp(40), "sla breach", "c-1");
        var restart = clients.serviceActivation().restart("core-rtr-02", "r-1");
        String restartHref = ServiceActivationJson.TMF640_BASE + "/service/" + restart.id();

        assertThat(CommunicationJson.fromMessage(get(message.href()).body())).isEqualTo(message);
        assertThat(CustomerBillJson.fromCredit(get(credit.href()).body())).isEqualTo(credit);
        assertThat(ServiceActivationJson.fromActivation(get(restartHref).body()))
                .isEqualTo(restart);

        twin.advanceTo(restart.completionDate().orElseThrow(), TwinListener.NONE);
        assertThat(ServiceActivationJson.fromActivation(get(restartHref).body()).state())
                .isEqualTo("completed");
    }

    @Test
    void a_stock_entry_shows_the_level_now_and_a_service_as_listed() {
        var before = clients.stockManagement().checkStock("FAN-TRAY", "site-01");
        String href = StockManagementJson.TMF687_BASE + "/productStock/FAN-TRAY@north";
        long north = before.option("north").orElseThrow().availableQuantity();
        clients.productOrdering()
                .order(
                        new ProductOrderRequest(
                                "FAN-TRAY", "north", "site-01", "agg-rtr-01", false),
                        "o-2");

        HttpAnswer now = get(href);

        assertThat(now.body().path("productStockLevel").path("amount").asLong())
                .isEqualTo(north - 1);
        var impact = clients.serviceInventory().impactOf("agg-rtr-01");
        HttpAnswer access =
                get(ServiceInventoryJson.TMF638_BASE + "/service/consumer-access-agg-rtr-01");
        assertThat(access.status()).isEqualTo(200);
        assertThat(access.body().path("category").asString())
                .isEqualTo(ServiceInventoryJson.CONSUMER_ACCESS);
        for (var slice : impact.enterpriseSlices()) {
            assertThat(get(slice.href()).body().path("id").asString()).isEqualTo(slice.id());
        }
    }

    @Test
    void an_id_never_served_is_a_404_problem_naming_it_in_every_api() {
        for (String path :
                new String[] {
                    ProductOrderingJson.TMF622_BASE + "/productOrder/po-9999",
                    AppointmentJson.TMF646_BASE + "/appointment/job-9999",
                    CommunicationJson.TMF681_BASE + "/communicationMessage/msg-9999",
                    ServiceActivationJson.TMF640_BASE + "/service/act-9999",
                    CustomerBillJson.TMF678_BASE + "/appliedCustomerBillingRate/cr-9999",
                    StockManagementJson.TMF687_BASE + "/productStock/PSU@atlantis",
                    ServiceInventoryJson.TMF638_BASE + "/service/slice-99",
                    TroubleTicketJson.TMF621_BASE + "/troubleTicket/tt-9999"
                }) {
            HttpAnswer problem = get(path, TmfJson.JSON + ", " + TmfJson.PROBLEM_JSON);
            HttpAnswer error = get(path); // a client that accepts only the specs' media type

            assertThat(problem.status()).as(path).isEqualTo(404);
            assertThat(problem.type()).isEqualTo(TmfJson.PROBLEM_JSON);
            assertThat(problem.body().path("status").asInt()).isEqualTo(404);
            assertThat(problem.body().path("detail").asString())
                    .contains(path.substring(path.lastIndexOf('/') + 1));
            assertThat(error.status()).isEqualTo(404);
            assertThat(error.body().path("code").asString()).isEqualTo("404");
        }
    }
}
