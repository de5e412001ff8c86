package dev.autonoc.service.connected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.PredictorShare;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.policy.CelPolicyGate;
import dev.autonoc.service.TestDirs;
import dev.autonoc.simulators.FaultTruth;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.http.TmfHttpFacade;
import dev.autonoc.tools.oss.BookedAppointment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Several {@code ./autonoc serve} instances in connected mode on one PostgreSQL and one Kafka
 * broker (docs/connected-mode.md, "Several instances"), each a Spring context of its own in this
 * JVM: the twin stands in for the operator (its TMF façade over loopback HTTP, its telemetry
 * published to the broker's topic of four partitions), the instances share the topic as one
 * consumer group, and each works the cases of the elements in its partitions.
 *
 * <p>The instances live on the twin's clock, as {@link ConnectedModeTest} explains; the twin runs
 * an hour at a time.
 */
@EnabledIfEnvironmentVariable(named = "AUTONOC_TEST_POSTGRES_URL", matches = ".+")
class SeveralInstancesTest {

    private static final ElementId LINK = ElementId.of("link-agg-rtr-01-core-rtr-02");
    private static final int PARTITIONS = 4;
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static KafkaTestBroker BROKER;

    @BeforeAll
    static void startTheBroker() {
        BROKER = new KafkaTestBroker(PARTITIONS);
    }

    @AfterAll
    static void stopTheBroker() {
        BROKER.close();
    }

    /** One run: a twin with the aging laser, its façade, a topic, a fresh schema. */
    private static final class Run implements AutoCloseable {
        final OperatorTwin twin = OperatorTwin.create(LaserAgingTwin.on(LINK));
        final TmfHttpFacade facade = TmfHttpFacade.start(twin);
        final KafkaTemplate<String, byte[]> producer = BROKER.producer();
        final String name =
                "several-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
        final TwinPublisher publisher = new TwinPublisher(twin, producer, name);
        final String databaseUrl;
        final Path keyFile;
        final Path policyFile;
        final List<ConnectedInstance> instances = new ArrayList<>();
        // lets a frozen instance go on, so that it can be closed whatever the test found
        final CountDownLatch wake = new CountDownLatch(1);

        Run() throws Exception {
            String url = System.getenv("AUTONOC_TEST_POSTGRES_URL");
            String schema = name.replace('-', '_');
            execute(url, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            execute(url, "CREATE SCHEMA " + schema);
            databaseUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            // the instances sign the ledger's checkpoints with one key
            keyFile = TestDirs.fresh("autonoc-key-").resolve("checkpoint.key");
            // the operator's policy, and the optic's order always waits for a person: what these
            // tests follow across instances is an approval, which must not hang on the order's
            // price (an expedited optic costs more than one in no hurry, and how close the model
            // puts the failure decides that)
            policyFile = TestDirs.fresh("autonoc-policy-").resolve("policy.yaml");
            Files.writeString(
                    policyFile,
                    CelPolicyGate.defaultPolicyText()
                            + """

                              - id: orders-wait-for-a-person
                                match: {tools: [order_part]}
                                effect: REQUIRE_APPROVAL
                                role: noc_operator
                                message: "in these tests every order waits for a NOC operator"
                            """);
        }

        ConnectedInstance start(String id, Map<String, String> extra) throws Exception {
            Map<String, String> settings = new HashMap<>();
            settings.put("spring.datasource.url", databaseUrl);
            settings.put("spring.kafka.bootstrap-servers", BROKER.servers());
            settings.put("autonoc.connected.telemetry.topic", name);
            settings.put("autonoc.connected.telemetry.dead-letter-topic", name + ".dlt");
            settings.put("autonoc.connected.telemetry.group", name);
            settings.put("autonoc.connected.tmf.base-url", facade.baseUri().toString());
            settings.put("autonoc.audit.key-file", keyFile.toString());
            settings.put("autonoc.policy.file", policyFile.toString());
            settings.putAll(extra);
            ConnectedInstance i =
                    ConnectedInstance.start(
                            id, TestDirs.fresh("autonoc-" + id + "-"), twin::clock, settings);
            instances.add(i);
            return i;
        }

        /** Waits until the live instances own every partition between them, each some. */
        void awaitSplit(List<ConnectedInstance> live) {
            await().atMost(Duration.ofSeconds(90))
                    .until(
                            () -> {
                                Set<Integer> all = new HashSet<>();
                                int total = 0;
                                for (ConnectedInstance i : live) {
                                    Set<Integer> mine = i.partitions();
                                    if (mine.isEmpty()) {
                                        return false;
                                    }
                                    all.addAll(mine);
                                    total += mine.size();
                                }
                                return all.size() == PARTITIONS && total == PARTITIONS;
                            });
        }

        /** Runs the twin an hour, and waits until the instances took what it published. */
        void hour(List<ConnectedInstance> live) {
            publisher.advanceTo(twin.now().plus(Duration.ofHours(1)));
            long published = publisher.published();
            await().atMost(Duration.ofSeconds(120))
                    .until(
                            () ->
                                    live.stream()
                                                    .mapToLong(
                                                            i ->
                                                                    i.ingest().counters().applied()
                                                                            + i.ingest()
                                                                                    .counters()
                                                                                    .deadLetteredTotal())
                                                    .sum()
                                            >= published);
        }

        boolean repaired() {
            return laser().repairedAt().isPresent();
        }

        FaultTruth laser() {
            return twin.groundTruth().faults().stream()
                    .filter(f -> f.element().equals(LINK))
                    .findFirst()
                    .orElseThrow();
        }

        List<String> column(String sql) throws SQLException {
            return PostgresRows.column(databaseUrl, sql);
        }

        @Override
        public void close() {
            wake.countDown();
            for (ConnectedInstance i : instances) {
                if (i.running()) {
                    i.close();
                }
            }
            producer.destroy();
            facade.close();
        }
    }

    @Test
    void a_fault_is_worked_by_its_partitions_owner_and_approved_through_the_other_instance()
            throws Exception {
        try (Run run = new Run()) {
            // a watches every element for an hour, then gives half to b; with a warm-up of half an
            // hour, a's state of them knows more than the warm-up would read, so b takes it over
            Map<String, String> halfHour = Map.of("autonoc.connected.telemetry.warm-up", "30m");
            ConnectedInstance a = run.start("node-a", halfHour);
            run.awaitSplit(List.of(a));
            run.publisher.publishInventory();
            run.hour(List.of(a));
            Map<Integer, Long> epochsBefore = epochs(run);
            ConnectedInstance b = run.start("node-b", halfHour);
            List<ConnectedInstance> both = List.of(a, b);
            run.awaitSplit(both);
            // an incremental rebalance: the partitions a kept were never revoked, so never claimed
            // again, and went on flowing; those b took were claimed once more
            Map<Integer, Long> epochsAfter = epochs(run);
            for (int p : a.partitions()) {
                assertThat(epochsAfter.get(p)).as("a kept %d", p).isEqualTo(epochsBefore.get(p));
            }
            for (int p : b.partitions()) {
                assertThat(epochsAfter.get(p))
                        .as("b took %d", p)
                        .isEqualTo(epochsBefore.get(p) + 1);
            }
            // the partitions a gave away came to b with a's predictor state of their elements
            await().atMost(Duration.ofSeconds(30)).until(() -> b.driver().restored() > 0);
            assertThat(a.driver().restored()).as("a watched its own elements already").isZero();
            int partition = Partitions.of(LINK, PARTITIONS);
            ConnectedInstance owner = a.partitions().contains(partition) ? a : b;
            ConnectedInstance other = owner == a ? b : a;

            List<String> approvedElsewhere = new ArrayList<>();
            for (int hour = 0; hour < 24 * 5 && !run.repaired(); hour++) {
                run.hour(both);
                approvedElsewhere.addAll(approveEverything(other, e -> e.equals(LINK.value())));
                // the other instance's own cases are approved where they are worked (the link's
                // request may come between the two calls: it is then approved, and counted, next
                // hour)
                approveEverything(other, e -> !e.equals(LINK.value()));
            }

            assertThat(approvedElsewhere)
                    .as("a person approved the optic's order through the instance not working it")
                    .contains("order_part");
            assertThat(run.laser().repairedAt()).as("mended over TMF HTTP").isPresent();
            assertThat(run.laser().failedAt()).as("before it failed").isEmpty();
            // one case on the link, opened and worked by its partition's owner only
            assertThat(
                            run.column(
                                    "SELECT owner FROM service_case WHERE element = '"
                                            + LINK.value()
                                            + "'"))
                    .containsExactly(owner.id);
            assertThat(other.get("/api/cases", "supervisor").toString())
                    .contains("case-live-" + owner.id + "-");
            assertThat(owner.ingest().counters().applied()).isPositive();
            assertThat(other.ingest().counters().applied()).isPositive();
            for (ConnectedInstance i : both) {
                assertThat(i.ingest().counters().deadLetteredTotal()).isZero();
                JsonNode verification = i.get("/api/audit/verify", "auditor");
                assertThat(verification.at("/intact").asBoolean())
                        .as(verification.toString())
                        .isTrue();
            }
            // the ingest's counters on /actuator/prometheus
            String metrics = owner.metrics();
            assertThat(metrics)
                    .containsPattern("autonoc_telemetry_taken_total(\\{[^}]*\\})? [1-9]")
                    .contains("autonoc_telemetry_duplicates_total")
                    .contains("autonoc_telemetry_received_total")
                    .containsPattern(
                            "autonoc_telemetry_dead_letters_total\\{[^}]*reason=\"malformed\"")
                    .contains("autonoc_predictor_states_checkpointed_total")
                    .contains("autonoc_predictor_checkpoint_failures_total");
            assertThat(b.metrics())
                    .as("b took a's states over")
                    .containsPattern("autonoc_predictor_states_restored_total(\\{[^}]*\\})? [1-9]");
            // the ledger is one chain, written by both
            assertThat(run.column("SELECT DISTINCT actor FROM audit_entry")).contains("supervisor");
            // each predictor joined the other's share, and between them every element with
            // samples is among its peers once: a let go of the partitions it gave b
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> {
                                assertThat(a.bean(PredictorShareExchange.class).joinedFrom())
                                        .containsExactly(b.id);
                                assertThat(b.bean(PredictorShareExchange.class).joinedFrom())
                                        .containsExactly(a.id);
                            });
            assertThat(run.column("SELECT instance_id FROM service_predictor_share"))
                    .containsExactlyInAnyOrder(a.id, b.id);
            for (ConnectedInstance i : both) {
                Set<Integer> mine = i.partitions();
                long own =
                        run.twin.elements().stream()
                                .filter(e -> mine.contains(Partitions.of(e.id(), PARTITIONS)))
                                .count();
                int watched = 0;
                for (PredictorShare.Peers p :
                        i.bean(ConnectedNetwork.class).share().orElseThrow().peers()) {
                    watched += p.members()[0];
                }
                // at most its own partitions' elements (a mended one may wait for its next sample)
                assertThat(watched).as(i.id).isBetween((int) own - 2, (int) own);
            }
        }
    }

    @Test
    void
            an_instance_frozen_mid_plan_loses_its_case_to_another_which_finishes_it_and_the_zombie_writes_nothing()
                    throws Exception {
        Map<String, String> quickEviction =
                Map.of(
                        // a member that stops polling is out of the group within seconds
                        "spring.kafka.consumer.properties.max.poll.interval.ms", "8000",
                        "spring.kafka.consumer.properties.session.timeout.ms", "6000",
                        "spring.kafka.consumer.properties.heartbeat.interval.ms", "1000");
        try (Run run = new Run()) {
            List<ConnectedInstance> three =
                    List.of(
                            run.start("node-a", quickEviction),
                            run.start("node-b", quickEviction),
                            run.start("node-c", quickEviction));
            run.awaitSplit(three);
            int partition = Partitions.of(LINK, PARTITIONS);
            ConnectedInstance zombie =
                    three.stream()
                            .filter(i -> i.partitions().contains(partition))
                            .findFirst()
                            .orElseThrow();
            List<ConnectedInstance> live = three.stream().filter(i -> i != zombie).toList();

            // run until the link's case waits for a person's approval: planned, not yet acted
            run.publisher.publishInventory();
            Optional<String> waiting = Optional.empty();
            for (int hour = 0; hour < 24 * 5 && waiting.isEmpty(); hour++) {
                run.hour(three);
                waiting = pendingOn(live.get(0), LINK.value());
                for (ConnectedInstance i : three) {
                    approveEverything(i, e -> !e.equals(LINK.value()));
                }
            }
            assertThat(waiting).as("the link's case asked for an approval").isPresent();
            List<String> caseIds =
                    run.column(
                            "SELECT id FROM service_case WHERE element = '" + LINK.value() + "'");
            assertThat(caseIds).hasSize(1);
            assertThat(caseIds.get(0)).startsWith("case-live-" + zombie.id + "-");

            // the owner freezes (a stopped process): its loop's thread waits, so does its consumer
            CountDownLatch wake = run.wake;
            Thread freezer =
                    new Thread(
                            () ->
                                    zombie.driver()
                                            .exclusively(
                                                    () -> {
                                                        try {
                                                            wake.await();
                                                        } catch (InterruptedException e) {
                                                            Thread.currentThread().interrupt();
                                                        }
                                                        return null;
                                                    }));
            freezer.start();
            run.publisher.advanceTo(run.twin.now().plus(Duration.ofMinutes(5)));
            // the group goes on without it: the others own every partition between them
            run.awaitSplit(live);

            // the approval, through the instance that neither owned the case nor owns it now
            ConnectedInstance approver =
                    live.stream()
                            .filter(i -> !i.partitions().contains(partition))
                            .findFirst()
                            .orElseThrow();
            approver.post(
                    "/api/approvals/" + waiting.get() + "/approve",
                    "supervisor",
                    "{\"comment\": \"go ahead\"}");
            for (int hour = 0; hour < 24 * 5 && !run.repaired(); hour++) {
                // the zombie's counts stand for what it took before it froze; the new owner
                // takes the rest from the zombie's last committed offset
                run.hour(three);
                for (ConnectedInstance i : live) {
                    approveEverything(i, e -> true);
                }
            }
            assertThat(run.laser().repairedAt()).as("mended by the new owner").isPresent();
            assertThat(run.laser().failedAt()).as("before it failed").isEmpty();
            String newOwner =
                    run.column("SELECT owner FROM service_case WHERE id = '" + caseIds.get(0) + "'")
                            .get(0);
            assertThat(newOwner).isNotEqualTo(zombie.id);
            List<String> statusBefore =
                    run.column(
                            "SELECT record_json FROM service_case WHERE id = '"
                                    + caseIds.get(0)
                                    + "'");

            // the zombie wakes with its old view of the case: whatever it tries is fenced
            wake.countDown();
            freezer.join(30_000);
            zombie.driver().exclusively(() -> null); // the batch it was taking, and its tick
            assertThat(
                            run.column(
                                    "SELECT record_json FROM service_case WHERE id = '"
                                            + caseIds.get(0)
                                            + "'"))
                    .as("the zombie wrote nothing over the new owner's case")
                    .isEqualTo(statusBefore);
            long zombieDeadLetters = zombie.ingest().counters().deadLetteredTotal();
            zombie.close();
            run.awaitSplit(live);

            // no act ran twice under different keys: each step of the case succeeded under one
            // key ...
            String payload = "(event_json::json->'payload')";
            assertThat(
                            run.column(
                                    "SELECT step || ':' || COUNT(DISTINCT k) FROM (SELECT"
                                            + " split_part("
                                            + payload
                                            + "->>'idempotency_key', '/', 2) AS step, "
                                            + payload
                                            + "->>'idempotency_key' AS k FROM audit_entry WHERE"
                                            + " type = 'TOOL_RESULT' AND correlation_id = '"
                                            + caseIds.get(0)
                                            + "' AND "
                                            + payload
                                            + "->>'outcome' = 'SUCCEEDED') t GROUP BY step"))
                    .isNotEmpty()
                    .allMatch(stepAndKeys -> stepAndKeys.endsWith(":1"));
            // the twin holds the one booking of each dispatch key the ledger has, and sent an
            // engineer for each of those that has begun (a later one, or one a replan cancelled,
            // never left): as many visits as that, no more
            List<String> dispatchKeys =
                    run.column(
                            "SELECT DISTINCT "
                                    + payload
                                    + "->>'idempotency_key' FROM audit_entry WHERE type ="
                                    + " 'TOOL_RESULT' AND "
                                    + payload
                                    + "->>'tool' = 'dispatch_engineer' AND "
                                    + payload
                                    + "->>'outcome' = 'SUCCEEDED'");
            int begun = 0;
            for (String key : dispatchKeys) {
                ToolResult booking =
                        run.twin
                                .tools()
                                .require("get_appointment")
                                .execute(
                                        new ToolInvocation(
                                                new ToolCall(
                                                        "get_appointment",
                                                        Map.of("appointment_key", key)),
                                                new IdempotencyKey("test-read-" + key),
                                                "test"));
                assertThat(booking.outcome()).as(key).isEqualTo(ToolResult.Outcome.SUCCEEDED);
                Object state = booking.output().get("state");
                if (BookedAppointment.IN_PROGRESS.equals(state)
                        || BookedAppointment.COMPLETED.equals(state)) {
                    begun++;
                }
            }
            assertThat(run.twin.outcome().dispatches())
                    .as("engineers the twin sent, of dispatch keys %s", dispatchKeys)
                    .isPositive()
                    .isEqualTo(begun);
            // nothing lost: the last sample the twin published for each element is in the
            // predictor of a live instance (what the zombie had read and not committed was
            // delivered again to the new owner), and nothing went to the dead letters
            for (Map.Entry<ElementId, java.time.Instant> last :
                    run.publisher.lastSamples().entrySet()) {
                assertThat(live)
                        .as(last.getKey() + "'s sample at " + last.getValue())
                        .anyMatch(
                                i ->
                                        i.bean(ConnectedNetwork.class)
                                                .lastSampleAt(last.getKey())
                                                .equals(Optional.of(last.getValue())));
            }
            assertThat(zombieDeadLetters).isZero();
            for (ConnectedInstance i : live) {
                assertThat(i.ingest().counters().deadLetteredTotal()).isZero();
            }
            for (ConnectedInstance i : live) {
                JsonNode verification = i.get("/api/audit/verify", "auditor");
                assertThat(verification.at("/intact").asBoolean())
                        .as(verification.toString())
                        .isTrue();
            }
        }
    }

    /** The pending approval of the case on {@code element}, as {@code i} lists them. */
    private static Optional<String> pendingOn(ConnectedInstance i, String element)
            throws Exception {
        for (JsonNode r : i.get("/api/approvals", "supervisor")) {
            if (r.at("/element/id").asString().equals(element)) {
                return Optional.of(r.at("/id").asString());
            }
        }
        return Optional.empty();
    }

    /** Approves, through {@code i}, every pending request on the elements {@code which} names. */
    private static List<String> approveEverything(ConnectedInstance i, Predicate<String> which)
            throws Exception {
        List<String> tools = new ArrayList<>();
        for (JsonNode r : i.get("/api/approvals", "supervisor")) {
            if (!which.test(r.at("/element/id").asString())) {
                continue;
            }
            JsonNode answer =
                    i.post(
                            "/api/approvals/" + r.at("/id").asString() + "/approve",
                            "supervisor",
                            "{\"comment\": \"go ahead\"}");
            assertThat(answer.at("/verdict").asString()).isEqualTo("APPROVED");
            tools.add(r.at("/tool").asString());
        }
        return tools;
    }

    /** Each partition's claim epoch, as the database has it. */
    private static Map<Integer, Long> epochs(Run run) throws SQLException {
        Map<Integer, Long> out = new HashMap<>();
        for (String row :
                run.column(
                        "SELECT partition_no || ':' || owner_epoch FROM service_partition_owner"
                                + " WHERE world_id = 'live'")) {
            String[] pe = row.split(":");
            out.put(Integer.parseInt(pe[0]), Long.parseLong(pe[1]));
        }
        return out;
    }

    private static void execute(String url, String sql) throws SQLException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
