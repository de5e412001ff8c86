package dev.autonoc.simulators;

import dev.autonoc.tools.catalogue.ToolCatalogueContractTest;

/**
 * The tool catalogue's contract in process: the standard tools over the twin's own OSS/BSS clients
 * ({@code TwinOssBss}), on the twin's clock, time moved on by advancing the twin.
 */
class ToolCatalogueOverTwinTest extends ToolCatalogueContractTest {

    @Override
    protected Operator newOperator() {
        OperatorTwin twin = Specs.metro(1).twin();
        return new Operator(
                twin.ossBss(), twin.clock(), by -> twin.advanceBy(by, TwinListener.NONE));
    }
}
