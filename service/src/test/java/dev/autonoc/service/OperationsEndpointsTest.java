package dev.autonoc.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import dev.autonoc.service.simulation.Simulation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * What an operations team reaches without a person's password (service/README.md, "Operations"):
 * the health groups and the metrics on the management port, the OpenAPI document of {@code /api} on
 * the service's port; and what they say.
 */
class OperationsEndpointsTest extends FullAppTestBase {

    @LocalManagementPort int managementPort;

    @Autowired Simulation simulation;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readiness_is_up_with_the_database_and_the_twin_and_needs_no_password() throws Exception {
        HttpResponse<String> r = get(managementPort, "/actuator/health/readiness");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode health = JSON.readTree(r.body());
        assertThat(health.at("/status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/simulation/status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/readinessState/status").asString()).isEqualTo("UP");
    }

    @Test
    void liveness_answers_on_the_management_port() throws Exception {
        HttpResponse<String> r = get(managementPort, "/actuator/health/liveness");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).at("/status").asString()).isEqualTo("UP");
    }

    @Test
    void the_service_port_serves_no_actuator_endpoint() throws Exception {
        HttpResponse<String> r = get(port, "/actuator/prometheus");

        assertThat(r.statusCode()).isIn(404, 302);
        assertThat(r.body()).doesNotContain("autonoc_");
    }

    @Test
    void prometheus_shows_the_loops_work_after_a_simulated_day() throws Exception {
        simulation.advance(Duration.ofDays(1));

        HttpResponse<String> r = get(managementPort, "/actuator/prometheus");

        assertThat(r.statusCode()).isEqualTo(200);
        String text = r.body();
        assertThat(text)
                .contains("autonoc_loop_tick_seconds_count")
                .contains("autonoc_ledger_append_seconds_bucket")
                .contains("autonoc_cases_open{state=\"active\"}")
                .contains("autonoc_cases_open{state=\"needs_person\"}")
                .contains("autonoc_approvals_waiting")
                .contains("autonoc_approvals_oldest_age_seconds")
                .contains("autonoc_policy_decisions_total{effect=\"ALLOW\"}")
                .contains("autonoc_predictor_alarms_total{mode=")
                .contains("autonoc_tool_calls_total{outcome=");
        assertThat(sample(text, "autonoc_loop_tick_seconds_count")).isGreaterThanOrEqualTo(288.0);
    }

    @Test
    void the_openapi_document_validates_and_lists_every_api_endpoint() throws Exception {
        HttpResponse<String> r = get(port, "/v3/api-docs");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String doc = r.body();

        // the parser names every way the document is not valid OpenAPI 3; the validator refuses
        // to load one it cannot use
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(doc, null, null);
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.");
        OpenApiInteractionValidator.createForInlineApiSpecification(doc).build();

        JsonNode paths = JSON.readTree(doc).at("/paths");
        Set<String> documented = new TreeSet<>();
        paths.properties()
                .forEach(
                        p ->
                                p.getValue()
                                        .propertyNames()
                                        .forEach(
                                                m ->
                                                        documented.add(
                                                                m.toUpperCase(Locale.ROOT)
                                                                        + " "
                                                                        + p.getKey())));
        Set<String> mapped = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api")) {
                    continue;
                }
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    mapped.add(m.name() + " " + pattern);
                }
            }
        }
        assertThat(mapped).hasSizeGreaterThan(20);
        assertThat(documented).containsAll(mapped);
        assertThat(documented).allMatch(d -> d.contains(" /api"));

        List<String> withoutProblems = new ArrayList<>();
        paths.properties()
                .forEach(
                        p ->
                                p.getValue()
                                        .properties()
                                        .forEach(
                                                op -> {
                                                    JsonNode unauthorized =
                                                            op.getValue()
                                                                    .at(
                                                                            "/responses/401/content/application~1problem+json/schema/$ref");
                                                    if (!unauthorized
                                                            .asString("")
                                                            .endsWith("/ProblemDetail")) {
                                                        withoutProblems.add(
                                                                op.getKey() + " " + p.getKey());
                                                    }
                                                }));
        assertThat(withoutProblems).as("operations without a problem-details 401").isEmpty();
        assertThat(JSON.readTree(doc).at("/components/schemas/ProblemDetail/properties/detail"))
                .isNotNull();
    }

    private static double sample(String text, String name) {
        return text.lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
