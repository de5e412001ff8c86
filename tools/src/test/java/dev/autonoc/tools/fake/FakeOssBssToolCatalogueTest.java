package dev.autonoc.tools.fake;

import dev.autonoc.tools.catalogue.ToolCatalogueContractTest;
import java.time.Instant;

/**
 * The catalogue contract over the in-memory operator, on a Monday morning; from another package
 * than the contract, as the simulators run it.
 */
class FakeOssBssToolCatalogueTest extends ToolCatalogueContractTest {

    @Override
    protected Operator newOperator() {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-06T10:00:00Z"));
        return new Operator(new FakeOssBss(clock).ossBss(), clock, clock::advance);
    }
}
