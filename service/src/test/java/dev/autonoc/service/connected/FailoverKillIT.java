package dev.autonoc.service.connected;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.audit.CheckpointSigner;
import dev.autonoc.service.TestDirs;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Failover for real (issue 15's done-when): the twin and three {@code ./autonoc serve} instances in
 * connected mode, each a process of its own started from the packaged jar, on one PostgreSQL schema
 * and a real Kafka broker (the KRaft broker in this JVM, reached over loopback), all living on the
 * twin's paced clock. The owner of the aging laser's case is killed with {@code SIGKILL} while the
 * case waits for a person's approval; the group evicts it, another instance takes its partitions
 * and the case, the approval is given through a third, and the new owner finishes the case. Then:
 * every step of the case succeeded under one idempotency key and the twin did each act once; the
 * ledger, written by all three, is one chain that verifies, with no gap in its sequence; and no
 * sample was lost: the last sample the twin published for each element is in a live instance's
 * predictor, or in the dead letters.
 *
 * <p>Failsafe runs it after {@code package} (it needs the service jar); the children's output is in
 * {@code target/failover-it/}, and printed when the test fails. SeveralInstancesTest holds the same
 * story in one JVM with a frozen instance (which also wakes as a zombie and is fenced).
 */
@EnabledIfEnvironmentVariable(
        named = "AUTONOC_TEST_POSTGRES_URL",
        matches = ".+",
        disabledReason =
                "needs PostgreSQL (several instances share it): set AUTONOC_TEST_POSTGRES_URL, as"
                        + " .ci/run does")
class FailoverKillIT {

    private static final String LINK = "link-agg-rtr-01-core-rtr-02";
    // six partitions: two for each of three instances, three each for the two left
    private static final int PARTITIONS = 6;
    private static final double PACE = 2400;
    private static final Instant START = Instant.parse("2025-01-06T00:00:00Z");
    // the twin's time runs from this far after the test starts it: the instances start meanwhile
    // (-Dautonoc.failover.lead-seconds=N to start with another, on a machine known to be slow)
    private static final Duration FIRST_LEAD =
            Duration.ofSeconds(Long.getLong("autonoc.failover.lead-seconds", 45));
    // how late after that the instances may be up and still see the laser's case from its start
    // (the predictor raises it about a simulated day and a half in: 54 s at the pace)
    private static final Duration GRACE = Duration.ofSeconds(15);
    private static final int MAX_ATTEMPTS = 3;
    private static final Duration STARTING = Duration.ofMinutes(6);
    private static final Duration PATIENCE = Duration.ofMinutes(4);
    private static final Path LOGS = Path.of("target", "failover-it");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern FACADE = Pattern.compile("TMF fa.{1,2}ade on (http://[^ ,]+)");
    private static final Pattern TWIN_TIME = Pattern.compile("autonoc twin: (\\S+Z),");
    private static final Pattern DISPATCHED = Pattern.compile("(\\d+) engineers dispatched");
    private static final String PAYLOAD = "(event_json::json->'payload')";

    // an act's step (a read outside the plan, such as a planner's look at stock, is step -1)
    private static final String ACT = field("step") + "::int >= 0";

    /**
     * An audit event's payload field as text, in SQL (parenthesised: ->> binds as loosely as ||).
     */
    private static String field(String name) {
        return "(" + PAYLOAD + "->>'" + name + "')";
    }

    private KafkaTestBroker broker;
    private final List<ChildProcess> children = new ArrayList<>();
    private final List<ServeProcess> instances = new ArrayList<>();
    private String url;
    private String topic;
    private String schema;
    private String databaseUrl;
    private ChildProcess twin;
    private String facade;
    private Instant anchor;

    @Test
    void the_owner_of_a_case_killed_mid_plan_loses_it_to_another_instance_which_finishes_it()
            throws Exception {
        url = System.getenv("AUTONOC_TEST_POSTGRES_URL");
        broker = new KafkaTestBroker(PARTITIONS);
        long began = System.nanoTime();
        try {
            Duration lead = FIRST_LEAD;
            for (int attempt = 1; ; attempt++) {
                Optional<Duration> tooSlow = setUp(attempt, lead);
                if (tooSlow.isEmpty()) {
                    break;
                }
                // the instances came up after the twin's time had run too far for the case to be
                // worked before the link fails: a loaded machine. Again, with a longer lead
                assertThat(attempt)
                        .as("instances that took " + tooSlow.get() + " to start")
                        .isLessThan(MAX_ATTEMPTS);
                lead = tooSlow.get().multipliedBy(3).dividedBy(2).plus(GRACE);
                System.out.printf(
                        "FailoverKillIT: the instances took %d s to start, more than the lead"
                                + " allowed; again with a lead of %d s%n",
                        tooSlow.get().toSeconds(), lead.toSeconds());
                tearDown();
            }
            story();
            System.out.printf(
                    "FailoverKillIT: done in %d s%n",
                    Duration.ofNanos(System.nanoTime() - began).toSeconds());
        } catch (Throwable t) {
            for (ChildProcess c : children) {
                System.err.println("===== " + c + ", the end of its output =====");
                System.err.println(c.tail(150));
            }
            throw t;
        } finally {
            tearDown();
            broker.close();
        }
    }

    /**
     * Starts the twin, its time standing at {@link #START} until {@code lead} from now, and the
     * three instances on the same clock; waits until they share the topic's partitions. Returns how
     * long that took if it ended more than {@link #GRACE} after the twin's time began to run (the
     * case would then be opened late); empty if it was in time.
     */
    private Optional<Duration> setUp(int attempt, Duration lead) throws Exception {
        String run = "failover-" + ProcessHandle.current().pid() + "-" + attempt;
        topic = run;
        try (Admin admin =
                Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.servers()))) {
            admin.createTopics(
                            List.of(
                                    new NewTopic(topic, PARTITIONS, (short) 1),
                                    new NewTopic(topic + ".dlt", PARTITIONS, (short) 1)))
                    .all()
                    .get();
        }
        schema = run.replace('-', '_');
        execute(url, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        execute(url, "CREATE SCHEMA " + schema);
        databaseUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        Path logs = LOGS.resolve("attempt-" + attempt);
        Path work = TestDirs.fresh("autonoc-failover-");
        // one checkpoint key for all three, made before any starts (they would race to create it)
        Path keyFile = work.resolve("checkpoint.key");
        CheckpointSigner.loadOrCreate(keyFile);
        Path users = work.resolve("users.yml");
        Files.writeString(users, usersYaml());

        // the twin first: the instances read the inventory from its TMF639 at start. Its time
        // stands at START until the anchor, and so does theirs (the same clock settings)
        long startedAt = System.nanoTime();
        anchor = Instant.now().plus(lead).truncatedTo(ChronoUnit.SECONDS);
        ChildProcess started =
                ChildProcess.start(
                        "twin",
                        logs,
                        List.of(
                                "-Xmx384m",
                                "-XX:+UseSerialGC",
                                "-XX:TieredStopAtLevel=1",
                                "-Dloader.main=" + TwinProcess.class.getName()),
                        List.of(
                                "-cp",
                                ChildProcess.serviceJar().toAbsolutePath().toString(),
                                "org.springframework.boot.loader.launch.PropertiesLauncher",
                                "--bootstrap-servers",
                                broker.servers(),
                                "--topic",
                                topic,
                                "--port",
                                "0",
                                "--pace",
                                Double.toString(PACE),
                                "--start",
                                START.toString(),
                                "--anchor",
                                anchor.toString(),
                                "--fault",
                                LINK + ":LASER_AGING:0d:3d"));
        twin = started;
        children.add(twin);
        facade =
                until(
                        "the twin's TMF façade",
                        STARTING,
                        () -> {
                            assertThat(started.alive()).as("the twin ended").isTrue();
                            return started.last(FACADE);
                        });

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("autonoc.mode", "connected");
        settings.put("spring.datasource.url", databaseUrl);
        settings.put("spring.kafka.bootstrap-servers", broker.servers());
        settings.put("autonoc.connected.telemetry.topic", topic);
        settings.put("autonoc.connected.telemetry.dead-letter-topic", topic + ".dlt");
        settings.put("autonoc.connected.telemetry.group", topic);
        settings.put("autonoc.connected.tmf.base-url", facade);
        settings.put("autonoc.connected.clock.start", START.toString());
        settings.put("autonoc.connected.clock.anchor", anchor.toString());
        settings.put("autonoc.connected.clock.pace", Double.toString(PACE));
        settings.put("autonoc.audit.key-file", keyFile.toString());
        settings.put("spring.config.additional-location", "file:" + users);
        // requests wait for a person for ever (this test answers them)
        settings.put("autonoc.approvals.timeout", "0");
        settings.put("autonoc.security.limits.api-per-second", "10000");
        settings.put("autonoc.security.limits.api-burst", "10000");
        // a member that stops heartbeating is out of the group within seconds (6 s: the broker's
        // least session time-out)
        settings.put("spring.kafka.consumer.properties.session.timeout.ms", "6000");
        settings.put("spring.kafka.consumer.properties.heartbeat.interval.ms", "1000");
        for (String id : List.of("node-a", "node-b", "node-c")) {
            Map<String, String> own = new LinkedHashMap<>(settings);
            own.put("autonoc.data-dir", Files.createDirectories(work.resolve(id)).toString());
            ServeProcess i = ServeProcess.start(id, logs, own);
            children.add(i.process);
            instances.add(i);
        }
        for (ServeProcess i : instances) {
            i.awaitUp(STARTING);
        }
        awaitOwners(instances);
        Duration took = Duration.ofNanos(System.nanoTime() - startedAt);
        return Instant.now().isAfter(anchor.plus(GRACE)) ? Optional.of(took) : Optional.empty();
    }

    /** Ends every child, forgets the instances, drops the run's schema. */
    private void tearDown() throws Exception {
        for (ChildProcess c : children) {
            c.close();
        }
        children.clear();
        instances.clear();
        killedIds.clear();
        if (schema != null) {
            execute(url, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            schema = null;
        }
    }

    private void story() throws Exception {
        // run until the link's case is mid-plan: it waits for a person's approval (or its order or
        // a booking is done); other elements' requests, if any, are approved as they come. Not
        // before: a case opened on a faint first alarm is watched first (its ticket opened, its
        // telemetry read), and a kill then tests a watch, not the repair whose keys are checked
        // at the end
        String caseId =
                until(
                        "the link's case, mid-plan",
                        // counted from when the twin's time begins to run
                        PATIENCE.plus(Duration.between(Instant.now(), anchor)),
                        () -> {
                            approveAll(instances, e -> !e.equals(LINK));
                            List<String> open =
                                    column(
                                            "SELECT id FROM service_case WHERE element = '"
                                                    + LINK
                                                    + "' AND status <> 'CLOSED'");
                            if (open.isEmpty()) {
                                return Optional.empty();
                            }
                            String id = open.get(0);
                            boolean waiting = pendingOn(instances.get(0), LINK).isPresent();
                            return waiting || repairUnderWay(actsDone(id))
                                    ? Optional.of(id)
                                    : Optional.empty();
                        });
        String ownerId = single("SELECT owner FROM service_case WHERE id = '" + caseId + "'");
        ServeProcess owner =
                instances.stream().filter(i -> i.id.equals(ownerId)).findFirst().orElseThrow();
        List<ServeProcess> live = instances.stream().filter(i -> i != owner).toList();
        int partition = Partitions.of(dev.autonoc.core.network.ElementId.of(LINK), PARTITIONS);
        long epochBefore = epochOf(partition);
        long ledgerBefore = Long.parseLong(single("SELECT COUNT(*) FROM audit_entry"));
        List<String> doneBefore = actsDone(caseId);

        // the owner's predictor checkpointed the partition since it claimed it: its heir, which
        // gets no handover from a killed instance, starts the partition's elements from there
        assertThat(
                        Long.parseLong(
                                single(
                                        "SELECT COUNT(*) FROM service_predictor_state s JOIN"
                                                + " service_partition_owner o ON s.world_id ="
                                                + " o.world_id AND s.partition_no = o.partition_no"
                                                + " WHERE s.partition_no = "
                                                + partition
                                                + " AND s.taken_at >= o.claimed_at")))
                .as("states of partition %d checkpointed by its owner since its claim", partition)
                .isPositive();
        Map<String, Integer> logSeenAtKill = new HashMap<>();
        for (ServeProcess i : live) {
            logSeenAtKill.put(i.id, i.process.logLines().size());
        }

        // SIGKILL: no revoke, no last commit, no shutdown hook
        killedIds.add(owner.id);
        int status = owner.process.kill();
        assertThat(status).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
        System.out.printf(
                "FailoverKillIT: killed %s, owner of %s, at %s (acts done: %s)%n",
                owner.id, caseId, twin.last(TWIN_TIME).orElse("?"), doneBefore);

        // another instance claims the partition and stamps the case with its name
        String heir =
                until(
                        "the dead owner's partition claimed by another instance",
                        PATIENCE,
                        () -> {
                            approveAll(live, e -> !e.equals(LINK));
                            if (epochOf(partition) <= epochBefore) {
                                return Optional.empty();
                            }
                            String now =
                                    single(
                                            "SELECT owner FROM service_case WHERE id = '"
                                                    + caseId
                                                    + "'");
                            return now.equals(owner.id) ? Optional.empty() : Optional.of(now);
                        });
        assertThat(live.stream().map(i -> i.id)).contains(heir);
        ServeProcess heirProcess =
                live.stream().filter(i -> i.id.equals(heir)).findFirst().orElseThrow();
        Pattern tookOver =
                Pattern.compile(
                        "partitions \\[([0-9, ]*)\\] of '[^']*': the predictor took over the state of"
                                + " ([0-9]+) element");
        String restored =
                until(
                        "the heir's predictor taking the dead owner's checkpoint over",
                        Duration.ofSeconds(30),
                        () -> {
                            List<String> lines = heirProcess.process.logLines();
                            for (String line :
                                    lines.subList(logSeenAtKill.get(heir), lines.size())) {
                                java.util.regex.Matcher m = tookOver.matcher(line);
                                if (m.find()
                                        && List.of(m.group(1).split(", "))
                                                .contains(Integer.toString(partition))) {
                                    return Optional.of(m.group(2));
                                }
                            }
                            return Optional.empty();
                        });
        assertThat(Integer.parseInt(restored)).as("elements taken over").isPositive();

        // the approval, through the instance that neither owned the case nor works it now
        ServeProcess other =
                live.stream().filter(i -> !i.id.equals(heir)).findFirst().orElseThrow();
        Optional<String> waiting = pendingOn(other, LINK);
        if (waiting.isPresent()) {
            HttpResponse<String> answer =
                    other.post(
                            "/api/approvals/" + waiting.get() + "/approve",
                            "supervisor",
                            "{\"comment\": \"go ahead\"}");
            String said = other.id + " answered " + answer.statusCode() + ": " + answer.body();
            if (answer.statusCode() == 409) {
                // the request's deadline passed on the twin's fast clock while the heir took the
                // partition over (a loaded machine: it failed CI once so): expired, not lost; the
                // request goes to the role above, and the loop below approves it
                assertThat(answer.body()).as(said).contains("already-answered").contains("expired");
                System.out.printf(
                        "FailoverKillIT: %s expired before it was answered; escalated instead%n",
                        waiting.get());
            } else {
                assertThat(answer.statusCode()).as(said).isEqualTo(200);
                assertThat(JSON.readTree(answer.body()).at("/verdict").asString())
                        .as(said)
                        .isEqualTo("APPROVED");
            }
        }

        // the heir finishes the case; later requests (any element) are approved as they come
        until(
                "the case closed by the instance that took it over",
                PATIENCE,
                () -> {
                    approveAll(live, e -> true);
                    String s =
                            single("SELECT status FROM service_case WHERE id = '" + caseId + "'");
                    assertThat(s).as(caseId + " handed to a person").isNotEqualTo("NEEDS_PERSON");
                    return s.equals("CLOSED") ? Optional.of(s) : Optional.empty();
                });
        assertThat(single("SELECT owner FROM service_case WHERE id = '" + caseId + "'"))
                .as("the case was finished by a live instance")
                .isIn(live.stream().map(i -> i.id).toList());
        assertThat(actsDone(caseId))
                .as("acts done after the kill, by the heir")
                .hasSizeGreaterThan(doneBefore.size());
        // no act twice under different keys: each step of the case succeeded under one key ...
        List<String> keysPerStep =
                column(
                        "SELECT "
                                + field("step")
                                + " || ':' || COUNT(DISTINCT "
                                + field("idempotency_key")
                                + ") FROM audit_entry WHERE type ="
                                + " 'TOOL_RESULT' AND correlation_id = '"
                                + caseId
                                + "' AND "
                                + field("outcome")
                                + " = 'SUCCEEDED' AND "
                                + ACT
                                + " GROUP BY "
                                + field("step")
                                + "");
        assertThat(keysPerStep).isNotEmpty().allMatch(s -> s.endsWith(":1"));
        // ... and the twin has one order, one appointment, per key the case acted under
        assertTwinActedOnce(facade, caseId);
        List<String> dispatchKeys =
                column(
                        "SELECT DISTINCT "
                                + field("idempotency_key")
                                + " FROM audit_entry WHERE type ="
                                + " 'TOOL_RESULT' AND "
                                + field("tool")
                                + " = 'dispatch_engineer' AND "
                                + field("outcome")
                                + " = 'SUCCEEDED'");
        // a booking a replan replaced and cancelled is never a visit that starts, which is what
        // the twin counts
        List<String> cancelledKeys =
                column(
                        "SELECT DISTINCT ("
                                + PAYLOAD
                                + "->'output'->>'appointment_key') FROM audit_entry WHERE type ="
                                + " 'TOOL_RESULT' AND "
                                + field("tool")
                                + " = 'cancel_appointment' AND "
                                + field("outcome")
                                + " = 'SUCCEEDED' AND ("
                                + PAYLOAD
                                + "->'output'->>'cancelled') = 'true'");
        List<String> visits =
                dispatchKeys.stream().filter(k -> !cancelledKeys.contains(k)).toList();
        until(
                "the twin's count of engineers sent",
                Duration.ofSeconds(60),
                () -> twin.last(DISPATCHED).map(Integer::parseInt).filter(n -> n == visits.size()));
        assertThat(visits).as("engineers sent").isNotEmpty();

        // no audit event lost: one chain, every sequence once, what was there at the kill kept
        List<String> sequences =
                column(
                        "SELECT MIN(sequence) || ':' || MAX(sequence) || ':'"
                                + " || COUNT(*) FROM audit_entry");
        String[] span = sequences.get(0).split(":");
        long first = Long.parseLong(span[0]);
        long last = Long.parseLong(span[1]);
        long count = Long.parseLong(span[2]);
        assertThat(count)
                .as("entries, sequences " + first + " to " + last)
                .isEqualTo(last - first + 1)
                .isGreaterThan(ledgerBefore);
        assertThat(
                        column(
                                "SELECT DISTINCT type FROM audit_entry WHERE correlation_id = '"
                                        + caseId
                                        + "'"))
                .as("the dead owner's events and the heir's, in one case's history")
                .contains("APPROVAL_REQUESTED", "APPROVAL_ANSWERED", "TOOL_CALL", "TOOL_RESULT");
        for (ServeProcess i : live) {
            JsonNode verification = i.get("/api/audit/verify", "auditor");
            assertThat(verification.at("/intact").asBoolean())
                    .as(i.id + ": " + verification)
                    .isTrue();
        }

        // the twin's word on the link: mended, as a rule; on a machine so loaded that a kill's
        // real seconds (eviction, rebalance, answers) eat the simulated days, it may fail first,
        // which is not what this test holds the service to
        System.out.printf(
                "FailoverKillIT: the twin's word on the link: %s%n",
                twin.last(Pattern.compile("(fault LASER_AGING on " + LINK + ": [a-z]+ at \\S+)"))
                        .orElse("none yet"));

        // no sample lost: the twin stops; once the group has committed everything it published,
        // each element's last sample is in a live instance's predictor, or a dead letter
        twin.stop(30);
        Map<String, Instant> lastPublished = lastSamples(topic);
        Set<String> deadLetters = new HashSet<>();
        for (ConsumerRecord<String, byte[]> r : read(topic + ".dlt")) {
            deadLetters.add(r.key() + "@" + JSON.readTree(r.value()).at("/at").asString());
        }
        assertThat(lastPublished)
                .as("elements the twin published samples of")
                .hasSizeGreaterThan(50);
        until(
                "the group's offsets at the topic's end",
                PATIENCE,
                () -> committedToTheEnd() ? Optional.of(true) : Optional.empty());
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Instant> e : lastPublished.entrySet()) {
            boolean seen = deadLetters.contains(e.getKey() + "@" + e.getValue());
            for (ServeProcess i : live) {
                String taken =
                        i.get("/api/elements/" + e.getKey(), "supervisor")
                                .at("/lastSample")
                                .asString();
                seen |= e.getValue().toString().equals(taken);
            }
            if (!seen) {
                missing.add(e.getKey() + " at " + e.getValue());
            }
        }
        assertThat(missing).as("last samples neither taken nor dead-lettered").isEmpty();
        System.out.printf(
                "FailoverKillIT: %d elements' last samples checked, %d dead letters%n",
                lastPublished.size(), deadLetters.size());
    }

    // --- the twin's side ---

    /** For each order and appointment key of the case's acts, the twin holds exactly one. */
    private void assertTwinActedOnce(String facade, String caseId) throws Exception {
        Map<String, String> listing =
                Map.of(
                        "order_part",
                        "tmf-api/productOrderingManagement/v4/productOrder",
                        "dispatch_engineer",
                        "tmf-api/appointment/v4/appointment");
        HttpClient http = HttpClient.newHttpClient();
        int checked = 0;
        for (Map.Entry<String, String> tool : listing.entrySet()) {
            List<String> succeeded =
                    column(
                            "SELECT DISTINCT "
                                    + field("idempotency_key")
                                    + " FROM audit_entry WHERE type ="
                                    + " 'TOOL_RESULT' AND correlation_id = '"
                                    + caseId
                                    + "' AND "
                                    + field("tool")
                                    + " = '"
                                    + tool.getKey()
                                    + "' AND "
                                    + field("outcome")
                                    + " = 'SUCCEEDED'");
            List<String> called =
                    column(
                            "SELECT DISTINCT "
                                    + field("idempotency_key")
                                    + " FROM audit_entry WHERE type ="
                                    + " 'TOOL_CALL' AND correlation_id = '"
                                    + caseId
                                    + "' AND "
                                    + field("tool")
                                    + " = '"
                                    + tool.getKey()
                                    + "'");
            for (String key : called) {
                HttpResponse<String> r =
                        http.send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        facade.replaceAll("/$", "")
                                                                + "/"
                                                                + tool.getValue()
                                                                + "?externalId="
                                                                + URLEncoder.encode(
                                                                        key,
                                                                        StandardCharsets.UTF_8)))
                                        .timeout(Duration.ofSeconds(30))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                int held = JSON.readTree(r.body()).size();
                assertThat(held)
                        .as(tool.getKey() + " under " + key + " at the twin")
                        .isEqualTo(succeeded.contains(key) ? 1 : 0);
                checked++;
            }
        }
        assertThat(checked).as("order and dispatch keys checked at the twin").isPositive();
    }

    // --- the instances' side ---

    /** Waits until every partition's row names one of {@code live}, and each owns some. */
    private void awaitOwners(List<ServeProcess> live) throws Exception {
        until(
                "the partitions split between " + live.size() + " instances",
                PATIENCE,
                () -> {
                    List<String> owners =
                            column(
                                    "SELECT owner FROM service_partition_owner ORDER BY"
                                            + " partition_no");
                    Set<String> ids = new HashSet<>();
                    live.forEach(i -> ids.add(i.id));
                    return owners.size() == PARTITIONS
                                    && ids.containsAll(owners)
                                    && new HashSet<>(owners).size() == live.size()
                            ? Optional.of(true)
                            : Optional.empty();
                });
    }

    private long epochOf(int partition) throws SQLException {
        return Long.parseLong(
                single(
                        "SELECT owner_epoch FROM service_partition_owner WHERE partition_no = "
                                + partition));
    }

    /** Whether the acts done ({@code step:tool}) include the repair's order or booking. */
    private static boolean repairUnderWay(List<String> actsDone) {
        return actsDone.stream()
                .anyMatch(a -> a.endsWith(":order_part") || a.endsWith(":dispatch_engineer"));
    }

    /** The act steps of the case that succeeded so far, as {@code step:tool}. */
    private List<String> actsDone(String caseId) throws SQLException {
        return column(
                "SELECT DISTINCT "
                        + field("step")
                        + " || ':' || "
                        + field("tool")
                        + " FROM audit_entry WHERE type = 'TOOL_RESULT' AND"
                        + " correlation_id = '"
                        + caseId
                        + "' AND "
                        + field("outcome")
                        + " = 'SUCCEEDED' AND "
                        + ACT);
    }

    /** The pending approval on {@code element}, as {@code i} lists them. */
    private static Optional<String> pendingOn(ServeProcess i, String element) throws Exception {
        for (JsonNode r : i.get("/api/approvals", "supervisor")) {
            if (r.at("/element/id").asString().equals(element)) {
                return Optional.of(r.at("/id").asString());
            }
        }
        return Optional.empty();
    }

    /** Approves, through the first of {@code live}, the pending requests {@code which} names. */
    private static void approveAll(
            List<ServeProcess> live, java.util.function.Predicate<String> which) throws Exception {
        ServeProcess i = live.get(0);
        for (JsonNode r : i.get("/api/approvals", "supervisor")) {
            if (!which.test(r.at("/element/id").asString())) {
                continue;
            }
            HttpResponse<String> answer =
                    i.post(
                            "/api/approvals/" + r.at("/id").asString() + "/approve",
                            "supervisor",
                            "{\"comment\": \"go ahead\"}");
            // 409: answered meanwhile (a racing answer); anything else is tried again at the next
            // poll
            if (answer.statusCode() != 200 && answer.statusCode() != 409) {
                throw new IllegalStateException(
                        i.id + " answered " + answer.statusCode() + ": " + answer.body());
            }
        }
    }

    // --- Kafka ---

    /** The date of the last sample published on the topic for each element. */
    private Map<String, Instant> lastSamples(String topic) throws Exception {
        Map<String, Instant> last = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r : read(topic)) {
            JsonNode m = JSON.readTree(r.value());
            if (m.at("/type").asString().equals("sample")) {
                Instant at = Instant.parse(m.at("/at").asString());
                last.merge(r.key(), at, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return last;
    }

    /** Every record of the topic, from its start to its end now. */
    private List<ConsumerRecord<String, byte[]>> read(String name) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (Consumer<String, byte[]> c =
                broker.consumers(5000).createConsumer("reader-" + name, "")) {
            List<TopicPartition> parts =
                    c.partitionsFor(name).stream()
                            .map(p -> new TopicPartition(name, p.partition()))
                            .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (parts.stream().anyMatch(p -> c.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("reading " + name).isLessThan(deadline);
                c.poll(Duration.ofSeconds(1)).forEach(out::add);
            }
        }
        return out;
    }

    /** Whether the instances' group committed every partition of the topic to its end. */
    private boolean committedToTheEnd() throws Exception {
        try (Admin admin =
                Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.servers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(topic).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(
                        new TopicPartition(topic, p),
                        org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
            var ends = admin.listOffsets(latest).all().get();
            for (var e : ends.entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                if (c == null || c.offset() < e.getValue().offset()) {
                    return false;
                }
            }
            return true;
        }
    }

    // --- PostgreSQL ---

    private List<String> column(String sql) throws SQLException {
        return PostgresRows.column(databaseUrl, sql);
    }

    private String single(String sql) throws SQLException {
        List<String> rows = column(sql);
        assertThat(rows).as(sql).hasSize(1);
        return rows.get(0);
    }

    private static void execute(String url, String sql) throws SQLException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    // --- waiting ---

    /**
     * Polls {@code probe} until it gives a value, for at most {@code within}; fails naming {@code
     * what} and the last error. The instances that should be alive are checked at each poll: a
     * crash fails at once with its output.
     */
    private <T> T until(String what, Duration within, Callable<Optional<T>> probe)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Throwable lastError = null;
        while (true) {
            for (ServeProcess i : instances) {
                if (!i.process.alive() && !killed(i)) {
                    throw new AssertionError(i.id + " ended while waiting for " + what);
                }
            }
            try {
                Optional<T> v = probe.call();
                if (v.isPresent()) {
                    return v.get();
                }
                lastError = null;
            } catch (AssertionError e) {
                throw e;
            } catch (Exception e) {
                // a request to a busy instance timed out, a row not there yet: try again
                lastError = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "waited " + within + " for " + what + "; last error: " + lastError,
                        lastError);
            }
            Thread.sleep(500);
        }
    }

    private final Set<String> killedIds = new HashSet<>();

    private boolean killed(ServeProcess i) {
        return killedIds.contains(i.id);
    }

    private static String usersYaml() {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(ConnectedUsers.PASSWORD);
        return """
                autonoc:
                  security:
                    users:
                      - name: supervisor
                        password: "%s"
                        roles: [noc_supervisor]
                      - name: auditor
                        password: "%s"
                        roles: [auditor]
                """
                .formatted(hash, hash);
    }
}
