package dev.autonoc.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.service.simulation.Simulation;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AutonocApplicationTest extends FullAppTestBase {

    @Autowired Simulation simulation;

    @Test
    void the_service_starts_on_embedded_defaults_and_answers_with_the_simulation_status()
            throws Exception {
        HttpResponse<String> response = call("GET", "/api/simulation", "operator");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"startedAt\":\"2025-01-06T00:00:00Z\"")
                .contains("\"preset\":\"metro\"")
                .contains("\"pace\":3600.0")
                .contains("\"running\":false");
        assertThat(DATA_DIR.resolve("autonoc.mv.db"))
                .as("the ledger's H2 file under the data folder")
                .exists();
    }

    @Test
    void a_supervisor_advances_the_simulation_and_the_ledger_stays_intact() throws Exception {
        Instant before = simulation.now();

        HttpResponse<String> advanced =
                call("POST", "/api/simulation/advance?duration=PT6H", "supervisor");

        assertThat(advanced.statusCode()).isEqualTo(200);
        assertThat(simulation.now()).isEqualTo(before.plus(Duration.ofHours(6)));
        assertThat(advanced.body())
                .contains("\"simTime\":\"" + before.plus(Duration.ofHours(6)) + "\"");
        HttpResponse<String> verified = call("GET", "/api/audit/verify", "auditor");
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(verified.body()).contains("\"intact\":true");
    }

    @Test
    void an_operator_may_not_advance_the_real_simulation() throws Exception {
        Instant before = simulation.now();

        HttpResponse<String> refused =
                call("POST", "/api/simulation/advance?duration=PT6H", "operator");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(simulation.now()).isEqualTo(before);
    }
}
