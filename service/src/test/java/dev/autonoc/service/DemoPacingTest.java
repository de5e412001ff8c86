package dev.autonoc.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import tools.jackson.databind.JsonNode;

/**
 * The demo as `./autonoc serve` runs it: the embedded defaults untouched (the demo's faults, an
 * hour a second, approvals that wait a simulated day, the clock slowed to real time while a person
 * is needed). The first request for approval appears within two minutes, the clock slows to real
 * time and says why, and the request waits: at a simulated second a second, the day it may wait is
 * a real day. It is still waiting five minutes later: the wall clock the simulation is paced by is
 * this test's {@link ShiftedClock}, real time that the test moves five minutes on at once, so the
 * driver sees five minutes pass (and runs the one five-minute tick they are worth at real time)
 * without the test taking five minutes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoPacingTest {

    static final Path DATA_DIR = FullAppTestBase.freshDataDir();

    static final ShiftedClock WALL = new ShiftedClock();

    @LocalServerPort int port;

    @TestBean(name = "wallClock", methodName = "wall")
    Clock wallClock;

    static Clock wall() {
        return WALL;
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("autonoc.data-dir", DATA_DIR::toString);
    }

    @Test
    void the_first_approval_appears_within_two_minutes_and_still_waits_five_minutes_later()
            throws Exception {
        ApiClient api = new ApiClient("http://localhost:" + port);

        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api.json("GET", "/api/approvals", "operator", null, 200).size() > 0);
        JsonNode request = api.json("GET", "/api/approvals", "operator", null, 200).get(0);
        String id = request.at("/id").asString();

        // the pacing rechecks twice a second: the clock slows within a moment
        await().atMost(Duration.ofSeconds(10))
                .until(() -> status(api).at("/pacing/state").asString().equals("real-time"));
        JsonNode slowed = status(api);
        assertThat(slowed.at("/pacing/pace").asDouble()).isEqualTo(1.0);
        assertThat(slowed.at("/pacing/reason").asString()).contains("approval");
        assertThat(slowed.at("/running").asBoolean()).isTrue();
        Instant before = Instant.parse(slowed.at("/simTime").asString());

        Thread.sleep(6_000);

        JsonNode later = status(api);
        Instant after = Instant.parse(later.at("/simTime").asString());
        // a second a second: six seconds move the clock by at most the one five-minute tick
        // that fell due meanwhile, not the six hours the fast pace would have run
        assertThat(Duration.between(before, after)).isLessThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(later.at("/pacing/state").asString()).isEqualTo("real-time");
        JsonNode still = api.json("GET", "/api/approvals", "operator", null, 200);
        assertThat(still.findValuesAsString("id")).contains(id);

        // five minutes later, by the wall clock the simulation is paced by
        WALL.skip(Duration.ofMinutes(5));
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                !Instant.parse(status(api).at("/simTime").asString())
                                        .isBefore(after.plus(Duration.ofMinutes(5))));
        JsonNode fiveMinutesOn = status(api);
        Instant then = Instant.parse(fiveMinutesOn.at("/simTime").asString());
        // the five minutes ran at real time: a tick or two, not the five hours of the fast pace
        assertThat(Duration.between(after, then)).isLessThanOrEqualTo(Duration.ofMinutes(15));
        assertThat(fiveMinutesOn.at("/pacing/state").asString()).isEqualTo("real-time");
        JsonNode stillWaiting = api.json("GET", "/api/approvals", "operator", null, 200);
        assertThat(stillWaiting.findValuesAsString("id"))
                .as("the request still waits five minutes later")
                .contains(id);
    }

    private static JsonNode status(ApiClient api) throws Exception {
        return api.json("GET", "/api/simulation", "operator", null, 200);
    }
}
