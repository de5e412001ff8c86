package dev.autonoc.service.connected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The settings of docs/connected-mode.md, bound the way Spring Boot binds them. */
class ConnectedPropertiesTest {

    private static ConnectedProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("autonoc.connected", ConnectedProperties.class);
    }

    @Test
    void no_settings_give_the_documented_defaults() {
        ConnectedProperties p = bind(Map.of());
        assertThat(p.networkId()).isEqualTo("live");
        assertThat(p.tickInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.futureTolerance()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.telemetry().settings())
                .isEqualTo(
                        new IngestSettings(
                                "autonoc.telemetry",
                                "autonoc.telemetry.dlt",
                                "autonoc",
                                1,
                                Duration.ofMillis(500)));
        ConnectedProperties.Endpoint e = p.tmf().endpoint(TmfApi.TROUBLE_TICKET);
        assertThat(e.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8081/"));
        assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(e.auth().type()).isEqualTo("none");
    }

    @Test
    void one_api_overrides_the_common_endpoint_time_out_and_sign_in() {
        ConnectedProperties p =
                bind(
                        Map.of(
                                "autonoc.connected.tmf.base-url", "https://oss.example.net/",
                                "autonoc.connected.tmf.auth.type", "bearer",
                                "autonoc.connected.tmf.auth.token", "t0",
                                "autonoc.connected.tmf.apis.trouble-ticket.base-url",
                                        "https://tickets.example.net/",
                                "autonoc.connected.tmf.apis.trouble-ticket.timeout", "3s",
                                "autonoc.connected.tmf.apis.trouble-ticket.auth.type", "oauth2",
                                "autonoc.connected.tmf.apis.trouble-ticket.auth.token-uri",
                                        "https://login.example.net/token",
                                "autonoc.connected.tmf.apis.trouble-ticket.auth.client-id", "noc",
                                "autonoc.connected.tmf.apis.trouble-ticket.auth.client-secret", "s",
                                "autonoc.connected.tmf.apis.trouble-ticket.auth.scopes", "a,b"));

        ConnectedProperties.Endpoint tickets = p.tmf().endpoint(TmfApi.TROUBLE_TICKET);
        assertThat(tickets.baseUrl()).isEqualTo(URI.create("https://tickets.example.net/"));
        assertThat(tickets.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(tickets.auth().type()).isEqualTo("oauth2");
        assertThat(tickets.auth().scopes()).isEqualTo(List.of("a", "b"));
        ConnectedProperties.Endpoint orders = p.tmf().endpoint(TmfApi.PRODUCT_ORDERING);
        assertThat(orders.baseUrl()).isEqualTo(URI.create("https://oss.example.net/"));
        assertThat(orders.auth().token()).isEqualTo("t0");
    }

    @Test
    void autonomy_levels_bind_per_tool_and_element_group() {
        ConnectedProperties p =
                bind(
                        Map.of(
                                "autonoc.connected.autonomy.default-level", "propose",
                                "autonoc.connected.autonomy.rules[0].tools",
                                        "restart_element,reroute_traffic",
                                "autonoc.connected.autonomy.rules[0].kinds", "ROUTER",
                                "autonoc.connected.autonomy.rules[0].regions", "north",
                                "autonoc.connected.autonomy.rules[0].level", "observe"));
        dev.autonoc.core.network.Element core =
                new dev.autonoc.core.network.Element(
                        dev.autonoc.core.network.ElementId.of("core-rtr-01"),
                        dev.autonoc.core.network.ElementKind.ROUTER,
                        "core",
                        "north",
                        "n1");
        assertThat(p.autonomy().levelFor("reroute_traffic", core))
                .isEqualTo(AutonomyLevels.Level.OBSERVE);
        assertThat(p.autonomy().levelFor("order_part", core))
                .isEqualTo(AutonomyLevels.Level.PROPOSE);
        assertThat(bind(Map.of()).autonomy().levelFor("order_part", core))
                .isEqualTo(AutonomyLevels.Level.AUTO);
    }

    @Test
    void a_wrong_setting_stops_the_start_naming_it() {
        assertThatThrownBy(() -> bind(Map.of("autonoc.connected.network-id", "Live Network")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("autonoc.connected.network-id")
                .hasMessageContaining("'Live Network'");
        assertThatThrownBy(() -> bind(Map.of("autonoc.connected.tmf.apis.tickets.timeout", "1s")))
                .rootCause()
                .hasMessageContaining("'tickets'");
        assertThatThrownBy(() -> bind(Map.of("autonoc.connected.telemetry.concurrency", "0")))
                .rootCause()
                .hasMessageContaining("concurrency must be at least 1");
        assertThatThrownBy(() -> bind(Map.of("autonoc.connected.new-cases-at-once", "0")))
                .rootCause()
                .hasMessageContaining("autonoc.connected.new-cases-at-once must be 1")
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> bind(Map.of("autonoc.connected.cold-start-cases", "-1")))
                .rootCause()
                .hasMessageContaining("autonoc.connected.cold-start-cases must be 0")
                .hasMessageContaining("got -1");
    }

    @Test
    void the_predictors_exchange_their_shares_every_second_and_drop_one_ten_seconds_old() {
        assertThat(bind(Map.of()).shares())
                .isEqualTo(
                        new ConnectedProperties.Shares(
                                java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(10)));
        assertThatThrownBy(() -> bind(Map.of("autonoc.connected.shares.interval", "0s")))
                .rootCause()
                .hasMessageContaining("autonoc.connected.shares.interval must be a positive");
        assertThatThrownBy(
                        () ->
                                bind(
                                        Map.of(
                                                "autonoc.connected.shares.interval", "5s",
                                                "autonoc.connected.shares.stale-after", "6s")))
                .rootCause()
                .hasMessageContaining("stale-after (PT6S) must be at least twice")
                .hasMessageContaining("interval (PT5S)");
    }

    @Test
    void the_predictor_is_checkpointed_every_five_minutes_inside_the_warm_up_window() {
        assertThat(bind(Map.of()).telemetry().checkpoints()).isEqualTo(Duration.ofMinutes(5));
        assertThat(
                        bind(Map.of("autonoc.connected.telemetry.checkpoint-interval", "0"))
                                .telemetry()
                                .checkpoints())
                .isZero();
        assertThat(
                        bind(Map.of("autonoc.connected.telemetry.warm-up", "0"))
                                .telemetry()
                                .checkpoints())
                .as("nothing takes a state over without a warm-up")
                .isZero();
        assertThatThrownBy(
                        () ->
                                bind(
                                        Map.of(
                                                "autonoc.connected.telemetry.warm-up", "1h",
                                                "autonoc.connected.telemetry.checkpoint-interval",
                                                        "1h")))
                .rootCause()
                .hasMessageContaining("autonoc.connected.telemetry.checkpoint-interval must be")
                .hasMessageContaining("shorter than autonoc.connected.telemetry.warm-up (PT1H)")
                .hasMessageContaining("got PT1H");
        assertThatThrownBy(
                        () ->
                                bind(
                                        Map.of(
                                                "autonoc.connected.telemetry.checkpoint-interval",
                                                "-1s")))
                .rootCause()
                .hasMessageContaining("got PT-1S");
    }

    @Test
    void an_instance_warms_up_on_eight_throwaway_cases_at_start_unless_set() {
        assertThat(bind(Map.of()).coldStartCases()).isEqualTo(8);
        assertThat(bind(Map.of("autonoc.connected.cold-start-cases", "0")).coldStartCases())
                .isZero();
    }

    @Test
    void new_cases_are_worked_four_at_once_unless_set() {
        assertThat(bind(Map.of()).newCasesAtOnce()).isEqualTo(4);
        assertThat(bind(Map.of("autonoc.connected.new-cases-at-once", "1")).newCasesAtOnce())
                .isEqualTo(1);
        try (LoopWorkers one = new LoopWorkers(1)) {
            assertThatThrownBy(one::newCases).hasMessageContaining("one new case at a time");
        }
    }
}
