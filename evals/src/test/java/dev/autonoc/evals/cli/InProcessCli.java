package dev.autonoc.evals.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** The autonoc CLI run in the test's JVM, as {@code ./autonoc} would run it, its output kept. */
final class InProcessCli {

    private final boolean lastRunOnly;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private InProcessCli(boolean lastRunOnly) {
        this.lastRunOnly = lastRunOnly;
    }

    /** What the runs print adds up until cleared. */
    static InProcessCli accumulating() {
        return new InProcessCli(false);
    }

    /** {@link #out()} and {@link #err()} are what the last run printed. */
    static InProcessCli lastRunOnly() {
        return new InProcessCli(true);
    }

    /** Runs {@code autonoc args...}; its exit code. */
    int run(String... args) {
        if (lastRunOnly) {
            clearOut();
            clearErr();
        }
        CommandLine cli = AutonocCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    void clearOut() {
        out = new StringWriter();
    }

    void clearErr() {
        err = new StringWriter();
    }
}
