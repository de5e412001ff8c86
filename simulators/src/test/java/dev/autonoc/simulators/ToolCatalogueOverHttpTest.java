package dev.autonoc.simulators;

import dev.autonoc.simulators.http.TmfHttpFacade;
import dev.autonoc.tools.catalogue.ToolCatalogueContractTest;
import dev.autonoc.tools.http.TmfHttpClients;
import dev.autonoc.tools.oss.OssBss;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;

/**
 * The tool catalogue's contract over real HTTP: every OSS/BSS API through the HTTP clients and the
 * façade over a fresh twin.
 */
class ToolCatalogueOverHttpTest extends ToolCatalogueContractTest {

    private TmfHttpFacade facade;

    @Override
    protected Operator newOperator() {
        OperatorTwin twin = Specs.metro(1).twin();
        facade = TmfHttpFacade.start(twin);
        return new Operator(
                overHttp(facade.baseUri()),
                twin.clock(),
                by -> twin.advanceBy(by, TwinListener.NONE));
    }

    /** Every OSS/BSS API of the twin through the HTTP clients to the façade at {@code base}. */
    static OssBss overHttp(URI base) {
        return TmfHttpClients.ossBss(base);
    }

    @AfterEach
    void stopFacade() {
        if (facade != null) {
            facade.stop();
        }
    }
}
