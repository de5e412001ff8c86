package dev.autonoc.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import dev.autonoc.simulators.http.TmfHttpFacade;
import dev.autonoc.tools.catalogue.ToolCatalogueContractTest;
import dev.autonoc.tools.http.AppointmentJson;
import dev.autonoc.tools.http.CommunicationJson;
import dev.autonoc.tools.http.CustomerBillJson;
import dev.autonoc.tools.http.ProductOrderingJson;
import dev.autonoc.tools.http.ResourceInventoryJson;
import dev.autonoc.tools.http.ServiceActivationJson;
import dev.autonoc.tools.http.ServiceInventoryJson;
import dev.autonoc.tools.http.StockManagementJson;
import dev.autonoc.tools.http.TroubleTicketJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/**
 * Runs the whole tool-catalogue contract through a proxy that validates every request the HTTP
 * clients send and every response the façade returns against the official TM Forum specs of all
 * nine APIs. After each test: no exchange broke its spec, and the only exchanges outside the specs
 * are the operator extensions' (telemetry and the field workforce, which TMF v4 has no resource
 * for). A credit's POST to TMF678's read-only {@code appliedCustomerBillingRate} is validated as
 * far as the spec goes: its answer as the spec's answer to a GET of that credit.
 */
class TmfConformanceTest extends ToolCatalogueContractTest {

    static final Map<String, OpenApiInteractionValidator> VALIDATORS =
            Map.of(
                    TroubleTicketJson.TMF621_BASE,
                            validator(TmfSpecFiles.TMF621, TroubleTicketJson.TMF621_BASE),
                    ProductOrderingJson.TMF622_BASE,
                            validator(TmfSpecFiles.TMF622, ProductOrderingJson.TMF622_BASE),
                    ResourceInventoryJson.TMF639_BASE,
                            validator(TmfSpecFiles.TMF639, ResourceInventoryJson.TMF639_BASE),
                    ServiceInventoryJson.TMF638_BASE,
                            validator(TmfSpecFiles.TMF638, ServiceInventoryJson.TMF638_BASE),
                    StockManagementJson.TMF687_BASE,
                            validator(TmfSpecFiles.TMF687, StockManagementJson.TMF687_BASE),
                    CommunicationJson.TMF681_BASE,
                            validator(TmfSpecFiles.TMF681, CommunicationJson.TMF681_BASE),
                    AppointmentJson.TMF646_BASE,
                            validator(TmfSpecFiles.TMF646, AppointmentJson.TMF646_BASE),
                    ServiceActivationJson.TMF640_BASE,
                            validator(TmfSpecFiles.TMF640, ServiceActivationJson.TMF640_BASE),
                    CustomerBillJson.TMF678_BASE,
                            validator(TmfSpecFiles.TMF678, CustomerBillJson.TMF678_BASE));

    /** What the suite exchanged, over all its tests: "METHOD path-template". */
    private static final java.util.Set<String> SEEN =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    private TmfHttpFacade facade;
    private ValidatingProxy proxy;

    static OpenApiInteractionValidator validator(String file, String basePath) {
        return OpenApiInteractionValidator.createFor(TmfSpecFiles.spec(file).toString())
                .withBasePathOverride(basePath)
                .build();
    }

    @Override
    protected Operator newOperator() {
        OperatorTwin twin = Specs.metro(1).twin();
        facade = TmfHttpFacade.start(twin);
        try {
            proxy = new ValidatingProxy(VALIDATORS, facade.baseUri());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Operator(
                ToolCatalogueOverHttpTest.overHttp(proxy.baseUri()),
                twin.clock(),
                by -> twin.advanceBy(by, TwinListener.NONE));
    }

    @AfterEach
    void everyExchangeKeptToItsSpec() {
        for (ValidatingProxy.Exchange e : proxy.validated()) {
            SEEN.add(e.method() + " " + e.path());
        }
        try {
            assertThat(proxy.validated())
                    .allSatisfy(e -> assertThat(e.problems()).as(e.toString()).isEmpty());
            assertThat(proxy.unvalidated())
                    .allSatisfy(
                            e ->
                                    assertThat(e.path())
                                            .matches(
                                                    ResourceInventoryJson.TELEMETRY_BASE
                                                            + "/[^/]+|"
                                                            + AppointmentJson.ENGINEERS_BASE
                                                            + "(/[^/]+)?"));
        } finally {
            proxy.close();
            facade.stop();
        }
    }

    @AfterAll
    static void the_suite_crossed_every_endpoint_served() {
        List<String> served =
                List.of(
                        "POST " + TroubleTicketJson.TMF621_BASE + "/troubleTicket",
                        "GET " + TroubleTicketJson.TMF621_BASE + "/troubleTicket",
                        "PATCH " + TroubleTicketJson.TMF621_BASE + "/troubleTicket/[^/]+",
                        "POST " + ProductOrderingJson.TMF622_BASE + "/productOrder",
                        "GET " + ProductOrderingJson.TMF622_BASE + "/productOrder",
                        "GET " + ProductOrderingJson.TMF622_BASE + "/productOrder/[^/]+",
                        "POST " + ProductOrderingJson.TMF622_BASE + "/cancelProductOrder",
                        "GET " + ResourceInventoryJson.TMF639_BASE + "/resource",
                        "GET " + ResourceInventoryJson.TMF639_BASE + "/resource/[^/]+",
                        "GET " + ServiceInventoryJson.TMF638_BASE + "/service",
                        "GET " + StockManagementJson.TMF687_BASE + "/productStock",
                        "POST " + CommunicationJson.TMF681_BASE + "/communicationMessage",
                        "POST " + AppointmentJson.TMF646_BASE + "/appointment",
                        "GET " + AppointmentJson.TMF646_BASE + "/appointment",
                        "GET " + AppointmentJson.TMF646_BASE + "/appointment/[^/]+",
                        "PATCH " + AppointmentJson.TMF646_BASE + "/appointment/[^/]+",
                        "POST " + ServiceActivationJson.TMF640_BASE + "/service",
                        "POST " + CustomerBillJson.TMF678_BASE + "/appliedCustomerBillingRate");
        for (String endpoint : served) {
            assertThat(SEEN).as(endpoint).anyMatch(e -> e.matches(endpoint));
        }
    }
}
