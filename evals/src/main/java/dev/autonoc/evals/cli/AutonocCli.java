package dev.autonoc.evals.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code autonoc} command line: run evals, verify an audit ledger, train the failure model.
 * Exit codes: 0 success, 1 a check failed (a run, a ledger), 2 bad input or nothing could run.
 */
@Command(
        name = "autonoc",
        mixinStandardHelpOptions = true,
        versionProvider = AutonocCli.Version.class,
        description =
                "Autonomous network operations: run scenario evals, verify audit ledgers, check and explain policies, train the failure model.",
        subcommands = {
            EvalCommand.class,
            AuditCommand.class,
            ModelCommand.class,
            PolicyCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:a check failed (an eval run, an audit ledger)",
            "2:bad input (a refused scenario, an unknown planner, a missing file), or nothing could run"
        })
public final class AutonocCli implements Runnable {

    /** A check failed. */
    static final int FAILED = 1;

    /** Bad input, or nothing could run. */
    static final int BAD_INPUT = 2;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for the launcher and for tests (which set out and err). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new AutonocCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(
                (e, cmd, parseResult) -> {
                    cmd.getErr().println("autonoc: " + e.getMessage());
                    return BAD_INPUT;
                });
        return cli;
    }

    @Override
    public void run() {
        // no subcommand: say what there is
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version of this build, from the jar's manifest when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = AutonocCli.class.getPackage().getImplementationVersion();
            return new String[] {"autonoc " + (v == null ? "(development build)" : v)};
        }
    }
}
