package dev.autonoc.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.approval.Verdict;
import dev.autonoc.core.cases.CaseId;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.service.simulation.Simulation;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console in headless Chromium against the whole service. Chromium is required: without it this
 * test fails, it does not skip ({@code apt-get install -y chromium chromium-driver}).
 */
class ConsoleBrowserTest extends FullAppTestBase {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired Simulation simulation;
    @Autowired ApprovalQueue queue;

    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void openBrowser() throws IOException {
        assertThat(CHROMIUM)
                .as(
                        "headless Chromium is needed for the console test: apt-get install -y chromium chromium-driver")
                .isExecutable();
        assertThat(CHROMEDRIVER)
                .as("chromedriver is needed: apt-get install -y chromium-driver")
                .isExecutable();
        profile = Files.createTempDirectory("autonoc-chromium-");
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
                "--window-size=1400,1000",
                "--user-data-dir=" + profile);
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

    @Test
    void an_operator_sees_a_pending_approval_appear_approves_it_and_it_leaves_the_list()
            throws Exception {
        try {
            signIn("operator");
            WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
            wait.until(
                    ExpectedConditions.textToBePresentInElementLocated(By.id("sim-time"), "2025"));

            ApprovalRequest request = driveUntilAnOperatorApprovalWaits();

            By card = By.cssSelector("[data-approval-id='" + request.id() + "']");
            WebElement shown = wait.until(ExpectedConditions.visibilityOfElementLocated(card));
            assertThat(shown.getText())
                    .contains(request.action().call().tool())
                    .contains(request.action().element().id().value())
                    .contains("needs noc_operator");
            assertThat(shown.findElement(By.cssSelector("[data-role='customers']")).getText())
                    .contains("consumers");
            assertThePredictionReadsAsAnAlarm(shown, request.action().prediction().orElseThrow());
            assertTheElementsAtRiskSayWhatTheirProbabilityIs(wait);
            shown.findElement(By.cssSelector("button[data-action='explain']")).click();
            WebElement explained =
                    wait.until(
                            ExpectedConditions.visibilityOf(
                                    shown.findElement(By.cssSelector("[data-role='explain']"))));
            wait.until(d -> !explained.getText().isBlank());
            assertThat(explained.getText())
                    .contains(request.decision().effect().name())
                    .contains(request.decision().ruleIds().get(0));
            keepEvidence("console-with-a-pending-approval"); // for people reviewing a run

            // the approver changes one argument: express delivery or not
            boolean expedite =
                    Boolean.TRUE.equals(request.action().call().arguments().get("expedite"));
            shown.findElement(By.cssSelector("details.amend summary")).click();
            WebElement arguments = shown.findElement(By.cssSelector("[data-role='arguments']"));
            String changed =
                    arguments
                            .getAttribute("value")
                            .replace("\"expedite\": " + expedite, "\"expedite\": " + !expedite);
            arguments.clear();
            arguments.sendKeys(changed);
            shown.findElement(By.cssSelector(".answer textarea"))
                    .sendKeys("approved from the browser test");
            shown.findElement(By.cssSelector("button[data-action='approve']")).click();

            wait.until(ExpectedConditions.invisibilityOfElementLocated(card));
            assertThat(queue.answer(request.id()))
                    .hasValueSatisfying(
                            (ApprovalAnswer a) -> {
                                assertThat(a.verdict()).isEqualTo(Verdict.APPROVED);
                                assertThat(a.by()).isEqualTo("operator");
                                assertThat(a.comment()).isEqualTo("approved from the browser test");
                                assertThat(a.amended())
                                        .as("the arguments as changed in the console")
                                        .hasValueSatisfying(
                                                c ->
                                                        assertThat(c.arguments())
                                                                .containsEntry(
                                                                        "expedite", !expedite));
                            });
            assertThat(queue.pending())
                    .extracting(ApprovalRequest::id)
                    .doesNotContain(request.id());
        } catch (AssertionError | RuntimeException e) {
            keepEvidence("approve");
            throw e;
        }
    }

    @Test
    void an_operator_facing_a_supervisor_only_request_sees_why_they_may_not_answer()
            throws Exception {
        try {
            ApprovalRequest request = supervisorOnlyRequest();
            signIn("operator");
            WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
            By card = By.cssSelector("[data-approval-id='" + request.id() + "']");
            WebElement shown = wait.until(ExpectedConditions.visibilityOfElementLocated(card));
            assertThat(shown.findElement(By.cssSelector("[data-role='may-not-answer']")).getText())
                    .contains("noc_supervisor");

            shown.findElement(By.cssSelector("button[data-action='approve']")).click();

            WebElement error =
                    wait.until(
                            ExpectedConditions.visibilityOf(
                                    shown.findElement(By.cssSelector("[data-role='error']"))));
            assertThat(error.getText())
                    .contains("'operator' holds [noc_operator]")
                    .contains("noc_supervisor");
            assertThat(queue.answer(request.id())).isEmpty();
            assertThat(browser.findElements(card)).hasSize(1);
        } catch (AssertionError | RuntimeException e) {
            keepEvidence("refused");
            throw e;
        }
    }

    private void signIn(String user) {
        browser.get(base() + "/");
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("approvals-title")));
        assertThat(browser.findElement(By.id("user")).getText()).isEqualTo(user);
    }

    /**
     * Moves simulated time on, six hours at a time, until the loop parks a part order that an
     * operator may approve (the aging laser's optic, in the demo). The twin and the seed are fixed,
     * so the bound holds run after run.
     */
    private ApprovalRequest driveUntilAnOperatorApprovalWaits() {
        for (int i = 0; i < 20; i++) {
            Optional<ApprovalRequest> waiting =
                    queue.pending().stream()
                            .filter(r -> r.requiredRole().equals(RoleHierarchy.NOC_OPERATOR))
                            .filter(r -> r.action().call().tool().equals("order_part"))
                            .filter(r -> r.action().proposer().startsWith("agent:"))
                            .findFirst();
            if (waiting.isPresent()) {
                return waiting.get();
            }
            simulation.advance(Duration.ofHours(6));
        }
        throw new AssertionError(
                "no action waited for an operator after five simulated days; simulated time "
                        + simulation.now()
                        + ", pending "
                        + queue.pending());
    }

    /**
     * A request only a supervisor may answer, put in the service's own queue: the loop follows only
     * the requests it parked, so this one stays aside.
     */
    private ApprovalRequest supervisorOnlyRequest() {
        Element element = simulation.elements().get(0);
        ActionRequest action =
                new ActionRequest(
                        new CaseId("case-browser-test"),
                        0,
                        ToolCall.of("restart_element", Map.of("element_id", element.id().value())),
                        new Estimate(0.0, Risk.HIGH, Map.of("hour", 14.0)),
                        element,
                        simulation.now(),
                        "agent:autonoc",
                        Optional.empty());
        Decision decision =
                Decision.requireApproval(
                        "dec-browser-test",
                        RoleHierarchy.NOC_SUPERVISOR,
                        List.of("restart-element-approve-supervisor"),
                        List.of("a restart outside the quiet hours needs a NOC supervisor"),
                        "test");
        return queue.submit(action, decision, simulation.now());
    }

    /**
     * The calibrated probability (small at a new alarm) is shown as what it is, p(fail within 48
     * h), apart from the model's estimate of when the element fails, with the evidence.
     */
    private static void assertThePredictionReadsAsAnAlarm(WebElement card, Prediction p) {
        String alarm = card.findElement(By.cssSelector("[data-role='prediction-alarm']")).getText();
        assertThat(alarm)
                .startsWith("Alarm: " + p.mode().name() + " failure expected in ~")
                .contains("the model's estimate")
                .contains(p.modelVersion());
        String probability =
                card.findElement(By.cssSelector("[data-role='prediction-probability']")).getText();
        assertThat(probability)
                .startsWith("p(fail within 48 h) = " + percent(p.probability()))
                .contains("calibrated")
                .contains("Most alarms come more than 48 h before the failure");
        assertThat(card.findElements(By.cssSelector(".prediction .evidence li")))
                .extracting(WebElement::getText)
                .containsExactlyElementsOf(
                        p.evidence().stream().map(e -> e.explanation()).toList());
        assertThat(card.getText()).doesNotContain("chance of");
    }

    private void assertTheElementsAtRiskSayWhatTheirProbabilityIs(WebDriverWait wait) {
        WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("risk")));
        assertThat(table.findElement(By.id("risk-probability")).getText())
                .isEqualTo("p(fail within 48 h)");
        assertThat(browser.findElement(By.id("risk-note")).getText())
                .startsWith("Every element listed has alarmed.")
                .contains("the model's estimate");
        Map<String, Double> served = new HashMap<>();
        for (Prediction p : simulation.atRisk()) {
            served.put(p.element().value(), p.probability());
        }
        for (WebElement row : table.findElements(By.cssSelector("tbody tr"))) {
            Double p = served.get(row.getAttribute("data-element"));
            if (p != null) { // the page refreshes every two seconds: compare what both saw
                assertThat(row.findElement(By.cssSelector("[data-role='probability']")).getText())
                        .isEqualTo(percent(p));
            }
            assertThat(row.findElement(By.cssSelector("[data-role='expected']")).getText())
                    .startsWith("~");
        }
    }

    /** As the console writes a probability: whole percent, one decimal below 1 %. */
    private static String percent(double p) {
        return String.format(Locale.ROOT, p > 0 && p < 0.01 ? "%.1f %%" : "%.0f %%", p * 100);
    }

    private void keepEvidence(String name) {
        try {
            Path dir = Path.of("target", "console-test");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".html"), browser.getPageSource());
            Files.write(
                    dir.resolve(name + ".png"),
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException | RuntimeException e) {
            // the evidence is a courtesy; the test's own failure is what matters
        }
    }
}
