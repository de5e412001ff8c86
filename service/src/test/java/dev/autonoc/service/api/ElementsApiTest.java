package dev.autonoc.service.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.service.history.TelemetryHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ElementsApiTest extends ApiTestBase {

    @Autowired TelemetryHistory history;

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
    void an_elements_telemetry_comes_in_hourly_points_of_each_metric_with_the_predictors_scores()
            throws Exception {
        simulation.elements = List.of(Fixtures.LINK, Fixtures.CORE);
        // four hours before the simulated now (T0), twelve samples an hour
        Instant start = Fixtures.T0.minus(Duration.ofHours(4));
        for (int i = 0; i < 48; i++) {
            double[] values = TelemetrySample.emptyValues();
            values[Metric.OPTICAL_RX_DBM.ordinal()] = -3.0 - i * 0.01;
            values[Metric.UTILIZATION.ordinal()] = 0.5;
            history.record(
                    new TelemetrySample(
                            Fixtures.LINK.id(), start.plus(Duration.ofMinutes(5L * i)), values));
        }
        history.score(Fixtures.LINK.id(), start, 0.01);
        history.alarmed(
                List.of(
                        new Prediction(
                                Fixtures.LINK.id(),
                                start.plus(Duration.ofHours(3)),
                                0.07,
                                FailureMode.LASER_AGING,
                                Duration.ofHours(60),
                                List.of(),
                                "model-test-1")));

        mvc.perform(get("/api/elements/link-agg-01-core-01/telemetry").with(auditor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.element.id").value("link-agg-01-core-01"))
                .andExpect(jsonPath("$.to").value("2025-01-07T06:00:00Z"))
                .andExpect(jsonPath("$.from").value("2024-12-31T06:00:00Z"))
                .andExpect(jsonPath("$.bucket").value("PT1H"))
                .andExpect(jsonPath("$.kept").value("PT168H"))
                .andExpect(jsonPath("$.metrics.length()").value(2))
                .andExpect(jsonPath("$.metrics[0].metric").value("optical_rx_dbm"))
                .andExpect(jsonPath("$.metrics[0].points.length()").value(4))
                .andExpect(jsonPath("$.metrics[0].points[0].at").value("2025-01-07T02:00:00Z"))
                .andExpect(jsonPath("$.metrics[0].points[0].samples").value(12))
                .andExpect(jsonPath("$.metrics[0].points[0].max").value(-3.0))
                .andExpect(jsonPath("$.metrics[1].metric").value("utilization"))
                .andExpect(jsonPath("$.scores.length()").value(2))
                .andExpect(jsonPath("$.scores[0].alarmed").value(false))
                .andExpect(jsonPath("$.scores[1].alarmed").value(true))
                .andExpect(jsonPath("$.scores[1].timeToFailureHours").value(60.0));

        // the element itself names the latest sample the predictor took; none of the router's
        mvc.perform(get("/api/elements/link-agg-01-core-01").with(operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lastSample").value("2025-01-07T05:55:00Z"));
        mvc.perform(get("/api/elements/" + Fixtures.CORE.id().value()).with(operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lastSample").doesNotExist());

        mvc.perform(
                        get("/api/elements/link-agg-01-core-01/telemetry")
                                .param("from", "2025-01-07T04:00:00Z")
                                .param("to", "2025-01-07T05:00:00Z")
                                .with(operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.metrics[0].points.length()").value(2));
    }

    @Test
    void telemetry_of_an_unknown_element_or_a_bad_range_is_refused_naming_what_was_wrong()
            throws Exception {
        simulation.elements = List.of(Fixtures.CORE);
        mvc.perform(get("/api/elements/nowhere/telemetry").with(operator()))
                .andExpect(status().isNotFound())
                .andExpect(
                        jsonPath("$.detail")
                                .value(org.hamcrest.Matchers.containsString("'nowhere'")));
        mvc.perform(
                        get("/api/elements/core-rtr-03/telemetry")
                                .param("from", "yesterday")
                                .with(operator()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("from"));
        mvc.perform(
                        get("/api/elements/core-rtr-03/telemetry")
                                .param("from", "2025-01-07T05:00:00Z")
                                .param("to", "2025-01-07T04:00:00Z")
                                .with(operator()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("to"));
        mvc.perform(get("/api/elements/core-rtr-03/telemetry?since=x").with(operator()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("since"));
        mvc.perform(get("/api/elements/core-rtr-03/telemetry"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void an_element_comes_with_its_alarm_and_its_cases_newest_first() throws Exception {
        simulation.elements = List.of(Fixtures.LINK, Fixtures.CORE);
        simulation.atRisk = List.of(Fixtures.prediction(Fixtures.LINK, FailureMode.LASER_AGING));
        cases.save(Fixtures.workedCase("case-0001"));

        mvc.perform(get("/api/elements/link-agg-01-core-01").with(operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.element.kind").value("LINK"))
                .andExpect(jsonPath("$.alarm.mode").value("LASER_AGING"))
                .andExpect(jsonPath("$.alarm.evidence[0].contribution").value(0.31))
                .andExpect(jsonPath("$.cases[0].id").value("case-0001"));
        mvc.perform(get("/api/elements/core-rtr-03").with(operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.alarm").doesNotExist())
                .andExpect(jsonPath("$.cases.length()").value(0));
    }

    @Test
    void no_element_at_risk_is_an_empty_list() throws Exception {
        mvc.perform(get("/api/elements/at-risk").with(auditor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
    }
}
