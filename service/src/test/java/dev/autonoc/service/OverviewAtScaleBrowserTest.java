package dev.autonoc.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.service.simulation.Simulation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The overview with 500 open cases (issue 14: it must stay usable with that many): every case is
 * listed in its group and every count is right. The time the page took is logged and written to
 * {@code target/console-test/overview-500.txt} for docs/benchmarks.md; it is a figure, not an
 * assertion. A service of its own (a store of 500 made-up cases must not leak into other tests).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"autonoc.simulation.auto-start=false", "autonoc.approvals.timeout=0"})
class OverviewAtScaleBrowserTest {

    private static final Logger log = LoggerFactory.getLogger(OverviewAtScaleBrowserTest.class);
    static final Path DATA_DIR = FullAppTestBase.freshDataDir();

    @LocalServerPort int port;
    @Autowired Simulation simulation;
    @Autowired CaseStore cases;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("autonoc.data-dir", DATA_DIR::toString);
    }

    @Test
    void the_overview_lists_500_open_cases_in_their_groups_with_every_count_right()
            throws Exception {
        List<Element> elements =
                simulation.elements().stream().filter(e -> e.kind() != ElementKind.LINK).toList();
        Instant now = simulation.now();
        Set<String> elementsWithCases = new HashSet<>();
        int needing = 0;
        int takenOver = 0;
        int agent = 0;
        for (int i = 1; i <= 500; i++) {
            Element element = elements.get(i % elements.size());
            elementsWithCases.add(element.id().value());
            CaseRecord planned = planned(String.format("case-scale-%04d", i), element, now);
            CaseRecord saved;
            if (i % 5 == 0) {
                saved = planned.needsPerson(now, "made-up case " + i + " needs a person");
                needing++;
            } else if (i % 5 == 1) {
                saved = planned.takenOver("supervisor", now, "made-up case " + i);
                takenOver++;
            } else {
                saved = planned;
                agent++;
            }
            cases.save(saved);
        }
        assertThat(cases.open()).hasSize(500);
        assertThat(cases.open().stream().filter(c -> c.status() == CaseStatus.NEEDS_PERSON))
                .hasSize(needing);

        try (HeadlessChromium chromium = new HeadlessChromium(1400, 1000)) {
            String base = "http://localhost:" + port;
            chromium.signIn(base, "operator");
            List<Long> firstRenders = new ArrayList<>();
            List<Long> renders = new ArrayList<>();
            for (int load = 0; load < 4; load++) {
                chromium.browser.get(base + "/");
                WebDriverWait wait = chromium.waiting();
                wait.until(
                        ExpectedConditions.attributeToBe(
                                By.tagName("body"), "data-cases-shown", "500"));
                assertThat(chromium.browser.findElements(By.cssSelector("#cases li[data-case-id]")))
                        .hasSize(500);
                assertThat(count(chromium, "cases-needs-person-count")).isEqualTo(needing);
                assertThat(count(chromium, "cases-taken-over-count")).isEqualTo(takenOver);
                assertThat(count(chromium, "cases-agent-count")).isEqualTo(agent);
                assertThat(
                                chromium.browser.findElements(
                                        By.cssSelector("#cases-needs-person li[data-case-id]")))
                        .hasSize(needing);
                assertThat(
                                chromium.browser
                                        .findElement(By.id("needs-person-banner-text"))
                                        .getText())
                        .isEqualTo(needing + " cases need a person: the agent stopped on them.");
                assertThat(chromium.browser.findElements(By.cssSelector("#risk tbody tr")))
                        .as("an alarm open in a case is an element at risk")
                        .hasSize(elementsWithCases.size());
                firstRenders.add(dataset(chromium, "firstRenderMs"));
                renders.add(dataset(chromium, "renderMs"));
            }
            chromium.keep("overview-500-open-cases");
            String figure =
                    "overview with 500 open cases, 4 loads: navigation to first full render "
                            + firstRenders
                            + " ms; the render itself (after the API answered) "
                            + renders
                            + " ms";
            log.info(figure);
            Path out = Path.of("target", "console-test", "overview-500.txt");
            java.nio.file.Files.createDirectories(out.getParent());
            java.nio.file.Files.writeString(out, figure + System.lineSeparator());
        }
    }

    private static int count(HeadlessChromium chromium, String id) {
        return Integer.parseInt(chromium.browser.findElement(By.id(id)).getText());
    }

    private static long dataset(HeadlessChromium chromium, String key) {
        return Long.parseLong(
                String.valueOf(chromium.script("return document.body.dataset." + key + ";")));
    }

    private static CaseRecord planned(String caseId, Element element, Instant now) {
        CaseId id = new CaseId(caseId);
        Prediction p =
                new Prediction(
                        element.id(),
                        now,
                        0.2,
                        FailureMode.FAN_WEAR,
                        Duration.ofHours(50),
                        List.of(),
                        "test");
        ToolCall notify =
                ToolCall.of(
                        "notify_customers",
                        Map.of("element_id", element.id().value(), "message", "planned work"));
        return CaseRecord.opened(id, element, p, now)
                .planned(
                        new Plan(
                                id,
                                "playbook",
                                "1",
                                List.of(
                                        new PlanStep(
                                                0,
                                                notify,
                                                now,
                                                OptionalInt.empty(),
                                                "warn the customers")),
                                "fan"));
    }
}
