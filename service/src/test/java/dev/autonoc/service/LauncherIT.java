package dev.autonoc.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./autonoc serve} itself, as a user runs it from the repository root, on the jar the build
 * packaged (Maven's failsafe runs this after {@code package}, so the launcher finds the jar up to
 * date and builds nothing). Its output is in {@code target/launcher-it/}.
 */
class LauncherIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path LOGS = Path.of("target", "launcher-it");

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatIsLeft() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void serve_with_a_postgresql_datasource_and_the_demo_users_refuses_to_start() throws Exception {
        String url =
                System.getenv()
                        .getOrDefault(
                                "AUTONOC_TEST_POSTGRES_URL",
                                "jdbc:postgresql://127.0.0.1:1/nowhere?user=postgres");
        Path data = TestDirs.fresh("autonoc-launcher-");
        Process serve =
                launch(
                        "refused",
                        "serve",
                        "--spring.datasource.url=" + url,
                        "--autonoc.data-dir=" + data,
                        "--server.port=0",
                        "--management.server.port=0");

        assertThat(serve.waitFor(180, TimeUnit.SECONDS)).as("it stops by itself").isTrue();
        String out = output("refused");
        assertThat(serve.exitValue()).as(out).isNotZero();
        assertThat(out)
                .contains("APPLICATION FAILED TO START")
                .contains("autonoc.security.users[0] ('operator')")
                .contains("a plain-text password ({noop}), a demo credential")
                .contains("demo credentials are refused outside the embedded default")
                .contains("spring.datasource.url is 'jdbc:postgresql://127.0.0.1:")
                .contains("Give every user of autonoc.security.users a {bcrypt} password")
                .doesNotContain("?user=")
                .doesNotContain("HikariPool-1 - Start")
                .doesNotContain("Started AutonocApplication");
    }

    @Test
    void serve_on_the_embedded_default_starts_with_the_demo_users_and_a_bounded_heap()
            throws Exception {
        int port = freePort();
        Path data = TestDirs.fresh("autonoc-launcher-");
        Process serve =
                launch(
                        "embedded",
                        "serve",
                        "--autonoc.data-dir=" + data,
                        "--server.port=" + port,
                        "--management.server.port=0",
                        "--autonoc.simulation.auto-start=false");
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        int status = 0;
        while (Instant.now().isBefore(deadline) && status != 200) {
            assertThat(serve.isAlive()).as(output("embedded")).isTrue();
            try {
                status =
                        http.send(
                                        HttpRequest.newBuilder(
                                                        URI.create(
                                                                "http://localhost:"
                                                                        + port
                                                                        + "/login"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode();
            } catch (IOException notYet) {
                Thread.sleep(500);
            }
        }
        assertThat(status).as(output("embedded")).isEqualTo(200);
        // the launcher execs java: the process is the JVM, and its command line has the limits
        String command =
                Files.readString(Path.of("/proc", Long.toString(serve.pid()), "cmdline"))
                        .replace('\0', ' ');
        assertThat(command).contains("-Xmx1g").contains("-XX:+ExitOnOutOfMemoryError");
        assertThat(output("embedded")).contains("DEMO LOGINS OPEN (embedded default only)");
        ApiClient.Console.signIn("http://localhost:" + port, "operator", "operator");
    }

    private Process launch(String name, String... args) throws IOException {
        Files.createDirectories(LOGS);
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("autonoc").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(ROOT.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(LOGS.resolve(name + ".log").toFile());
        builder.environment().remove("AUTONOC_JAVA_OPTS");
        builder.environment().remove("AUTONOC_HEAP");
        Process p = builder.start();
        started.add(p);
        return p;
    }

    private static String output(String name) throws IOException {
        return Files.readString(LOGS.resolve(name + ".log"), StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
