package dev.autonoc.evals.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.evals.TestPaths;
import dev.autonoc.evals.run.EvalRunner;
import dev.autonoc.evals.run.PlannerName;
import dev.autonoc.evals.scenario.Scenario;
import dev.autonoc.evals.scenario.ScenarioLoader;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * report.html of real runs in headless Chromium: it opens with no console error, shows one timeline
 * per run (baselines too), and its buttons open, close and filter the scenarios. Chromium is
 * required: without it this test fails, it does not skip ({@code apt-get install -y chromium
 * chromium-driver}). The screenshot is kept in {@code target/report-test/} for people to look at.
 */
class ReportHtmlBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path EVIDENCE = Path.of("target", "report-test");

    @TempDir Path dir;

    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void openBrowser() throws IOException {
        assertThat(CHROMIUM)
                .as("headless Chromium is needed: apt-get install -y chromium chromium-driver")
                .isExecutable();
        assertThat(CHROMEDRIVER)
                .as("chromedriver is needed: apt-get install -y chromium-driver")
                .isExecutable();
        Path builds = Files.createDirectories(Path.of("target", "test-files"));
        // under the build folder, not the machine's temporary folder: mvn clean removes it
        profile = Files.createTempDirectory(builds.toAbsolutePath(), "autonoc-report-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--allow-file-access-from-files",
                "--window-size=1400,1000",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                        .usingAnyFreePort()
                        .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private EvalReport evalOfTwoScenarios() {
        Path library = TestPaths.ownScenarios();
        List<Scenario> scenarios =
                List.of(
                        ScenarioLoader.load(library.resolve("psu-degradation-agg-router.yaml")),
                        ScenarioLoader.load(library.resolve("memory-leak-over-weekend.yaml")));
        // oracle and none asked for, reactive added for the capture ratio: six runs, one failing
        return new EvalRunner(
                        new EvalRunner.Options(
                                List.of(PlannerName.ORACLE, PlannerName.NONE),
                                1,
                                2,
                                true,
                                Optional.empty()))
                .run(scenarios);
    }

    @Test
    void report_html_opens_without_console_errors_and_shows_one_timeline_per_run()
            throws IOException {
        EvalReport report = evalOfTwoScenarios();
        Path out = dir.resolve("eval");
        ReportWriter.write(report, out);
        int runs = report.runs().size() + report.baselines().size();
        assertThat(runs).isEqualTo(6);

        browser.get(out.resolve(HtmlReport.FILE).toUri().toString());
        try {
            assertThat(browser.getTitle()).isEqualTo("autonoc eval report");
            List<WebElement> timelines = browser.findElements(By.cssSelector("svg.timeline"));
            assertThat(timelines).hasSize(runs);
            Set<String> ids = new HashSet<>();
            for (WebElement t : timelines) {
                ids.add(t.getAttribute("data-run"));
            }
            Set<String> expected = new HashSet<>();
            report.runs().forEach(r -> expected.add(HtmlReport.runId(r)));
            report.baselines().forEach(r -> expected.add(HtmlReport.runId(r)));
            assertThat(ids).isEqualTo(expected);
            for (WebElement run : browser.findElements(By.cssSelector("article.run"))) {
                assertThat(run.findElements(By.cssSelector("svg.timeline"))).hasSize(1);
                assertThat(run.findElements(By.cssSelector("svg.impact"))).hasSize(1);
            }
            // the oracle's PSU run: telemetry drawn, the repair and the calls marked
            WebElement psu =
                    browser.findElement(
                            By.cssSelector(
                                    "svg.timeline[data-run='psu-degradation-agg-router__oracle__21']"));
            assertThat(psu.isDisplayed()).isTrue();
            assertThat(psu.getSize().getWidth()).isGreaterThan(900);
            assertThat(psu.findElements(By.cssSelector("path.series"))).isNotEmpty();
            assertThat(psu.findElements(By.cssSelector("path.series.probability"))).isNotEmpty();
            assertThat(psu.findElements(By.cssSelector("line.moment.repaired"))).hasSize(1);
            assertThat(psu.findElements(By.cssSelector("g.mark.call-succeeded"))).isNotEmpty();
            assertThat(browser.findElement(By.cssSelector("#matrix")).getText())
                    .contains("psu-degradation-agg-router");
            keepEvidence("report");

            // the buttons: close all, open all, failed only
            browser.findElement(By.cssSelector("button[data-action='close']")).click();
            assertThat(psu.isDisplayed()).isFalse();
            browser.findElement(By.cssSelector("button[data-action='open']")).click();
            assertThat(psu.isDisplayed()).isTrue();
            browser.findElement(By.cssSelector("input[data-action='failed']")).click();
            long shown =
                    browser.findElements(By.cssSelector("details.scenario")).stream()
                            .filter(WebElement::isDisplayed)
                            .count();
            assertThat(shown)
                    .isEqualTo(
                            browser.findElements(By.cssSelector("details.scenario.has-failed"))
                                    .size());

            List<LogEntry> errors =
                    browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                            .toList();
            assertThat(errors).as("console errors").isEmpty();

            // the check above can fail: an error in the page is seen
            ((JavascriptExecutor) browser)
                    .executeScript("console.error('probe: an error in the page')");
            assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                    .anySatisfy(
                            e ->
                                    assertThat(e.getMessage())
                                            .contains("probe: an error in the page"));
        } catch (AssertionError | RuntimeException e) {
            keepEvidence("report-failed");
            throw e;
        }
    }

    private void keepEvidence(String name) {
        try {
            Files.createDirectories(EVIDENCE);
            // the whole page, not the first screenful
            long height =
                    ((Number)
                                    ((JavascriptExecutor) browser)
                                            .executeScript(
                                                    "return document.documentElement.scrollHeight"))
                            .longValue();
            browser.manage()
                    .window()
                    .setSize(new Dimension(1400, (int) Math.min(height + 40, 12_000)));
            Files.writeString(EVIDENCE.resolve(name + ".html"), browser.getPageSource());
            Files.write(
                    EVIDENCE.resolve(name + ".png"),
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException | RuntimeException e) {
            // the evidence is a courtesy; the test's own result is what matters
        }
    }
}
