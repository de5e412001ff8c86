package dev.autonoc.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class SimulationApiTest extends ApiTestBase {

    @Test
    void any_signed_in_user_sees_the_simulated_time_and_pace() throws Exception {
        mvc.perform(get("/api/simulation").with(auditor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.simTime").value("2025-01-07T06:00:00Z"))
                .andExpect(jsonPath("$.startedAt").value("2025-01-06T00:00:00Z"))
                .andExpect(jsonPath("$.pace").value(3600.0))
                .andExpect(jsonPath("$.tick").value("PT5M"))
                .andExpect(jsonPath("$.running").value(true))
                .andExpect(jsonPath("$.preset").value("metro"));
    }

    @Test
    void an_operator_may_not_drive_the_simulation() throws Exception {
        mvc.perform(post("/api/simulation/advance").param("duration", "PT6H").with(operator()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("[noc_supervisor]")));
        mvc.perform(post("/api/simulation/pause").with(operator()))
                .andExpect(status().isForbidden());
        assertThat(simulation.advances).isEmpty();
        assertThat(simulation.running).isTrue();
    }

    @Test
    void a_supervisor_advances_the_simulation() throws Exception {
        mvc.perform(post("/api/simulation/advance").param("duration", "PT6H").with(supervisor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.simTime").value("2025-01-07T12:00:00Z"));
        assertThat(simulation.advances).containsExactly(Duration.ofHours(6));
    }

    @Test
    void a_supervisor_pauses_and_resumes_the_simulation() throws Exception {
        mvc.perform(post("/api/simulation/pause").with(supervisor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.running").value(false));
        mvc.perform(post("/api/simulation/resume").with(supervisor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.running").value(true));
    }

    @Test
    void an_advance_needs_an_iso_duration() throws Exception {
        mvc.perform(post("/api/simulation/advance").with(supervisor()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.parameter").value("duration"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("is required")));
        mvc.perform(post("/api/simulation/advance").param("duration", "6 hours").with(supervisor()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("e.g. PT6H")));
        mvc.perform(post("/api/simulation/advance").param("duration", "P60D").with(supervisor()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("at most")));
        assertThat(simulation.advances).isEmpty();
    }
}
