package dev.autonoc.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.planner.HybridPlanner;
import dev.autonoc.core.planner.llm.ScriptedOpenAiServer;
import dev.autonoc.service.simulation.Simulation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service with {@code autonoc.planner=hybrid} against a scripted OpenAI-compatible server on
 * loopback, its tokens priced, end to end: an operator rejects the loop's optic order, the case is
 * replanned after the refusal, the hybrid asks the model, and the case view shows the model's plan
 * beside the playbook's reason for asking, in the API and on the console's case page (headless
 * Chromium).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "autonoc.simulation.auto-start=false",
            "autonoc.planner=hybrid",
            "autonoc.llm.model=scripted-planner",
            "autonoc.llm.timeout=20s",
            "autonoc.llm.price.input=0.15",
            "autonoc.llm.price.output=0.6",
            "autonoc.llm.price.currency=eur",
            "autonoc.security.limits.api-per-second=100000",
            "autonoc.security.limits.api-burst=100000"
        })
class HybridPlannerAppTest {

    static final Path DATA_DIR = FullAppTestBase.freshDataDir();
    static final Pattern CASE = Pattern.compile("Case (\\S+) at ");
    static final Pattern STANDS = Pattern.compile("^- step (\\d+): ", Pattern.MULTILINE);
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A model that notes on the ticket that it waits, keeping everything that stands. */
    static final ScriptedOpenAiServer MODEL =
            ScriptedOpenAiServer.start().respondWith(HybridPlannerAppTest::answer);

    @SuppressWarnings("unchecked")
    static ScriptedOpenAiServer.Reply answer(Map<String, Object> request) {
        List<Map<String, Object>> messages = (List<Map<String, Object>>) request.get("messages");
        String prompt = String.valueOf(messages.get(1).get("content"));
        Matcher c = CASE.matcher(prompt);
        c.find();
        List<Integer> keeps = new ArrayList<>();
        Matcher stands = STANDS.matcher(prompt);
        while (stands.find()) {
            keeps.add(Integer.parseInt(stands.group(1)));
        }
        Map<String, Object> plan =
                Map.of(
                        "rationale",
                        "the optic was refused: wait and tell the ticket",
                        "keeps",
                        keeps,
                        "steps",
                        List.of(
                                Map.of(
                                        "tool",
                                        "update_ticket",
                                        "arguments",
                                        Map.of(
                                                "case_id",
                                                c.group(1),
                                                "note",
                                                "optic refused; watching"))));
        return ScriptedOpenAiServer.calls(
                ScriptedOpenAiServer.call("submit_plan", JSON.writeValueAsString(plan)));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("autonoc.data-dir", DATA_DIR::toString);
        registry.add("autonoc.llm.base-url", MODEL::baseUrl);
    }

    @AfterAll
    static void stopModel() {
        MODEL.close();
    }

    @LocalServerPort int port;
    @Autowired Simulation simulation;
    @Autowired ApprovalQueue queue;
    @Autowired Planner planner;

    @Test
    void a_refused_order_is_replanned_by_the_model_and_the_case_view_shows_why_and_what()
            throws Exception {
        assertThat(planner).isInstanceOf(HybridPlanner.class);
        assertThat(MODEL.requests()).as("the model was probed at start").isNotEmpty();
        ApprovalRequest order = parkedOrder();
        ApiClient api = new ApiClient("http://localhost:" + port);

        api.json(
                "POST",
                "/api/approvals/" + order.id() + "/reject",
                "operator",
                "{\"reason\":\"not this optic, not now\"}",
                200);
        simulation.advance(Duration.ofMinutes(10));

        JsonNode view =
                api.json(
                        "GET",
                        "/api/cases/" + order.action().caseId().value(),
                        "auditor",
                        null,
                        200);
        JsonNode consulted = view.at("/modelConsultations/0");
        assertThat(consulted.isMissingNode()).as(view.toString()).isFalse();
        assertThat(consulted.at("/asked_because").asString())
                .startsWith("replanning after a refusal of order_part");
        assertThat(consulted.at("/use").asString()).isEqualTo("ADOPTED");
        assertThat(consulted.at("/model_plan/0/tool").asString()).isEqualTo("update_ticket");
        assertThat(consulted.at("/playbook_plan").size()).isPositive();
        assertThat(consulted.at("/input_tokens").asLong()).isPositive();
        assertThat(consulted.at("/currency").asString()).isEqualTo("EUR");
        assertThat(consulted.at("/cost").asDouble())
                .isCloseTo(
                        (consulted.at("/input_tokens").asLong() * 0.15
                                        + consulted.at("/output_tokens").asLong() * 0.6)
                                / 1000,
                        org.assertj.core.data.Offset.offset(1e-6));
        assertThat(view.at("/plan/planner").asString()).isEqualTo("llm");
        assertThat(view.at("/plan/rationale").asString()).startsWith("asked the model (");

        theCasePageShowsTheModelsPlan(order.action().caseId().value(), consulted);
    }

    /** The case page's "Model's plan": why it was asked, what it proposed, taken, and its cost. */
    private void theCasePageShowsTheModelsPlan(String caseId, JsonNode consulted) throws Exception {
        String base = "http://localhost:" + port;
        try (HeadlessChromium chromium = new HeadlessChromium(1400, 1000)) {
            try {
                chromium.signIn(base, "auditor");
                chromium.browser.get(base + "/cases/" + caseId);
                WebElement section =
                        chromium.waiting()
                                .until(
                                        ExpectedConditions.visibilityOfElementLocated(
                                                By.id("model-section")));
                assertThat(section.findElement(By.id("model-title")).getText())
                        .startsWith("Model's plan");
                WebElement shown =
                        section.findElement(By.cssSelector("[data-role='consultation']"));
                assertThat(shown.getAttribute("data-use")).isEqualTo("ADOPTED");
                assertThat(text(shown, "asked-because"))
                        .isEqualTo(consulted.at("/asked_because").asString());
                assertThat(text(shown, "model-use")).startsWith("taken");
                assertThat(
                                shown.findElements(
                                        By.cssSelector(
                                                ":scope > .columns > div:first-child [data-role='model-step']")))
                        .singleElement()
                        .extracting(WebElement::getText)
                        .asString()
                        .contains("update_ticket")
                        .contains("optic refused; watching");
                assertThat(
                                shown.findElements(
                                        By.cssSelector(
                                                "[data-role='playbook-plan'] [data-role='model-step']")))
                        .hasSize(consulted.at("/playbook_plan").size());
                assertThat(text(shown, "model-cost"))
                        .contains(
                                String.format(
                                        java.util.Locale.ROOT,
                                        "%,d tokens in",
                                        consulted.at("/input_tokens").asLong()))
                        .contains(" s over ")
                        .containsPattern("· [0-9]+\\.[0-9]{2,4} EUR ·");
                ((JavascriptExecutor) chromium.browser)
                        .executeScript("arguments[0].scrollIntoView()", section);
                chromium.keep("case-with-the-models-plan");
            } catch (AssertionError | RuntimeException e) {
                chromium.keep("case-with-the-models-plan-failed");
                throw e;
            }
        }
    }

    private static String text(WebElement in, String role) {
        return in.findElement(By.cssSelector("[data-role='" + role + "']")).getText();
    }

    private ApprovalRequest parkedOrder() {
        for (int i = 0; i < 20; i++) {
            Optional<ApprovalRequest> found =
                    queue.pending().stream()
                            .filter(r -> r.action().call().tool().equals("order_part"))
                            .filter(r -> r.requiredRole().equals(RoleHierarchy.NOC_OPERATOR))
                            .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            simulation.advance(Duration.ofHours(6));
        }
        throw new AssertionError("the loop parked no order_part for an operator in five days");
    }
}
