package dev.autonoc.simulators;

import static java.time.Duration.ofHours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult.Outcome;
import dev.autonoc.simulators.http.TmfHttpFacade;
import dev.autonoc.tools.http.TmfHttpClients;
import dev.autonoc.tools.oss.OperatorRecords;
import dev.autonoc.tools.oss.OssException;
import dev.autonoc.tools.oss.ProductOrderRequest;
import dev.autonoc.tools.oss.RecordedAct;
import dev.autonoc.tools.oss.TicketRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The TMF list queries over a period that the shadow-mode report reads (tickets, orders,
 * activations made through the façade, whoever made them), over real HTTP: each act at the twin's
 * time it was made, filtered by period and element, as it is now; a bad bound is a 400 naming it.
 */
class RecordsOverHttpTest {

    @Test
    void what_was_made_through_the_facade_is_listed_by_period_and_element_as_it_is_now() {
        OperatorTwin twin = Specs.metro(5).twin();
        try (TmfHttpFacade facade = TmfHttpFacade.start(twin)) {
            TmfHttpClients clients = TmfHttpClients.over(facade.baseUri());
            Instant start = twin.now();
            twin.advanceTo(start.plus(ofHours(1)), TwinListener.NONE);
            clients.troubleTicket()
                    .create(
                            new TicketRequest("INC-1", "agg-rtr-01", "fan noise", "minor"),
                            "staff-1");
            twin.advanceTo(start.plus(ofHours(3)), TwinListener.NONE);
            clients.productOrdering()
                    .order(
                            new ProductOrderRequest(
                                    "FAN-TRAY", "north", "site-01", "agg-rtr-01", false),
                            "staff-2");
            twin.advanceTo(start.plus(ofHours(4)), TwinListener.NONE);
            clients.serviceActivation().reroute("core-rtr-02", "staff-3");
            // a feasibility check makes nothing
            clients.serviceActivation().previewReroute("core-rtr-02");
            twin.advanceTo(start.plus(ofHours(5)), TwinListener.NONE);
            OperatorRecords records = clients.records();

            List<RecordedAct> all = records.between(start, twin.now(), Optional.empty());

            assertThat(all)
                    .extracting(RecordedAct::tool, RecordedAct::externalId, RecordedAct::elementId)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    ToolNames.OPEN_TICKET, "INC-1", "agg-rtr-01"),
                            org.assertj.core.groups.Tuple.tuple(
                                    ToolNames.ORDER_PART, "staff-2", "agg-rtr-01"),
                            org.assertj.core.groups.Tuple.tuple(
                                    ToolNames.REROUTE_TRAFFIC, "staff-3", "core-rtr-02"));
            assertThat(all.get(0).at()).isEqualTo(start.plus(ofHours(1)));
            assertThat(all.get(1).at()).isEqualTo(start.plus(ofHours(3)));
            assertThat(all.get(1).state()).as("as it is now").isEqualTo("inProgress");
            assertThat(records.between(start, twin.now(), Optional.of("core-rtr-02")))
                    .extracting(RecordedAct::tool)
                    .containsExactly(ToolNames.REROUTE_TRAFFIC);
            assertThat(
                            records.between(
                                    start.plus(ofHours(2)),
                                    start.plus(ofHours(3)),
                                    Optional.empty()))
                    .as("[from, to): the order at to is not in it")
                    .isEmpty();
            assertThat(clients.ticketRecords().between(start, twin.now(), Optional.empty()))
                    .singleElement()
                    .satisfies(t -> assertThat(t.id()).startsWith("tt-"));
        }
    }

    @Test
    void a_bound_that_is_not_an_instant_is_refused_naming_it() throws Exception {
        OperatorTwin twin = Specs.metro(5).twin();
        try (TmfHttpFacade facade = TmfHttpFacade.start(twin)) {
            HttpResponse<String> r =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            facade.baseUri()
                                                                    + "tmf-api/productOrderingManagement/v4/productOrder?creationDate.gte=monday"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("creationDate.gte", "ISO-8601");
            assertThatThrownBy(
                            () ->
                                    TmfHttpClients.over(URI.create("http://127.0.0.1:1/"))
                                            .records()
                                            .between(
                                                    twin.now(),
                                                    twin.now().plusSeconds(1),
                                                    Optional.empty()))
                    .isInstanceOfSatisfying(
                            OssException.class,
                            e -> assertThat(e.outcome()).isEqualTo(Outcome.TRANSIENT));
        }
    }
}
