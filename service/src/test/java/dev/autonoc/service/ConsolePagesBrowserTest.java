package dev.autonoc.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.service.simulation.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The network map, an element's page, and every page's accessibility (axe-core), in headless
 * Chromium against the whole service. Screenshots of the map and an element's page are kept in
 * {@code target/console-test}.
 */
class ConsolePagesBrowserTest extends FullAppTestBase {

    @Autowired Simulation simulation;
    @Autowired CaseStore cases;

    private HeadlessChromium chromium;

    @BeforeEach
    void openBrowser() {
        chromium = new HeadlessChromium(1400, 1000);
    }

    @AfterEach
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void
            the_map_draws_every_element_by_state_and_an_element_opens_its_page_with_charts_alarm_and_cases()
                    throws Exception {
        try {
            CaseRecord alarmed = driveUntilTheAgentOpenedACaseAfterTwoDays();
            chromium.signIn(base(), "operator");
            WebDriverWait wait = chromium.waiting();
            chromium.browser.findElement(By.id("nav-map")).click();
            wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
            WebElement map =
                    wait.until(
                            ExpectedConditions.presenceOfElementLocated(
                                    By.cssSelector("svg.network-map")));

            JsonNode network = json("GET", "/api/network", "operator", null, 200);
            long nodes =
                    simulation.elements().stream()
                            .filter(e -> e.kind() != ElementKind.LINK)
                            .count();
            assertThat(map.findElements(By.cssSelector("a[data-element]"))).hasSize((int) nodes);
            assertThat(map.findElements(By.cssSelector("a[data-link]")))
                    .hasSize(network.path("links").size());
            assertThat(map.findElements(By.cssSelector("g.region")))
                    .extracting(g -> g.getAttribute("data-region"))
                    .containsExactlyInAnyOrderElementsOf(
                            simulation.elements().stream()
                                    .map(Element::region)
                                    .distinct()
                                    .toList());

            // the legend counts each state in text, as the API reports them
            Map<String, Integer> states = new HashMap<>();
            for (JsonNode e : network.path("elements")) {
                states.merge(e.path("state").asString(), 1, Integer::sum);
            }
            Map<String, Integer> legend = legendCounts(wait, states);
            assertThat(legend).containsOnlyKeys("up", "at_risk", "under_work", "drained", "failed");
            for (String state : legend.keySet()) {
                assertThat(legend.get(state))
                        .as("legend count of " + state)
                        .isEqualTo(states.getOrDefault(state, 0));
            }

            // the alarmed element is drawn in a state other than up, described in words
            String id = alarmed.element().id().value();
            WebElement drawn =
                    map.findElement(
                            By.cssSelector(
                                    alarmed.element().kind() == ElementKind.LINK
                                            ? "a[data-link='" + id + "']"
                                            : "a[data-element='" + id + "']"));
            assertThat(drawn.getAttribute("data-state")).isNotEqualTo("up");
            assertThat(drawn.getAttribute("aria-label")).startsWith(id + ": ");
            assertThat(
                            chromium.browser
                                    .findElement(
                                            By.cssSelector("#not-up li[data-element='" + id + "']"))
                                    .getText())
                    .contains(id);
            chromium.keep("network-map");

            // select it, by keyboard (links cross on the map: a pointer may hit a neighbour)
            chromium.script("arguments[0].focus();", drawn);
            new Actions(chromium.browser).sendKeys(Keys.ENTER).perform();
            wait.until(ExpectedConditions.urlContains("/elements/" + id));
            wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
            wait.until(
                    d ->
                            Integer.parseInt(
                                            d.findElement(
                                                            By.cssSelector(
                                                                    "svg[data-chart='chart-probability']"))
                                                    .getAttribute("data-points"))
                                    > 0);
            assertThat(chromium.browser.findElement(By.id("element-title")).getText())
                    .isEqualTo(id);
            for (Metric m : Metric.reportedBy(alarmed.element().kind())) {
                WebElement chart =
                        chromium.browser.findElement(
                                By.cssSelector("svg[data-chart='chart-" + m.key() + "']"));
                assertThat(Integer.parseInt(chart.getAttribute("data-points")))
                        .as(m.key() + ": an hourly point for each hour run (two days and more)")
                        .isGreaterThanOrEqualTo(48);
            }
            assertThat(chromium.browser.findElements(By.cssSelector("svg.chart")))
                    .as("probability, time to failure, and one chart per metric")
                    .hasSize(2 + Metric.reportedBy(alarmed.element().kind()).size());
            WebElement caseLink =
                    chromium.browser.findElement(
                            By.cssSelector(
                                    "#element-cases li[data-case='"
                                            + alarmed.id().value()
                                            + "'] a"));
            assertThat(caseLink.getAttribute("href")).endsWith("/cases/" + alarmed.id().value());
            if (!simulation.atRisk().stream()
                    .filter(p -> p.element().equals(alarmed.element().id()))
                    .toList()
                    .isEmpty()) {
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("alarm")));
                assertThat(chromium.browser.findElement(By.id("alarm-probability")).getText())
                        .startsWith("p(fail within 48 h) = ");
                assertThat(chromium.browser.findElements(By.cssSelector("#evidence li")))
                        .isNotEmpty();
            }
            // the time-to-failure chart has a point in every hour the element was alarmed
            JsonNode telemetry =
                    json("GET", "/api/elements/" + id + "/telemetry", "operator", null, 200);
            long alarmedHours = 0;
            for (JsonNode s : telemetry.path("scores")) {
                if (s.path("alarmed").asBoolean()) {
                    alarmedHours++;
                }
            }
            assertThat(alarmedHours).isPositive();
            assertThat(
                            chromium.browser
                                    .findElement(By.cssSelector("svg[data-chart='chart-ttf']"))
                                    .getAttribute("data-points"))
                    .isEqualTo(String.valueOf(alarmedHours));
            chromium.keep("element-page");

            // and back: the case page names the element with a link to its page
            caseLink.click();
            WebElement back =
                    wait.until(
                            ExpectedConditions.visibilityOfElementLocated(
                                    By.cssSelector("#case-summary a[data-role='element-link']")));
            assertThat(back.getAttribute("href")).endsWith("/elements/" + id);
        } catch (AssertionError | RuntimeException e) {
            chromium.keep("map-and-element-failed");
            throw e;
        }
    }

    @Test
    void every_page_has_no_serious_or_critical_accessibility_violation() throws Exception {
        CaseRecord someCase = driveUntilTheAgentOpenedACaseAfterTwoDays();
        String element = someCase.element().id().value();
        Map<String, List<String>> found = new LinkedHashMap<>();
        chromium.browser.get(base() + "/login");
        chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        found.put("sign-in", chromium.seriousAccessibilityViolations());
        chromium.signIn(base(), "operator");
        for (String page :
                List.of(
                        "/",
                        "/map",
                        "/elements/" + element,
                        "/cases/" + someCase.id().value(),
                        "/policy",
                        "/tokens")) {
            found.put("operator " + page, checked(page));
        }
        chromium.signOut();
        chromium.signIn(base(), "auditor");
        found.put("auditor /audit", checked("/audit"));
        chromium.signOut();
        chromium.signIn(base(), "supervisor");
        found.put("supervisor /", checked("/"));
        // in the embedded mode the Shadow page says the report is connected mode's
        found.put("supervisor /shadow", checked("/shadow"));
        List<String> all = new ArrayList<>();
        found.forEach((page, violations) -> violations.forEach(v -> all.add(page + ": " + v)));
        assertThat(all).as("axe-core's serious and critical findings, by page").isEmpty();
    }

    private List<String> checked(String page) {
        chromium.browser.get(base() + page);
        WebDriverWait wait = chromium.waiting();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("user")));
        // the page has read the API and drawn what it shows (the tokens page has no clock)
        if (!page.equals("/tokens")) {
            wait.until(d -> !d.findElement(By.id("sim-time")).getText().equals("…"));
        }
        if (page.startsWith("/map") || page.startsWith("/elements/")) {
            wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
        }
        return chromium.seriousAccessibilityViolations();
    }

    /** The legend's count of each state, read in one script (pushed updates redraw it). */
    private Map<String, Integer> legendCounts(WebDriverWait wait, Map<String, Integer> expected) {
        Map<String, Integer> counts = new HashMap<>();
        wait.until(
                d -> {
                    counts.clear();
                    Object read =
                            chromium.script(
                                    "return [...document.querySelectorAll('#legend li[data-state]')]"
                                            + ".map(li => li.dataset.state + '=' +"
                                            + " li.querySelector('[data-role=count]').textContent);");
                    for (Object entry : (List<?>) read) {
                        String[] kv = entry.toString().split("=");
                        counts.put(kv[0], Integer.parseInt(kv[1]));
                    }
                    return counts.size() == 5;
                });
        return counts;
    }

    /**
     * Runs the demo world until the agent has a case on an alarm, two simulated days in at least.
     */
    private CaseRecord driveUntilTheAgentOpenedACaseAfterTwoDays() {
        Instant start = simulation.status().startedAt();
        for (int i = 0; i < 40; i++) {
            List<CaseRecord> all = cases.all();
            if (!all.isEmpty() && !simulation.now().isBefore(start.plus(Duration.ofDays(2)))) {
                return all.get(0);
            }
            simulation.advance(Duration.ofHours(6));
        }
        throw new AssertionError("no case within ten simulated days");
    }
}
