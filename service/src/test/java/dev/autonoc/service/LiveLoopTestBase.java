package dev.autonoc.service;

import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A second whole application, for the tests that change the loop's world for good (approvals that
 * expire, guards' counters run up by MCP calls): its own data folder, started paused, with
 * approvals that wait 12 simulated hours. Its subclasses share it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "autonoc.simulation.auto-start=false",
            "autonoc.approvals.timeout=12h",
            // the tests call faster than a person would: the limits are tested on their own
            "autonoc.security.limits.api-per-second=100000",
            "autonoc.security.limits.api-burst=100000",
            "autonoc.security.limits.mcp-per-minute=1000000",
            "autonoc.security.limits.mcp-burst=100000"
        })
abstract class LiveLoopTestBase {

    static final Path DATA_DIR = FullAppTestBase.freshDataDir();

    @LocalServerPort int port;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("autonoc.data-dir", DATA_DIR::toString);
    }

    String base() {
        return "http://localhost:" + port;
    }

    ApiClient api() {
        return new ApiClient(base());
    }
}
