package dev.autonoc.service.connected;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM the test started from the packaged service jar ({@code ./autonoc serve} or {@code ./autonoc
 * twin}, as the launcher runs them), its output in a log file of its own. Every child is killed
 * when the test is done with it and, should the test JVM end first, when the JVM exits: a test's
 * children never outlive it.
 */
final class ChildProcess implements AutoCloseable {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> LIVE.forEach(Process::destroyForcibly),
                                "kill-test-children"));
    }

    final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** The service's executable jar, as {@code package} left it in {@code service/target}. */
    static Path serviceJar() {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("service-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    new IllegalStateException(
                                            "no service/target/service-*.jar: this test runs"
                                                    + " after `package` (mvn verify)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts {@code java <jvm options> <arguments>} with this JVM's java, its output (both streams)
     * to {@code <logs>/<name>.log}.
     */
    static ChildProcess start(String name, Path logs, List<String> jvm, List<String> arguments)
            throws IOException {
        Files.createDirectories(logs);
        Path log = logs.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.addAll(arguments);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("AUTONOC_JAVA_OPTS");
        Process p = builder.start();
        LIVE.add(p);
        return new ChildProcess(name, p, log);
    }

    /** The lines it has written so far (both streams). */
    List<String> logLines() throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /**
     * {@code SIGKILL} ({@link Process#destroyForcibly()} on Linux): no shutdown hook, no revoke, no
     * last commit. Waits for the end; returns the exit status (128 + 9 when killed so).
     */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        LIVE.remove(process);
        return process.exitValue();
    }

    /** {@code SIGTERM}, then {@code SIGKILL} if it has not ended within {@code seconds}. */
    void stop(int seconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        LIVE.remove(process);
    }

    /** What the process wrote so far. */
    String output() {
        try {
            // decoded leniently: a child's platform encoding may not be UTF-8
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(" + log + " could not be read: " + e + ")";
        }
    }

    /** The last group 1 of {@code pattern} in the output so far. */
    Optional<String> last(Pattern pattern) {
        Matcher m = pattern.matcher(output());
        String found = null;
        while (m.find()) {
            found = m.group(1);
        }
        return Optional.ofNullable(found);
    }

    /** The last {@code lines} lines of the output, for a failure's report. */
    String tail(int lines) {
        List<String> all = output().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                stop(20);
            }
        } catch (InterruptedException e) {
            // interrupted while it stopped politely: no time left to wait, so it dies now
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            LIVE.remove(process);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", " + log + ")";
    }
}
