package dev.autonoc.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Safety property 4 of DESIGN.md against a real crash: the service runs in a JVM of its own, is
 * killed with SIGKILL while its loop is running (a request parked, ticks and tool calls under way),
 * and started again on the same data folder. Everything is checked through the REST API, as an
 * operator or an auditor would: the ledger verifies, the case and its pending request are there,
 * and the request approved, its call runs once, under the idempotency key its step had before the
 * crash.
 *
 * <p>The child JVM runs {@link AutonocApplication} on this test's own runtime class path, so no
 * packaged jar is needed. Its output is in {@code target/crash-test/}.
 */
class CrashRestartTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Path LOGS = Path.of("target", "crash-test");

    private final Path dataDir = FullAppTestBase.freshDataDir();
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killWhatIsLeft() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_service_killed_mid_run_resumes_its_case_and_the_parked_call_runs_once()
            throws Exception {
        // --- the first run: drive the loop until it parks the optic order, then let it run
        Service first = start("first");
        JsonNode parked = driveUntilTheLoopParks(first, "order_part");
        String approvalId = parked.at("/id").asString();
        String caseId = parked.at("/caseId").asString();
        int step = parked.at("/step").asInt();
        JsonNode before = first.api.json("GET", "/api/cases/" + caseId, "operator", null, 200);
        JsonNode stepBefore = before.at("/steps/" + step);
        String key = caseId + "/" + step + "/" + stepBefore.at("/attempt").asInt();
        assertThat(before.at("/status").asString()).isEqualTo("WAITING_APPROVAL");
        assertThat(stepBefore.at("/approvalId").asString()).isEqualTo(approvalId);
        assertThat(toolCalls(first, caseId, key)).as("nothing ran before the answer").isEmpty();
        assertThat(ledger(first, "type=TOOL_CALL&limit=1"))
                .as("the loop has made tool calls")
                .isNotEmpty();

        // the simulation at its own pace: the loop ticks, journals calls and writes the ledger
        Instant pausedAt = Instant.parse(simulation(first).at("/simTime").asString());
        first.api.json("POST", "/api/simulation/resume", "supervisor", null, 200);
        awaitSimTimePast(first, pausedAt);
        // what the service has reported done when it dies: a simulated time, a ledger this long
        Instant lastReported = Instant.parse(simulation(first).at("/simTime").asString());
        long ledgerReported =
                first.api
                        .json("GET", "/api/audit/verify", "auditor", null, 200)
                        .at("/entriesChecked")
                        .asLong();
        first.process.destroyForcibly();
        assertThat(first.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(first.process.exitValue()).as("killed, not stopped").isEqualTo(137);

        // --- the second run on the same folder
        Service second = start("second");
        JsonNode verification = second.api.json("GET", "/api/audit/verify", "auditor", null, 200);
        assertThat(verification.at("/intact").asBoolean())
                .as("ledger after the crash: %s", verification)
                .isTrue();
        assertThat(verification.at("/entriesChecked").asLong())
                .as("no ledger entry the first run had shown is lost")
                .isGreaterThanOrEqualTo(ledgerReported);
        assertThat(Instant.parse(simulation(second).at("/simTime").asString()))
                .as("the world rebuilt at least to the time the first run had reported")
                .isAfterOrEqualTo(lastReported);

        JsonNode waiting = pending(second, approvalId);
        assertThat(waiting).as("the request parked before the crash waits").isNotNull();
        assertThat(waiting.at("/tool").asString()).isEqualTo("order_part");
        assertThat(waiting.at("/caseId").asString()).isEqualTo(caseId);
        JsonNode after = second.api.json("GET", "/api/cases/" + caseId, "operator", null, 200);
        assertThat(after.at("/status").asString()).isEqualTo("WAITING_APPROVAL");
        assertThat(after.at("/steps/" + step + "/approvalId").asString()).isEqualTo(approvalId);
        assertThat(after.at("/steps/" + step + "/attempt").asInt())
                .isEqualTo(stepBefore.at("/attempt").asInt());
        assertThat(toolCalls(second, caseId, key)).isEmpty();

        second.api.json(
                "POST",
                "/api/approvals/" + approvalId + "/approve",
                "operator",
                "{\"comment\": \"approved after the crash\"}",
                200);
        // the loop follows the answer at its next tick
        second.api.json("POST", "/api/simulation/advance?duration=PT10M", "supervisor", null, 200);

        List<JsonNode> calls = toolCalls(second, caseId, key);
        assertThat(calls).as("the approved order ran once, with the key it had before").hasSize(1);
        assertThat(calls.get(0).at("/payload/tool").asString()).isEqualTo("order_part");
        JsonNode done = second.api.json("GET", "/api/cases/" + caseId, "operator", null, 200);
        assertThat(done.at("/steps/" + step + "/state").asString()).isEqualTo("DONE");
        assertThat(
                        second.api
                                .json("GET", "/api/audit/verify", "auditor", null, 200)
                                .at("/intact")
                                .asBoolean())
                .isTrue();
    }

    // --- the child JVM ---

    private record Service(Process process, ApiClient api) {}

    private Service start(String name) throws IOException, InterruptedException {
        int port = freePort();
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve(name + ".log");
        List<String> command =
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        AutonocApplication.class.getName(),
                        "--autonoc.data-dir=" + dataDir,
                        "--server.port=" + port,
                        "--management.server.port=0",
                        // the loop at its own pace while the request waits (not slowed for a
                        // person)
                        "--autonoc.simulation.pacing.when-person-needed=keep",
                        "--autonoc.simulation.auto-start=false",
                        "--autonoc.approvals.timeout=0",
                        "--autonoc.audit.checkpoint-interval=0");
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        started.add(process);
        ApiClient api = new ApiClient("http://localhost:" + port);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("the %s run died; see %s", name, log).isTrue();
            try {
                HttpResponse<String> r = api.send("GET", "/api/simulation", "operator", null, null);
                if (r.statusCode() == 200) {
                    return new Service(process, api);
                }
            } catch (IOException | java.io.UncheckedIOException notListeningYet) {
                // the port opens when start-up (and the world's rebuild) is done
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the " + name + " run did not answer in " + START_TIMEOUT);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- through the API ---

    private static JsonNode driveUntilTheLoopParks(Service s, String tool) throws Exception {
        for (int i = 0; i < 20; i++) {
            for (JsonNode r : s.api.json("GET", "/api/approvals", "operator", null, 200)) {
                if (r.at("/tool").asString().equals(tool)
                        && r.at("/requiredRole").asString().equals("noc_operator")) {
                    return r;
                }
            }
            s.api.json("POST", "/api/simulation/advance?duration=PT6H", "supervisor", null, 200);
        }
        throw new AssertionError("the loop parked no " + tool + " in five simulated days");
    }

    private static JsonNode simulation(Service s) throws Exception {
        return s.api.json("GET", "/api/simulation", "operator", null, 200);
    }

    private static void awaitSimTimePast(Service s, Instant t) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            if (Instant.parse(simulation(s).at("/simTime").asString()).isAfter(t)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the simulation did not move past " + t);
    }

    private static JsonNode pending(Service s, String approvalId) throws Exception {
        for (JsonNode r : s.api.json("GET", "/api/approvals", "operator", null, 200)) {
            if (r.at("/id").asString().equals(approvalId)) {
                return r;
            }
        }
        return null;
    }

    private static List<JsonNode> ledger(Service s, String query) throws Exception {
        List<JsonNode> entries = new ArrayList<>();
        s.api.json("GET", "/api/audit?" + query, "auditor", null, 200)
                .at("/entries")
                .forEach(entries::add);
        return entries;
    }

    private static List<JsonNode> toolCalls(Service s, String caseId, String key) throws Exception {
        return ledger(s, "case=" + caseId + "&type=TOOL_CALL&limit=1000").stream()
                .filter(e -> key.equals(e.at("/payload/idempotency_key").asString()))
                .toList();
    }
}
