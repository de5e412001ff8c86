package dev.autonoc.evals.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.evals.report.RunMetrics;
import dev.autonoc.evals.report.RunReport;
import dev.autonoc.evals.report.Violation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

    private final StringWriter text = new StringWriter();
    private final AtomicLong nanos = new AtomicLong();

    private static RunReport passed(long seed) {
        return RunReport.measured(
                "s",
                seed,
                "playbook",
                List.of(),
                new RunMetrics(0, 0, 0, 0, 0, 0, 0, 0, 0, OptionalDouble.empty()),
                List.of(),
                1);
    }

    private static RunReport failed(long seed) {
        return RunReport.measured(
                "s",
                seed,
                "playbook",
                List.of(new Violation("max_failures", 0, 1)),
                new RunMetrics(1, 0, 0, 0, 0, 0, 0, 0, 0, OptionalDouble.empty()),
                List.of(),
                1);
    }

    @Test
    void plain_lines_come_at_every_tenth_and_at_each_failure_with_the_time_left() {
        ProgressPrinter p =
                new ProgressPrinter(new PrintWriter(text), ProgressPrinter.Mode.LINES, nanos::get);
        p.started(20, 2);
        for (int i = 0; i < 20; i++) {
            p.runStarted("s", "playbook", i);
            nanos.addAndGet(1_000_000_000L);
            p.runFinished(i == 4 ? failed(i) : passed(i));
        }
        p.finished();
        String[] lines = text.toString().split("\n");
        assertThat(lines[0]).isEqualTo("eval: 20 runs, 2 at a time");
        assertThat(text.toString())
                .doesNotContain("\r")
                .contains("eval: 2/20 runs done, 0 running, 0 failed, about 18s left")
                .contains("eval: FAILED s seed 4 playbook: max_failures: expected 0, measured 1")
                .contains("eval: 10/20 runs done, 0 running, 1 failed, about 10s left")
                .contains("eval: 20/20 runs done, 0 running, 1 failed, took 20s");
        assertThat(lines).hasSize(1 + 10 + 1);
    }

    @Test
    void on_a_terminal_one_bar_is_redrawn_in_place() {
        ProgressPrinter p =
                new ProgressPrinter(new PrintWriter(text), ProgressPrinter.Mode.BAR, nanos::get);
        p.started(4, 2);
        p.runStarted("s", "playbook", 1);
        p.runStarted("s", "playbook", 2);
        nanos.addAndGet(60_000_000_000L);
        p.runFinished(passed(1));
        assertThat(text.toString())
                .contains(
                        "\r[#######.......................] 1/4 runs done, 1 running, 0 failed, about 3m00s left");
        assertThat(text.toString()).doesNotContain("\n");
        p.runFinished(failed(2));
        assertThat(text.toString()).contains("\neval: FAILED s seed 2".substring(1));
        p.finished();
        assertThat(text.toString())
                .endsWith("eval: 2/4 runs done, 0 running, 1 failed, about 1m00s left\n");
    }

    @Test
    void off_prints_nothing_and_an_unknown_mode_is_refused() {
        ProgressPrinter p =
                new ProgressPrinter(new PrintWriter(text), ProgressPrinter.Mode.OFF, nanos::get);
        p.started(1, 1);
        p.runStarted("s", "playbook", 1);
        p.runFinished(failed(1));
        p.finished();
        assertThat(text.toString()).isEmpty();
        assertThatThrownBy(() -> ProgressPrinter.of("loud", new PrintWriter(text)))
                .hasMessage("--progress: 'loud' is not one of auto, bar, lines, off");
    }
}
