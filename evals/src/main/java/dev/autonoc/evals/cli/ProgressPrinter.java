package dev.autonoc.evals.cli;

import dev.autonoc.evals.report.RunReport;
import dev.autonoc.evals.report.Violation;
import dev.autonoc.evals.run.Progress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The eval's progress on stderr: on a terminal one bar redrawn in place (runs done, running, failed
 * so far, time left); elsewhere (CI logs, a pipe) plain lines, one at every tenth of the runs and
 * one for each run that fails, as it fails.
 */
final class ProgressPrinter implements Progress {

    /** How the progress shows. */
    enum Mode {
        /** a bar redrawn in place */
        BAR,
        /** plain lines */
        LINES,
        /** nothing */
        OFF
    }

    private static final int BAR_WIDTH = 30;

    /** What {@code --progress} accepts. */
    static final String MODES = "auto, bar, lines, off";

    /**
     * The printer {@code --progress} asks for: {@code auto} is a bar when the command runs on a
     * terminal and plain lines when not.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    static ProgressPrinter of(String mode, PrintWriter out) {
        return of(mode, out, "eval");
    }

    /** As {@link #of(String, PrintWriter)}, each line starting with {@code label}. */
    static ProgressPrinter of(String mode, PrintWriter out, String label) {
        Mode chosen =
                switch (mode.trim().toLowerCase(Locale.ROOT)) {
                    case "auto" -> System.console() != null ? Mode.BAR : Mode.LINES;
                    case "bar" -> Mode.BAR;
                    case "lines" -> Mode.LINES;
                    case "off" -> Mode.OFF;
                    default ->
                            throw new IllegalArgumentException(
                                    "--progress: '" + mode + "' is not one of " + MODES);
                };
        return new ProgressPrinter(out, chosen, System::nanoTime, label);
    }

    private final PrintWriter out;
    private final Mode mode;
    private final LongSupplier nanos;
    private final String label;
    private int total;
    private int done;
    private int running;
    private int failed;
    private int lastTenth;
    private long startedNanos;
    private int lastWidth;

    /**
     * @param nanos a monotonic clock in nanoseconds ({@code System::nanoTime}), for the time left
     */
    ProgressPrinter(PrintWriter out, Mode mode, LongSupplier nanos) {
        this(out, mode, nanos, "eval");
    }

    /**
     * @param label what each line starts with ({@code eval}: {@code eval: 3/20 runs done, ...})
     */
    ProgressPrinter(PrintWriter out, Mode mode, LongSupplier nanos, String label) {
        this.out = Objects.requireNonNull(out, "out");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.label = Objects.requireNonNull(label, "label") + ": ";
    }

    @Override
    public synchronized void started(int runs, int threads) {
        total = runs;
        startedNanos = nanos.getAsLong();
        if (mode == Mode.LINES) {
            out.printf(Locale.ROOT, "%s%d runs, %d at a time%n", label, runs, threads);
            out.flush();
        }
        redraw();
    }

    @Override
    public synchronized void runStarted(String scenario, String planner, long seed) {
        running++;
        redraw();
    }

    @Override
    public synchronized void runFinished(RunReport run) {
        running--;
        done++;
        if (!run.passed()) {
            failed++;
            if (mode != Mode.OFF) {
                clearBar();
                out.printf(
                        Locale.ROOT,
                        "%sFAILED %s seed %d %s: %s%n",
                        label,
                        run.scenario(),
                        run.seed(),
                        run.planner(),
                        String.join(
                                "; ", run.violations().stream().map(Violation::describe).toList()));
            }
        }
        if (mode == Mode.LINES) {
            int tenth = total == 0 ? 10 : done * 10 / total;
            if (tenth > lastTenth) {
                lastTenth = tenth;
                out.println(label + status());
            }
        }
        redraw();
        out.flush();
    }

    @Override
    public synchronized void finished() {
        if (mode == Mode.BAR) {
            clearBar();
            out.println(label + status());
            out.flush();
        }
    }

    /** {@code 120/600 runs done, 2 running, 3 failed, about 1m20s left}. */
    synchronized String status() {
        String left;
        if (done == total) {
            left = "took " + duration(nanos.getAsLong() - startedNanos);
        } else if (done == 0) {
            left = "time left not known yet";
        } else {
            long elapsed = nanos.getAsLong() - startedNanos;
            left = "about " + duration(elapsed / done * (total - done)) + " left";
        }
        return String.format(
                Locale.ROOT,
                "%d/%d runs done, %d running, %d failed, %s",
                done,
                total,
                running,
                failed,
                left);
    }

    private void redraw() {
        if (mode != Mode.BAR) {
            return;
        }
        int filled = total == 0 ? BAR_WIDTH : done * BAR_WIDTH / total;
        String line = "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + status();
        out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
        lastWidth = line.length();
        out.flush();
    }

    private void clearBar() {
        if (mode == Mode.BAR && lastWidth > 0) {
            out.print("\r" + " ".repeat(lastWidth) + "\r");
            lastWidth = 0;
        }
    }

    static String duration(long nanos) {
        Duration d = Duration.ofNanos(Math.max(0, nanos));
        long h = d.toHours();
        long m = d.toMinutesPart();
        long s = d.toSecondsPart();
        if (h > 0) {
            return String.format(Locale.ROOT, "%dh%02dm", h, m);
        }
        if (m > 0) {
            return String.format(Locale.ROOT, "%dm%02ds", m, s);
        }
        return s + "s";
    }
}
