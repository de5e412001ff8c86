package dev.autonoc.service.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.autonoc.core.prediction.FailureMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElementsApiTest extends ApiTestBase {

    @Test
    void elements_at_risk_need_a_signed_in_user() throws Exception {
        mvc.perform(get("/api/elements/at-risk")).andExpect(status().isUnauthorized());
    }

    @Test
    void elements_at_risk_show_the_latest_predictions_with_their_evidence() throws Exception {
        simulation.elements = List.of(Fixtures.LINK, Fixtures.CORE);
        simulation.atRisk =
                List.of(
                        Fixtures.prediction(Fixtures.LINK, FailureMode.LASER_AGING),
                        Fixtures.prediction(Fixtures.CORE, FailureMode.MEMORY_LEAK));

        mvc.perform(get("/api/elements/at-risk").with(operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].element").value("link-agg-01-core-01"))
                .andExpect(jsonPath("$[0].elementDetail.kind").value("LINK"))
                .andExpect(jsonPath("$[0].elementDetail.region").value("north"))
                .andExpect(jsonPath("$[0].probability").value(0.87))
                .andExpect(jsonPath("$[0].horizon").value("PT48H"))
                .andExpect(jsonPath("$[0].mode").value("LASER_AGING"))
                .andExpect(jsonPath("$[0].timeToFailure").value("PT40H"))
                .andExpect(jsonPath("$[0].expectedFailureAt").value("2025-01-08T22:00:00Z"))
                .andExpect(jsonPath("$[0].evidence[0].contribution").value(0.31))
                .andExpect(jsonPath("$[0].modelVersion").value("model-test-1"))
                .andExpect(jsonPath("$[1].mode").value("MEMORY_LEAK"));
    }

    @Test
    void no_element_at_risk_is_an_empty_list() throws Exception {
        mvc.perform(get("/api/elements/at-risk").with(auditor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
    }
}
