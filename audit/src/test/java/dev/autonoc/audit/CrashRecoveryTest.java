package dev.autonoc.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.audit.AuditVerification;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer process killed (SIGKILL) in the middle of its appends leaves a ledger that verifies,
 * holds every batch it reported committed, and no part of a batch.
 */
class CrashRecoveryTest {

    @TempDir Path tmp;

    @Test
    void a_writer_killed_mid_batch_leaves_every_reported_entry_and_no_half_batch()
            throws Exception {
        Path file = tmp.resolve("crash");
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        Process child =
                new ProcessBuilder(
                                List.of(
                                        java,
                                        "-cp",
                                        classPath,
                                        "-Djava.util.logging.config.file="
                                                + System.getProperty(
                                                        "java.util.logging.config.file", ""),
                                        CrashingWriter.class.getName(),
                                        file.toString()))
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        long lastReported = 0;
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && lastReported < 1_500) {
                lastReported = Long.parseLong(line.substring("committed ".length()));
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(lastReported).as("the child wrote batches before it was killed").isPositive();

        try (JdbcAuditLog log = JdbcAuditLog.h2File(file, Events.fixedClock())) {
            AuditVerification v = log.verify();

            assertThat(v.intact()).as(v.detail()).isTrue();
            assertThat(log.size()).isGreaterThanOrEqualTo(lastReported);
            assertThat(log.size() % 100).as("entries of a half-written batch").isZero();
            assertThat(
                            log.append(
                                            Events.event(
                                                    dev.autonoc.core.audit.AuditEventType
                                                            .CASE_CLOSED,
                                                    "c",
                                                    "e",
                                                    "a",
                                                    0))
                                    .sequence())
                    .isEqualTo(log.size());
        }
    }
}
