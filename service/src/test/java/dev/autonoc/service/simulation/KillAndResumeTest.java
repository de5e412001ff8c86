package dev.autonoc.service.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.audit.AuditVerification;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.service.store.JdbcCaseStore;
import dev.autonoc.service.store.ServiceDatabase;
import dev.autonoc.service.store.WorldStore;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 10's kill test: a run of the service's world (three faults, three simulated days, {@link
 * KillableRun}) in a child process is killed with SIGKILL at 50 points and started again each time
 * on the same data folder; the run that ends is compared with an uninterrupted run of the same
 * world:
 *
 * <ul>
 *   <li>the same outcome, derived from the ledger: the cases and their final statuses, and which
 *       act calls took effect (case, step, tool, arguments, idempotency key, what they answered,
 *       when); the case store holds the same statuses;
 *   <li>the same world: the twin's outcome (failures, customer impact, costs, visits) is equal;
 *   <li>no act took effect twice under different idempotency keys: in the twin's journal, each case
 *       step has at most one key whose call may have acted;
 *   <li>no audit event lost: the ledger verifies, every act call in the twin's journal has its
 *       {@code TOOL_CALL} in the ledger, and every event of the uninterrupted run (type, case,
 *       simulated time, step, tool, key, status) is in the killed run's ledger.
 * </ul>
 *
 * <p>The kill points are drawn, with a seeded generator, from the durable writes of the
 * uninterrupted run (every write is a point: see {@link KillableRun}); the child stops exactly at
 * its point and is killed there, so a failure replays with the same seed ({@code
 * -Dautonoc.kill-test.seed=...}; the seed, each kill point and the wall times are in {@code
 * target/kill-test/report.txt}, each child's output beside it).
 */
class KillAndResumeTest {

    static final int KILLS = 50;
    static final int DAYS = 3;
    static final long SEED = Long.getLong("autonoc.kill-test.seed", 20261205L);
    private static final Duration LIFE_TIMEOUT = Duration.ofMinutes(3);
    private static final Path OUT = Path.of("target", "kill-test");
    // the twin's outcome holds maps, whose order differs from one JVM to the next
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Event signatures by their text, for a readable failure. */
    private static final Comparator<List<Object>> BY_TEXT = Comparator.comparing(Objects::toString);

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killWhatIsLeft() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_run_killed_at_fifty_points_and_resumed_ends_as_the_uninterrupted_run() throws Exception {
        long began = System.nanoTime();
        Files.createDirectories(OUT);
        Files.deleteIfExists(OUT.resolve("classes.jsa")); // made afresh by the first run
        List<String> report = new ArrayList<>();
        report.add("seed " + SEED + ", " + KILLS + " kills, " + DAYS + " simulated days");
        Path referenceData = fresh("reference");
        Path killedData = fresh("killed");
        Path pointsFile = OUT.resolve("reference-points.txt");
        Path referenceOutcome = OUT.resolve("reference-outcome.json");
        Path killedOutcome = OUT.resolve("killed-outcome.json");

        long t0 = System.nanoTime();
        Life reference =
                live(
                        "reference",
                        referenceData,
                        "--points",
                        pointsFile.toString(),
                        "--outcome",
                        referenceOutcome.toString());
        assertThat(reference.ending)
                .as("the uninterrupted run; see %s", reference.log)
                .isEqualTo("DONE");
        long referenceMillis = (System.nanoTime() - t0) / 1_000_000;
        report.add("uninterrupted run: " + referenceMillis + " ms");

        List<String> points = Files.readAllLines(pointsFile);
        List<String> kills = drawKillPoints(points);
        long killedStart = System.nanoTime();
        for (int i = 0; i < kills.size(); i++) {
            Life life = live("life-" + (i + 1), killedData, "--die-at", kills.get(i));
            assertThat(life.ending)
                    .as("life %d should stop at %s; see %s", i + 1, kills.get(i), life.log)
                    .startsWith("DIE ");
            life.process.destroyForcibly(); // SIGKILL
            assertThat(life.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(life.process.exitValue()).as("killed, not stopped").isEqualTo(137);
            report.add(
                    String.format(
                            "kill %2d at %s: %s (%d ms)",
                            i + 1, kills.get(i), life.ending.substring(4), life.millis));
        }
        Life last = live("final", killedData, "--outcome", killedOutcome.toString());
        assertThat(last.ending).as("the last life; see %s", last.log).isEqualTo("DONE");
        long killedMillis = (System.nanoTime() - killedStart) / 1_000_000;
        report.add("final life: " + last.millis + " ms");
        report.add("killed run, all " + (KILLS + 1) + " lives: " + killedMillis + " ms");

        Ledger ref = Ledger.read(referenceData);
        Ledger killed = Ledger.read(killedData);
        report.add("uninterrupted: " + ref.summary());
        report.add("killed:        " + killed.summary());
        report.add("whole test: " + (System.nanoTime() - began) / 1_000_000 + " ms");
        Files.write(OUT.resolve("report.txt"), report);

        assertThat(ref.cases).as("the world gives the agent work").hasSizeGreaterThanOrEqualTo(2);
        assertThat(ref.acts).as("and the agent acts").isNotEmpty();
        assertThat(killed.verification.intact())
                .as("the killed run's ledger: %s", killed.verification)
                .isTrue();
        assertThat(killed.cases).as("cases and their final statuses").isEqualTo(ref.cases);
        assertThat(killed.storedStatuses)
                .as("the cases as the store keeps them")
                .isEqualTo(ref.storedStatuses);
        assertThat(killed.acts).as("the act calls that took effect").isEqualTo(ref.acts);
        assertThat(JSON.readTree(Files.readString(killedOutcome)))
                .as("the twin's outcome")
                .isEqualTo(JSON.readTree(Files.readString(referenceOutcome)));
        assertThat(killed.stepsActingUnderSeveralKeys())
                .as("case steps whose act took effect under more than one key")
                .isEmpty();
        assertThat(killed.journaledActsWithoutToolCall())
                .as("act calls the twin saw that the ledger does not hold")
                .isEmpty();
        Set<List<Object>> missing = new TreeSet<>(BY_TEXT);
        missing.addAll(ref.signatures);
        missing.removeAll(killed.signatures);
        assertThat(missing).as("events of the uninterrupted run the killed run lacks").isEmpty();
    }

    /**
     * {@value #KILLS} distinct points of the uninterrupted run, drawn with the seed, each as {@code
     * <epoch second>|<point>|<n>}: the n-th such point at its simulated time (see {@link
     * KillableRun}). Drawn among the loop's writes: most ticks only save their end ({@code
     * reached}), and a crash between two ticks is the same wherever it falls in a quiet stretch, so
     * those are not drawn.
     */
    private static List<String> drawKillPoints(List<String> points) {
        List<Integer> work = new ArrayList<>();
        for (int i = 0; i < points.size() - 20; i++) {
            // the last few points are left out: a life must reach its point before the run ends
            if (!points.get(i).endsWith(" reached")) {
                work.add(i);
            }
        }
        assertThat(work).hasSizeGreaterThan(2 * KILLS);
        Random rng = new Random(SEED);
        TreeSet<Integer> chosen = new TreeSet<>();
        while (chosen.size() < KILLS) {
            chosen.add(work.get(rng.nextInt(work.size())));
        }
        List<String> kills = new ArrayList<>();
        for (int index : chosen) {
            String point = points.get(index);
            int n = 1;
            for (int i = index - 1; i >= 0 && sameSecond(points.get(i), point); i--) {
                if (points.get(i).equals(point)) {
                    n++;
                }
            }
            String[] split = point.split(" ", 2);
            kills.add(split[0] + "|" + split[1] + "|" + n);
        }
        return kills;
    }

    private static boolean sameSecond(String a, String b) {
        return a.substring(0, a.indexOf(' ')).equals(b.substring(0, b.indexOf(' ')));
    }

    // --- the child

    private record Life(Process process, String ending, Path log, long millis) {}

    /**
     * Runs a child until it says DONE or DIE (it then waits to be killed) or ends. Fifty-odd starts
     * are most of the test's time, so they are made cheap: C1 only (half the CPU of a start), and
     * the classes the uninterrupted run loaded kept in a class-data archive that every later start
     * maps (CDS; a third of a start's CPU left, measured). CDS takes jars only, so the class path's
     * folders are packed into jars first.
     */
    private Life live(String name, Path data, String... more) throws Exception {
        Path archive = OUT.resolve("classes.jsa").toAbsolutePath();
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx384m",
                                "-XX:+UseSerialGC",
                                "-XX:TieredStopAtLevel=1",
                                Files.exists(archive)
                                        ? "-XX:SharedArchiveFile=" + archive
                                        : "-XX:ArchiveClassesAtExit=" + archive,
                                "-Dlogback.configurationFile=" + logConfig(),
                                "-cp",
                                jarredClassPath(),
                                KillableRun.class.getName(),
                                data.toString(),
                                String.valueOf(DAYS)));
        command.addAll(List.of(more));
        Path log = OUT.resolve(name + ".log");
        long t0 = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        started.add(process);
        BlockingQueue<String> ending = new LinkedBlockingQueue<>();
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader in =
                                            new BufferedReader(
                                                    new InputStreamReader(
                                                            process.getInputStream(),
                                                            StandardCharsets.UTF_8));
                                    Writer out = Files.newBufferedWriter(log)) {
                                String line;
                                while ((line = in.readLine()) != null) {
                                    out.write(line);
                                    out.write('\n');
                                    if (line.startsWith("DIE ") || line.equals("DONE")) {
                                        out.flush();
                                        ending.add(line);
                                    }
                                }
                            } catch (IOException e) {
                                // the process was killed while we read
                            } finally {
                                ending.add("ENDED");
                            }
                        },
                        "kill-test-" + name);
        reader.setDaemon(true);
        reader.start();
        String end = ending.poll(LIFE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        if (end == null) {
            throw new AssertionError(name + " said nothing in " + LIFE_TIMEOUT + "; see " + log);
        }
        if (end.equals("DONE")) {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("%s exits cleanly; see %s", name, log).isZero();
        }
        return new Life(process, end, log, millis);
    }

    private static String jarred;

    /** This JVM's class path with each folder packed into a jar of its own. */
    private static synchronized String jarredClassPath() throws IOException {
        if (jarred == null) {
            Path dir = fresh("classpath");
            List<String> entries = new ArrayList<>();
            int n = 0;
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path p = Path.of(entry);
                if (Files.isDirectory(p)) {
                    Path jar = dir.resolve("folder-" + ++n + ".jar");
                    pack(p, jar);
                    entries.add(jar.toString());
                } else if (!entry.isBlank()) {
                    entries.add(entry);
                }
            }
            jarred = String.join(File.pathSeparator, entries);
        }
        return jarred;
    }

    private static void pack(Path folder, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                var files = Files.walk(folder)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String name = folder.relativize(f).toString().replace(File.separatorChar, '/');
                if (name.isEmpty()) {
                    continue;
                }
                if (Files.isDirectory(f)) {
                    out.putNextEntry(new JarEntry(name + "/"));
                } else {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(f, out);
                }
                out.closeEntry();
            }
        }
    }

    private static Path logConfig() throws IOException {
        Path file = OUT.resolve("logback.xml").toAbsolutePath();
        Files.writeString(
                file,
                """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="dev.autonoc" level="INFO"/>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        return file;
    }

    private static Path fresh(String name) throws IOException {
        Path dir = OUT.resolve(name);
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(
                                p -> {
                                    try {
                                        Files.delete(p);
                                    } catch (IOException e) {
                                        throw new UncheckedIOException(e);
                                    }
                                });
            }
        }
        return Files.createDirectories(dir).toAbsolutePath();
    }

    // --- what a run left in its database

    /** One act call that took effect, as the ledger tells it (its first success). */
    record Act(
            String caseId,
            Object step,
            String tool,
            String key,
            Object arguments,
            Object output,
            Instant at) {}

    /** What the ledger, the case store and the journal of a run's database say. */
    private static final class Ledger {
        final AuditVerification verification;
        final Map<String, String> cases = new TreeMap<>();
        final Map<String, String> storedStatuses = new TreeMap<>();
        final List<Act> acts = new ArrayList<>();
        final Set<List<Object>> signatures = new HashSet<>();
        final Map<String, String> outcomeByKey = new LinkedHashMap<>();
        final Set<List<Object>> toolCalls = new HashSet<>();
        final List<WorldStore.JournalEntry> journal;

        private Ledger(
                AuditVerification verification,
                List<AuditEntry> entries,
                List<CaseRecord> stored,
                List<WorldStore.JournalEntry> journal) {
            this.verification = verification;
            this.journal = journal;
            Map<String, Object> argumentsByKey = new LinkedHashMap<>();
            Set<String> succeeded = new HashSet<>();
            for (AuditEntry entry : entries) {
                AuditEvent e = entry.event();
                Map<String, Object> p = e.payload();
                signatures.add(
                        java.util.Arrays.asList(
                                e.type().name(),
                                e.correlationId(),
                                e.simTime().toString(),
                                p.get("step"),
                                p.get("tool"),
                                p.get("idempotency_key"),
                                p.get("status"),
                                p.get("verdict")));
                switch (e.type()) {
                    case CASE_OPENED -> cases.put(e.correlationId(), "ACTIVE");
                    case CASE_CLOSED, CASE_HANDED_OVER, CASE_TAKEN_OVER, CASE_HANDED_BACK ->
                            cases.put(e.correlationId(), String.valueOf(p.get("status")));
                    case TOOL_CALL -> {
                        String key = String.valueOf(p.get("idempotency_key"));
                        argumentsByKey.putIfAbsent(key, p.get("arguments"));
                        toolCalls.add(List.of(key, e.simTime().toString()));
                    }
                    case TOOL_RESULT -> {
                        String key = String.valueOf(p.get("idempotency_key"));
                        String outcome = String.valueOf(p.get("outcome"));
                        outcomeByKey.merge(key, outcome, (a, b) -> a.equals("SUCCEEDED") ? a : b);
                        if (ToolNames.ACT.contains(String.valueOf(p.get("tool")))
                                && outcome.equals("SUCCEEDED")
                                && succeeded.add(key)) {
                            acts.add(
                                    new Act(
                                            e.correlationId(),
                                            p.get("step"),
                                            String.valueOf(p.get("tool")),
                                            key,
                                            argumentsByKey.get(key),
                                            p.get("output"),
                                            e.simTime()));
                        }
                    }
                    default -> {}
                }
            }
            stored.forEach(c -> storedStatuses.put(c.id().value(), c.status().name()));
        }

        static Ledger read(Path data) {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:file:" + data.resolve("autonoc") + ";DB_CLOSE_ON_EXIT=FALSE");
            ds.setUser("sa");
            ds.setPassword("");
            try (JdbcAuditLog ledger = JdbcAuditLog.open(ds, Clock.systemUTC())) {
                ServiceDatabase db = ServiceDatabase.open(ds);
                WorldStore worlds = new WorldStore(db);
                String world = worlds.current().orElseThrow().id();
                return new Ledger(
                        ledger.verify(),
                        ledger.query(AuditQuery.all()),
                        JdbcCaseStore.open(db, world).all(),
                        worlds.journal(world));
            }
        }

        /**
         * Case steps (the key without its attempt) with more than one key under which an act may
         * have taken effect: a success, an uncertain outcome, or a call journaled (so run by the
         * twin) with no result in the ledger.
         */
        Map<String, Set<String>> stepsActingUnderSeveralKeys() {
            Map<String, Set<String>> keysByStep = new TreeMap<>();
            for (WorldStore.JournalEntry j : journal) {
                if (!ToolNames.ACT.contains(j.tool())) {
                    continue;
                }
                String outcome = outcomeByKey.get(j.idempotencyKey());
                boolean mayHaveActed =
                        outcome == null
                                || outcome.equals("SUCCEEDED")
                                || outcome.equals("UNCERTAIN");
                if (mayHaveActed) {
                    String key = j.idempotencyKey();
                    keysByStep
                            .computeIfAbsent(
                                    key.substring(0, key.lastIndexOf('/')), s -> new TreeSet<>())
                            .add(key);
                }
            }
            keysByStep.values().removeIf(keys -> keys.size() < 2);
            return keysByStep;
        }

        List<WorldStore.JournalEntry> journaledActsWithoutToolCall() {
            return journal.stream()
                    .filter(j -> ToolNames.ACT.contains(j.tool()))
                    .filter(
                            j ->
                                    !toolCalls.contains(
                                            List.of(j.idempotencyKey(), j.simTime().toString())))
                    .toList();
        }

        String summary() {
            return cases
                    + ", "
                    + acts.size()
                    + " act calls took effect, "
                    + signatures.size()
                    + " distinct events, "
                    + journal.size()
                    + " journaled calls, ledger "
                    + (verification.intact() ? "intact" : "BROKEN: " + verification.detail());
        }
    }
}
