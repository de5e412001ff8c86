package dev.autonoc.service.connected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.Part;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.service.HeadlessChromium;
import dev.autonoc.service.TestDirs;
import dev.autonoc.service.security.ApiToken;
import dev.autonoc.service.security.ApiTokens;
import dev.autonoc.simulators.FaultTruth;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.http.TmfHttpFacade;
import dev.autonoc.tools.http.TmfHttpClients;
import dev.autonoc.tools.oss.ProductOrderRequest;
import dev.autonoc.tools.oss.RecordedAct;
import dev.autonoc.tools.oss.TicketRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shadow mode, end to end (the done-when): connected mode on the twin's time, every act at
 * the autonomy level {@code observe}. The aging laser's fault runs its course: the service predicts
 * it, plans, and judges each act without running any, while the operator's staff open a ticket and
 * order the optic through the twin's TMF HTTP API as their own tools would, and nobody books an
 * engineer; the link fails. The ledger holds the prediction, the plans and the decisions; the twin
 * saw no act from the agent; the case followed the fault's course and closed as failed; the
 * comparison report sets the agent's would-be acts beside the staff's (who was earlier, by how
 * long, what only one side did), over the API and on the console's Shadow page (headless Chromium,
 * axe-core; a screenshot in {@code target/console-test/shadow-page.png}).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "autonoc.mode=connected",
            "autonoc.approvals.timeout=0",
            "autonoc.connected.autonomy.default-level=observe",
            // the loop acts after each batch of telemetry; its own ticks would race the test
            "autonoc.connected.tick-interval=1h",
            "autonoc.connected.telemetry.group=shadow-mode-test",
            "autonoc.connected.telemetry.topic=shadow-mode-test",
            "autonoc.connected.telemetry.dead-letter-topic=shadow-mode-test.dlt",
            "autonoc.security.limits.api-per-second=100000",
            "autonoc.security.limits.api-burst=100000"
        })
@Import(ShadowModeTest.TwinTime.class)
class ShadowModeTest {

    private static final ElementId LINK = ElementId.of("link-agg-rtr-01-core-rtr-02");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * When the staff act, from the fault's onset: late, 18 h before the link fails, and after the
     * last moment the agent would have decided on the repair (its watch, when the first alarm is
     * faint, decides by a day before the failure). When the agent's case opens and when its watch
     * is confirmed move with how the telemetry's batches fall; the staff's time does not.
     */
    private static final Duration STAFF_ACT_AFTER_ONSET = Duration.ofHours(54);

    static final KafkaTestBroker BROKER = new KafkaTestBroker(2);
    static final OperatorTwin TWIN = OperatorTwin.create(LaserAgingTwin.on(LINK));
    static final TmfHttpFacade FACADE = TmfHttpFacade.start(TWIN);
    static final KafkaTemplate<String, byte[]> PRODUCER = BROKER.producer();

    /** The operator's staff's own client of their systems: the same TMF APIs, over HTTP. */
    private final TmfHttpClients staff = TmfHttpClients.over(FACADE.baseUri());

    @LocalServerPort int port;
    @Autowired TelemetryIngest ingest;
    @Autowired ApiTokens tokens;
    private final Map<String, String> secrets = new HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    /** The service lives on the twin's time, as both would on the wall clock. */
    @TestConfiguration
    static class TwinTime {
        @Bean
        @Primary
        Clock twinClock() {
            return TWIN.clock();
        }
    }

    @DynamicPropertySource
    static void connected(DynamicPropertyRegistry registry) throws Exception {
        Path data = TestDirs.fresh("autonoc-shadow-");
        registry.add("autonoc.data-dir", data::toString);
        registry.add("spring.kafka.bootstrap-servers", BROKER::servers);
        registry.add("autonoc.connected.tmf.base-url", () -> FACADE.baseUri().toString());
        ConnectedUsers.register(registry);
    }

    @AfterAll
    static void stopTheOperator() {
        PRODUCER.destroy();
        FACADE.close();
        BROKER.close();
    }

    @Test
    void at_observe_a_fault_runs_its_course_and_the_report_sets_the_agent_beside_the_staff()
            throws Exception {
        Instant start = TWIN.now();
        TwinPublisher twin = new TwinPublisher(TWIN, PRODUCER, "shadow-mode-test");
        twin.publishInventory();
        boolean caseSeen = false;
        boolean staffActed = false;
        for (int hour = 0; hour < 24 * 5 && !shadowCaseEnded(); hour++) {
            twin.advanceTo(TWIN.now().plus(Duration.ofHours(1)));
            long published = twin.published();
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () ->
                                    ingest.counters().applied()
                                                    + ingest.counters().deadLetteredTotal()
                                            >= published);
            assertThat(get("/api/approvals", "supervisor").size())
                    .as("at observe nothing waits for a person")
                    .isZero();
            caseSeen |= get("/api/cases", "supervisor").size() > 0;
            if (!staffActed && !TWIN.now().isBefore(start.plus(STAFF_ACT_AFTER_ONSET))) {
                staffOpenATicketAndOrderTheOptic();
                staffActed = true;
            }
        }
        assertThat(caseSeen).as("the agent opened a case").isTrue();
        assertThat(staffActed).as("the staff acted").isTrue();
        FaultTruth laser =
                TWIN.groundTruth().faults().stream()
                        .filter(f -> f.element().equals(LINK))
                        .findFirst()
                        .orElseThrow();
        assertThat(laser.failedAt()).as("nobody booked an engineer: the link failed").isPresent();
        assertThat(laser.repairedAt()).isEmpty();
        Instant end = TWIN.now().plusSeconds(1);

        // the link's case followed the fault's course and closed as failed, in shadow mode (a
        // faint alarm elsewhere in the network may have opened a case of its own beside it)
        JsonNode first = linkCase().orElseThrow();
        assertThat(first.at("/status").asString()).isEqualTo("CLOSED");
        assertThat(first.at("/reason").asString()).startsWith("shadow mode: the element failed");
        assertThat(first.at("/shadow").asString()).isEqualTo("observed");
        String caseId = first.at("/id").asString();
        JsonNode whole = get("/api/cases/" + caseId, "supervisor");
        List<String> states = new ArrayList<>();
        List<String> done = new ArrayList<>();
        whole.at("/steps")
                .forEach(
                        s -> {
                            states.add(s.at("/state").asString());
                            if (s.at("/state").asString().equals("DONE")) {
                                done.add(s.at("/tool").asString());
                            }
                        });
        assertThat(states).contains("OBSERVED").doesNotContain("DENIED");
        // reads run in shadow mode too (a watch reads the telemetry again): no act was done
        assertThat(done)
                .as("the steps done in shadow mode")
                .allMatch(tool -> tool.matches("(get|check|list|preview)_[a-z_]+"));

        // the ledger holds the prediction, the plans and every act's would-be decision
        List<String> types = new ArrayList<>();
        List<JsonNode> decisions = new ArrayList<>();
        for (JsonNode e :
                get("/api/audit?case=" + caseId + "&limit=1000", "auditor").at("/entries")) {
            types.add(e.at("/type").asString());
            if (e.at("/type").asString().equals("POLICY_DECISION")) {
                decisions.add(e);
            }
        }
        assertThat(types).contains("PREDICTION", "CASE_OPENED", "PLAN", "POLICY_DECISION");
        assertThat(decisions)
                .isNotEmpty()
                .allSatisfy(
                        d ->
                                assertThat(d.at("/payload/rule_ids").toString())
                                        .contains("autonomy-observe"));
        List<String> judged = new ArrayList<>();
        decisions.forEach(d -> judged.add(d.at("/payload/tool").asString()));
        assertThat(judged).contains(ToolNames.ORDER_PART);
        // no act tool ran: the ledger holds no call of one
        for (String act :
                List.of(
                        ToolNames.OPEN_TICKET,
                        ToolNames.ORDER_PART,
                        ToolNames.DISPATCH_ENGINEER,
                        ToolNames.REROUTE_TRAFFIC,
                        ToolNames.RESTART_ELEMENT,
                        ToolNames.NOTIFY_CUSTOMERS)) {
            assertThat(get("/api/audit?type=TOOL_CALL&tool=" + act, "auditor").at("/entries"))
                    .as(act + " called")
                    .isEmpty();
        }
        // and the twin saw nothing from the agent: every order, booking, ticket and activation
        // it shows is the staff's
        List<RecordedAct> onRecord = staff.records().between(start, end, Optional.empty());
        assertThat(onRecord)
                .extracting(RecordedAct::externalId)
                .containsExactlyInAnyOrder("INC-4711", "noc-staff-order-1");

        // the report: the agent's would-be acts beside the staff's
        JsonNode report =
                get(
                        "/api/shadow-report?from="
                                + start
                                + "&to="
                                + end
                                + "&element="
                                + URLEncoder.encode(LINK.value(), StandardCharsets.UTF_8),
                        "supervisor");
        assertThat(report.at("/totals/both").asInt()).as(report.toString()).isEqualTo(2);
        assertThat(report.at("/totals/peopleActs").asInt()).isEqualTo(2);
        assertThat(report.at("/totals/peopleOnly").asInt())
                .as("the staff did nothing the agent would not have")
                .isZero();
        assertThat(report.at("/totals/agentOnly").asInt())
                .as("the agent would also have booked an engineer")
                .isPositive();
        assertThat(report.at("/totals/agentEarlier").asInt()).isEqualTo(2);
        assertThat(report.at("/totals/medianAgentLeadHours").asDouble()).isGreaterThan(0);
        assertThat(report.at("/totals/failed").asInt()).isEqualTo(1);
        assertThat(report.at("/totals/failedAfterPeopleActed").asInt()).isEqualTo(1);
        assertThat(report.at("/totals/predictions").asInt()).isPositive();
        assertThat(report.at("/totals/plans").asInt()).isPositive();
        JsonNode shadowCase = report.at("/cases/0");
        assertThat(shadowCase.at("/id").asString()).isEqualTo(caseId);
        assertThat(shadowCase.at("/observed").asBoolean()).isTrue();
        assertThat(shadowCase.at("/outcome/kind").asString()).isEqualTo("failed");
        assertThat(shadowCase.at("/outcome/peopleActedBefore").asBoolean()).isTrue();
        List<String> both = new ArrayList<>();
        for (JsonNode b : shadowCase.at("/both")) {
            both.add(b.at("/tool").asString());
            assertThat(b.at("/earlier").asString()).isEqualTo("agent");
            assertThat(b.at("/agent/verdict").asString()).isEqualTo("observed");
            assertThat(Instant.parse(b.at("/people/at").asString()))
                    .isAfter(Instant.parse(b.at("/agent/at").asString()));
        }
        assertThat(both).containsExactlyInAnyOrder(ToolNames.OPEN_TICKET, ToolNames.ORDER_PART);
        List<String> agentOnly = new ArrayList<>();
        shadowCase.at("/agentOnly").forEach(a -> agentOnly.add(a.at("/tool").asString()));
        assertThat(agentOnly).contains(ToolNames.DISPATCH_ENGINEER);

        // bad parameters are answered with what is accepted
        HttpResponse<String> bad = raw("/api/shadow-report?from=yesterday&to=" + end, "supervisor");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(bad.body());
        assertThat(problem.at("/parameter").asString()).isEqualTo("from");
        assertThat(problem.at("/detail").asString()).contains("ISO-8601");
        JsonNode unknown =
                JSON.readTree(
                        raw(
                                        "/api/shadow-report?from="
                                                + start
                                                + "&to="
                                                + end
                                                + "&element=nope",
                                        "supervisor")
                                .body());
        assertThat(unknown.at("/parameter").asString()).isEqualTo("element");
        assertThat(raw("/api/shadow-report?to=" + end, "supervisor").statusCode()).isEqualTo(400);

        theConsolePageShowsIt(start, end, caseId);
        JsonNode verification = get("/api/audit/verify", "auditor");
        assertThat(verification.at("/intact").asBoolean()).as(verification.toString()).isTrue();
    }

    /** What the staff do, on their own tools: a ticket, then the optic from the central store. */
    private void staffOpenATicketAndOrderTheOptic() {
        String site =
                TWIN.ossBss().resourceInventory().topology().resources().stream()
                        .filter(r -> r.id().equals(LINK.value()))
                        .findFirst()
                        .orElseThrow()
                        .site();
        staff.troubleTicket()
                .create(
                        new TicketRequest(
                                "INC-4711",
                                LINK.value(),
                                "optical power dropping on the link",
                                "major"),
                        "noc-staff-ticket-1");
        staff.productOrdering()
                .order(
                        new ProductOrderRequest(
                                Part.SFP_OPTIC.code(), "central", site, LINK.value(), false),
                        "noc-staff-order-1");
    }

    private void theConsolePageShowsIt(Instant from, Instant to, String caseId) throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium(1400, 1800)) {
            String base = "http://localhost:" + port;
            chromium.signIn(base, "supervisor", ConnectedUsers.PASSWORD);
            chromium.browser.findElement(By.id("nav-shadow")).click();
            chromium.waiting()
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("shadow-form")));
            chromium.browser.findElement(By.id("shadow-from")).clear();
            chromium.browser.findElement(By.id("shadow-from")).sendKeys(from.toString());
            chromium.browser.findElement(By.id("shadow-to")).clear();
            chromium.browser.findElement(By.id("shadow-to")).sendKeys(to.toString());
            chromium.browser.findElement(By.id("shadow-element")).sendKeys(LINK.value());
            chromium.browser.findElement(By.cssSelector("#shadow-form button")).click();
            chromium.waiting()
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("totals")));
            // the header's clock has read the API: the page is whole
            chromium.waiting().until(d -> !d.findElement(By.id("sim-time")).getText().equals("…"));
            assertThat(chromium.browser.findElement(By.id("total-both")).getText()).isEqualTo("2");
            assertThat(chromium.browser.findElement(By.id("agreement")).getText()).endsWith("%");
            var section =
                    chromium.browser.findElement(
                            By.cssSelector("section[data-case='" + caseId + "']"));
            assertThat(section.getText())
                    .contains("failed", "shadow mode: observed", "open_ticket", "order_part")
                    .contains("only the agent", "dispatch_engineer", "agent by");
            assertThat(section.findElements(By.cssSelector("tr.both"))).hasSize(2);
            chromium.keep("shadow-page");
            assertThat(chromium.seriousAccessibilityViolations())
                    .as("axe-core's serious and critical findings on /shadow")
                    .isEmpty();
            // the case page says the case was observed
            chromium.browser.get(base + "/cases/" + caseId);
            chromium.waiting()
                    .until(
                            ExpectedConditions.visibilityOfElementLocated(
                                    By.cssSelector("[data-role='case-shadow']")));
            assertThat(
                            chromium.browser
                                    .findElement(By.cssSelector("[data-role='case-shadow']"))
                                    .getText())
                    .contains("shadow mode: observed");
            chromium.keep("shadow-case-page");
        }
    }

    /**
     * Whether the link's case has ended: another element's case may open and end meanwhile (a faint
     * alarm that recovers), and the fault's course is the link's.
     */
    private boolean shadowCaseEnded() throws Exception {
        return linkCase()
                .filter(c -> c.at("/reason").asString("").startsWith("shadow mode:"))
                .isPresent();
    }

    /** The case on the faulty link, as the cases' list shows it. */
    private Optional<JsonNode> linkCase() throws Exception {
        for (JsonNode c : get("/api/cases", "supervisor")) {
            if (c.at("/element/id").asString("").equals(LINK.value())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private JsonNode get(String path, String user) throws Exception {
        HttpResponse<String> r = raw(path, user);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> raw(String path, String user) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", bearer(user))
                        .header("Accept", "application/json")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A personal API token of {@code user}'s, made once per test. */
    private String bearer(String user) {
        return "Bearer "
                + secrets.computeIfAbsent(
                        user,
                        u ->
                                tokens.create(u, "test", ApiToken.Audience.API, Optional.empty())
                                        .secret());
    }
}
