package dev.autonoc.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.approval.Verdict;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.service.simulation.Simulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The console in headless Chromium against the whole service. Chromium is required: without it this
 * test fails, it does not skip ({@code apt-get install -y chromium chromium-driver}).
 */
class ConsoleBrowserTest extends FullAppTestBase {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired Simulation simulation;
    @Autowired ApprovalQueue queue;
    @Autowired CaseStore cases;
    @Autowired AuditLog ledger;

    private WebDriver browser;
    private Path profile;
    private Path downloads;

    @BeforeEach
    void openBrowser() throws IOException {
        profile = TestDirs.fresh("autonoc-chromium-");
        // what a page offers for download lands here, without asking
        downloads = Files.createDirectories(profile.resolve("downloads"));
        browser =
                HeadlessChromium.start(
                        profile,
                        1400,
                        1000,
                        Map.of(
                                "download.default_directory",
                                downloads.toString(),
                                "download.prompt_for_download",
                                false));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
        HeadlessChromium.deleteProfile(profile);
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

    @Test
    void an_operator_sees_the_case_that_needs_a_person_first_takes_a_case_over_and_hands_it_back()
            throws Exception {
        try {
            CaseRecord working = driveUntilTheAgentWorksACase();
            CaseRecord needs = aCaseThatNeedsAPerson("case-browser-needs-person");
            signIn("operator");
            WebDriverWait wait = new WebDriverWait(browser, PATIENCE);

            // the cases that need a person come first, each with why and what is done
            WebElement first =
                    wait.until(
                            ExpectedConditions.visibilityOfElementLocated(
                                    By.cssSelector(
                                            "#cases-needs-person li[data-case-id='"
                                                    + needs.id()
                                                    + "']")));
            assertThat(
                            browser.findElement(
                                            By.cssSelector("#cases .case-group:not([hidden]) li"))
                                    .findElement(By.xpath("ancestor::div[1]"))
                                    .getAttribute("id"))
                    .isEqualTo("cases-needs-person");
            assertThat(first.findElement(By.cssSelector("[data-role='case-reason']")).getText())
                    .contains(needs.reason());
            assertThat(first.findElement(By.cssSelector("[data-role='mitigation']")).getText())
                    .containsIgnoringCase("What is done") // a heading, shown in capitals
                    .contains("notify_customers");

            By item = By.cssSelector("#cases-agent li[data-case-id='" + working.id() + "']");
            WebElement shown = wait.until(ExpectedConditions.visibilityOfElementLocated(item));
            // the agent's case shows the plan in force, not the steps a replan replaced
            assertThat(shown.findElements(By.cssSelector("[data-role='case-steps'] li")))
                    .hasSize(
                            (int)
                                    working.steps().stream()
                                            .filter(s -> s.state() != StepState.SUPERSEDED)
                                            .count());
            shown.findElement(By.cssSelector("button[data-case-action='take-over']")).click();
            WebElement confirm =
                    shown.findElement(
                            By.cssSelector("[data-case-form] [data-role='case-confirm']"));
            confirm.click();
            assertThat(shown.findElement(By.cssSelector("[data-role='case-error']")).getText())
                    .as("a reason is required")
                    .contains("reason is required");
            shown.findElement(By.cssSelector("[data-role='case-reason-input']"))
                    .sendKeys("checking the site myself");
            confirm.click();

            By taken = By.cssSelector("#cases-taken-over li[data-case-id='" + working.id() + "']");
            WebElement takenItem = wait.until(ExpectedConditions.visibilityOfElementLocated(taken));
            assertThat(takenItem.findElement(By.cssSelector("[data-role='case-owner']")).getText())
                    .contains("operator");
            assertThat(cases.find(working.id()))
                    .hasValueSatisfying(
                            c -> {
                                assertThat(c.status()).isEqualTo(CaseStatus.TAKEN_OVER);
                                assertThat(c.owner()).contains("operator");
                            });
            keepEvidence("console-with-a-case-taken-over");

            takenItem.findElement(By.cssSelector("button[data-case-action='hand-back']")).click();
            takenItem
                    .findElement(By.cssSelector("[data-role='case-reason-input']"))
                    .sendKeys("site checked, over to you");
            takenItem.findElement(By.cssSelector("[data-role='case-confirm']")).click();

            wait.until(ExpectedConditions.visibilityOfElementLocated(item));
            assertThat(cases.find(working.id()).orElseThrow().status())
                    .isEqualTo(CaseStatus.ACTIVE);
            List<AuditEntry> passed =
                    ledger.query(AuditQuery.forCase(working.id().value())).stream()
                            .filter(
                                    e ->
                                            e.event().type() == AuditEventType.CASE_TAKEN_OVER
                                                    || e.event().type()
                                                            == AuditEventType.CASE_HANDED_BACK)
                            .toList();
            assertThat(passed)
                    .extracting(e -> e.event().type(), e -> e.event().actor())
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    AuditEventType.CASE_TAKEN_OVER, "operator"),
                            org.assertj.core.groups.Tuple.tuple(
                                    AuditEventType.CASE_HANDED_BACK, "operator"));
            assertThat(passed.get(0).event().payload())
                    .containsEntry("reason", "checking the site myself");
            assertThat(passed.get(1).event().payload())
                    .containsEntry("reason", "site checked, over to you");
        } catch (AssertionError | RuntimeException e) {
            keepEvidence("take-over");
            throw e;
        }
    }

    @Test
    void an_operator_closes_a_case_that_needs_a_person_with_a_reason_and_it_moves_to_closed()
            throws Exception {
        try {
            CaseRecord needs = aCaseThatNeedsAPerson("case-browser-to-close");
            signIn("operator");
            WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
            By waiting =
                    By.cssSelector("#cases-needs-person li[data-case-id='" + needs.id() + "']");
            WebElement shown = wait.until(ExpectedConditions.visibilityOfElementLocated(waiting));
            // the cases are below the approvals: the top of the page says someone is needed
            WebElement banner = browser.findElement(By.id("needs-person-banner"));
            assertThat(banner.isDisplayed()).isTrue();
            String count = browser.findElement(By.id("cases-needs-person-count")).getText();
            assertThat(count).isNotEqualTo("0");
            assertThat(banner.getText()).contains(count + " case").contains("need");
            banner.findElement(By.id("needs-person-banner-link")).click();
            wait.until(d -> browser.getCurrentUrl().endsWith("#cases-needs-person"));
            assertThat(shown.findElements(By.cssSelector("button[data-case-action]")))
                    .extracting(WebElement::getText)
                    .containsExactly("Take over", "Hand back", "Close");
            keepEvidence("console-with-a-case-that-needs-a-person");

            shown.findElement(By.cssSelector("button[data-case-action='close']")).click();
            shown.findElement(By.cssSelector("[data-role='case-reason-input']"))
                    .sendKeys("the vendor replaced the PSU");
            shown.findElement(By.cssSelector("[data-role='case-confirm']")).click();

            WebElement closed =
                    wait.until(
                            ExpectedConditions.visibilityOfElementLocated(
                                    By.cssSelector(
                                            "#cases-closed li[data-case-id='"
                                                    + needs.id()
                                                    + "']")));
            assertThat(closed.findElement(By.cssSelector("[data-role='case-reason']")).getText())
                    .contains("closed by operator: the vendor replaced the PSU");
            assertThat(closed.findElements(By.cssSelector("button[data-case-action]")))
                    .as("nothing is left to do with a closed case")
                    .isEmpty();
            assertThat(browser.findElements(waiting)).isEmpty();
            assertThat(cases.find(needs.id()).orElseThrow().status()).isEqualTo(CaseStatus.CLOSED);
            List<AuditEntry> ended =
                    ledger.query(AuditQuery.forCase(needs.id().value())).stream()
                            .filter(e -> e.event().type() == AuditEventType.CASE_CLOSED)
                            .toList();
            assertThat(ended).hasSize(1);
            assertThat(ended.get(0).event().actor()).isEqualTo("operator");
            assertThat(ended.get(0).event().payload())
                    .containsEntry("reason", "closed by operator: the vendor replaced the PSU");
        } catch (AssertionError | RuntimeException e) {
            keepEvidence("close");
            throw e;
        }
    }

    @Test
    void an_auditor_sees_the_case_that_needs_a_person_and_its_reason_but_no_actions()
            throws Exception {
        try {
            CaseRecord needs = aCaseThatNeedsAPerson("case-browser-for-the-auditor");
            signIn("auditor");
            WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
            WebElement shown =
                    wait.until(
                            ExpectedConditions.visibilityOfElementLocated(
                                    By.cssSelector(
                                            "#cases-needs-person li[data-case-id='"
                                                    + needs.id()
                                                    + "']")));
            assertThat(shown.findElement(By.cssSelector("[data-role='case-reason']")).getText())
                    .contains(needs.reason());
            assertThat(browser.findElements(By.cssSelector("button[data-case-action]")))
                    .as("an auditor reads cases and acts on none")
                    .isEmpty();
        } catch (AssertionError | RuntimeException e) {
            keepEvidence("auditor");
            throw e;
        }
    }

    /** Moves simulated time on until the agent works a case other than the optic's. */
    private CaseRecord driveUntilTheAgentWorksACase() {
        for (int i = 0; i < 20; i++) {
            Optional<CaseRecord> working =
                    cases.open().stream()
                            .filter(c -> c.status() == CaseStatus.ACTIVE)
                            .filter(c -> !c.element().id().value().startsWith("link-"))
                            .findFirst();
            if (working.isPresent()) {
                return working.get();
            }
            simulation.advance(Duration.ofHours(6));
        }
        throw new AssertionError("the agent worked no case in five simulated days: " + cases.all());
    }

    /**
     * A case on an element without a fault that the agent gave to a person, after warning the
     * customers: put in the service's own store, so the console lists it as the loop's.
     */
    private CaseRecord aCaseThatNeedsAPerson(String caseId) {
        Element element =
                simulation.elements().stream()
                        .filter(e -> e.id().value().equals("agg-rtr-04"))
                        .findFirst()
                        .orElseThrow();
        CaseId id = new CaseId(caseId);
        ToolCall notify =
                ToolCall.of(
                        "notify_customers",
                        Map.of("element_id", element.id().value(), "message", "planned work"));
        Prediction p =
                new Prediction(
                        element.id(),
                        simulation.now(),
                        0.4,
                        FailureMode.PSU_DEGRADATION,
                        Duration.ofHours(30),
                        List.of(),
                        "test");
        CaseRecord planned =
                CaseRecord.opened(id, element, p, simulation.now())
                        .planned(
                                new Plan(
                                        id,
                                        "playbook",
                                        "1",
                                        List.of(
                                                new PlanStep(
                                                        0,
                                                        notify,
                                                        simulation.now(),
                                                        OptionalInt.empty(),
                                                        "warn the customers")),
                                        "psu"));
        CaseRecord needs =
                planned.withStep(
                                planned.step(0)
                                        .done(Optional.empty(), Map.of(), "customers warned"))
                        .needsPerson(
                                simulation.now(),
                                "no PSU can reach the site before the failure; customers warned");
        cases.save(needs);
        return needs;
    }

    @Test
    void a_supervisor_takes_a_case_over_on_its_page_and_hands_it_back_and_the_timeline_says_so()
            throws Exception {
        try {
            CaseRecord working = driveUntilTheAgentWorksACase();
            signIn("supervisor");
            WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
            // from the overview, the case's link opens its page
            By link =
                    By.cssSelector(
                            "li[data-case-id='" + working.id() + "'] a[data-role='case-link']");
            wait.until(ExpectedConditions.elementToBeClickable(link)).click();
            wait.until(ExpectedConditions.textToBe(By.id("case-title"), working.id().value()));

            // the timeline from the ledger: the prediction, the plan with its rationale, the
            // policy's decisions with their rule ids
            wait.until(
                    d ->
                            !d.findElements(By.cssSelector("#timeline li[data-type='PLAN']"))
                                    .isEmpty());
            assertThat(
                            browser.findElements(By.cssSelector("#timeline > li")).stream()
                                    .map(e -> e.getAttribute("data-type"))
                                    .distinct()
                                    .toList())
                    .contains("PREDICTION", "CASE_OPENED", "PLAN", "POLICY_DECISION");
            assertThat(
                            browser.findElements(
                                    By.cssSelector(
                                            "#timeline li[data-type='POLICY_DECISION'] code.rule")))
                    .isNotEmpty();
            assertThat(browser.findElement(By.id("plan-rationale")).getText())
                    .startsWith("Revision ");

            By takenOverEvents = By.cssSelector("#timeline li[data-type='CASE_TAKEN_OVER']");
            By handedBackEvents = By.cssSelector("#timeline li[data-type='CASE_HANDED_BACK']");
            int takenBefore = browser.findElements(takenOverEvents).size();
            int backBefore = browser.findElements(handedBackEvents).size();
            browser.findElement(By.cssSelector("button[data-case-action='take-over']")).click();
            browser.findElement(By.id("case-reason-input")).sendKeys("a supervisor looks at it");
            browser.findElement(By.id("case-confirm")).click();
            wait.until(
                    ExpectedConditions.textToBe(
                            By.cssSelector("[data-role='case-status']"), "taken over"));
            wait.until(d -> d.findElements(takenOverEvents).size() > takenBefore);
            assertThat(lastText(wait, takenOverEvents))
                    .contains("Taken over by supervisor")
                    .contains("a supervisor looks at it");
            keepEvidence("case-page-taken-over");

            browser.findElement(By.cssSelector("button[data-case-action='hand-back']")).click();
            browser.findElement(By.id("case-reason-input")).sendKeys("back to the agent");
            browser.findElement(By.id("case-confirm")).click();
            wait.until(d -> d.findElements(handedBackEvents).size() > backBefore);
            assertThat(cases.find(working.id()).orElseThrow().status().isAgentWorking()).isTrue();
        } catch (AssertionError | RuntimeException e) {
            keepEvidence("case-page");
            throw e;
        }
    }

    @Test
    void an_auditor_verifies_the_ledger_filters_it_and_downloads_an_inclusion_proof()
            throws Exception {
        try {
            // the loop has decided something the auditor can filter for
            for (int i = 0;
                    i < 20
                            && ledger.query(AuditQuery.all()).stream()
                                    .noneMatch(
                                            e ->
                                                    e.event().type()
                                                            == AuditEventType.POLICY_DECISION);
                    i++) {
                simulation.advance(Duration.ofHours(6));
            }
            signIn("auditor");
            WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
            // the entries are redrawn when the filter's answer comes: look again, not at the old
            // rows
            wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
            browser.findElement(By.id("nav-audit")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("verify"))).click();
            WebElement verified =
                    wait.until(
                            ExpectedConditions.visibilityOfElementLocated(By.id("verify-result")));
            assertThat(verified.getText()).startsWith("Intact: ").contains("entries checked");

            new org.openqa.selenium.support.ui.Select(
                            browser.findElement(By.cssSelector("#filter select[name='type']")))
                    .selectByVisibleText("POLICY_DECISION");
            browser.findElement(By.cssSelector("#filter button[type='submit']")).click();
            wait.until(
                    d ->
                            !d.findElements(By.cssSelector("#entries tbody tr")).isEmpty()
                                    && d
                                            .findElements(By.cssSelector("#entries tbody tr code"))
                                            .stream()
                                            .allMatch(c -> c.getText().equals("POLICY_DECISION")));

            browser.findElement(By.id("proof-sequence")).sendKeys("3");
            browser.findElement(By.cssSelector("#proof-form button")).click();
            WebElement proof =
                    wait.until(
                            ExpectedConditions.visibilityOfElementLocated(By.id("proof-result")));
            assertThat(proof.getText()).contains("root hash").contains("audit path");
            keepEvidence("audit-page");
            // the download is the proof with the checkpoint it is against, as the browser saves it
            browser.findElement(By.id("proof-download")).click();
            Path saved = downloads.resolve("inclusion-proof-3.json");
            org.awaitility.Awaitility.await()
                    .atMost(PATIENCE)
                    .until(() -> Files.isRegularFile(saved) && Files.size(saved) > 0);
            JsonNode downloaded = JSON.readTree(Files.readString(saved));
            assertThat(downloaded.at("/proof/sequence").asLong()).isEqualTo(3);
            assertThat(downloaded.at("/proof/rootHash").asString())
                    .isEqualTo(downloaded.at("/checkpoint/rootHash").asString());
            assertThat(downloaded.at("/checkpoint/signature").asString()).isNotBlank();
            assertThat(browser.findElement(By.id("export")).getAttribute("href"))
                    .endsWith("/api/audit/export");
        } catch (AssertionError | RuntimeException e) {
            keepEvidence("audit");
            throw e;
        }
    }

    @Test
    void an_operator_reads_the_policy_in_force_compares_versions_and_explains_an_action()
            throws Exception {
        try {
            signIn("operator");
            WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
            browser.findElement(By.id("nav-policy")).click();
            wait.until(
                    d ->
                            d.findElements(
                                                    By.cssSelector(
                                                            "#rules tr[data-rule='order-part-approve-operator']"))
                                            .size()
                                    == 1);
            assertThat(browser.findElements(By.cssSelector("#versions tbody tr"))).isNotEmpty();
            assertThat(
                            browser.findElement(
                                            By.cssSelector(
                                                    "#rules tr[data-rule='reroute-traffic-deny-isolates-site']"))
                                    .getText())
                    .as("a denial of the moment reads as one")
                    .contains("DENY, for the moment");

            browser.findElement(By.cssSelector("#diff-form button")).click();
            WebElement summary =
                    wait.until(
                            ExpectedConditions.visibilityOfElementLocated(By.id("diff-summary")));
            assertThat(summary.getText())
                    .matches("the two versions are the same|\\d+ lines differ");

            WebElement action = browser.findElement(By.id("explain-action"));
            action.clear();
            action.sendKeys(
                    "{\"tool\": \"order_part\", \"element\": \"core-rtr-01\", \"cost\": 2800}");
            browser.findElement(By.cssSelector("#explain-form button")).click();
            WebElement effect =
                    wait.until(
                            ExpectedConditions.visibilityOfElementLocated(
                                    By.cssSelector("#explain-decision [data-role='effect']")));
            assertThat(effect.getText()).isEqualTo("REQUIRE_APPROVAL");
            assertThat(browser.findElement(By.id("explain-rules")).getText())
                    .contains("order-part-approve-operator");
            keepEvidence("policy-page");
        } catch (AssertionError | RuntimeException e) {
            keepEvidence("policy");
            throw e;
        }
    }

    @Test
    void the_keyboard_reaches_the_pages_content_first_and_every_control_has_a_name()
            throws Exception {
        signIn("operator");
        browser.findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.TAB);
        WebElement focused = browser.switchTo().activeElement();
        assertThat(focused.getText()).isEqualTo("Skip to the page's content");
        focused.sendKeys(org.openqa.selenium.Keys.ENTER);
        assertThat(browser.getCurrentUrl()).endsWith("#main");
        // every form control and button has a name a screen reader can say
        @SuppressWarnings("unchecked")
        List<String> unnamed =
                (List<String>)
                        ((org.openqa.selenium.JavascriptExecutor) browser)
                                .executeScript(
                                        "return [...document.querySelectorAll('button, input, select, textarea, a')]"
                                                + ".filter(e => e.offsetParent !== null)"
                                                + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')"
                                                + " && !e.getAttribute('placeholder') && !e.textContent.trim())"
                                                + ".map(e => e.outerHTML);");
        assertThat(unnamed).isEmpty();
    }

    /** The text of the last element matching {@code which}, read again if the page redraws. */
    private static String lastText(WebDriverWait wait, By which) {
        return wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(
                        d -> {
                            List<WebElement> all = d.findElements(which);
                            return all.isEmpty() ? null : all.get(all.size() - 1).getText();
                        });
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
        // the rows read in one script: pushed updates redraw the table between two WebDriver calls
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows =
                (List<Map<String, Object>>)
                        ((JavascriptExecutor) browser)
                                .executeScript(
                                        "const text = (r, role) => { const c ="
                                                + " r.querySelector(`[data-role='${role}']`); return c"
                                                + " ? c.innerText.trim() : null; };"
                                                + " return Array.from(document.querySelectorAll('#risk"
                                                + " tbody tr')).map(r => ({element:"
                                                + " r.getAttribute('data-element'), source:"
                                                + " r.getAttribute('data-source'), expected: text(r,"
                                                + " 'expected'), probability: text(r, 'probability')}));");
        for (Map<String, Object> row : rows) {
            Double p = served.get((String) row.get("element"));
            String expected = (String) row.get("expected");
            if ("case".equals(row.get("source"))) {
                // an element whose alarm is open in a case, no longer scored at risk
                assertThat(expected).isEqualTo("alarm open");
                continue;
            }
            if (p != null) { // the page reads again as the world moves: compare what both saw
                assertThat(row.get("probability")).isEqualTo(percent(p));
            }
            assertThat(expected).startsWith("~");
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
