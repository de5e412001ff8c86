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
        cli.setParameterExceptionHandler(AutonocCli::refuseParameters);
        cli.setExecutionStrategy(AutonocCli::refuseUnmatchedThenRun);
        cli.setExecutionExceptionHandler(
                (e, cmd, parseResult) -> {
                    String message = e.getMessage();
                    cmd.getErr()
                            .println(
                                    cmd.getCommandSpec().qualifiedName()
                                            + ": "
                                            + (message == null || message.isBlank()
                                                    ? e.toString()
                                                    : message));
                    return BAD_INPUT;
                });
        return cli;
    }

    /**
     * Picocli leaves arguments it could not place unreported when {@code --help} or {@code
     * --version} is among them. A word where a command stands, with {@code --help} (autonoc twin
     * --help: a user asking what there is), is answered with the help of the command it follows,
     * exit 0; any other argument no command takes is bad input, help or not (an unknown option, an
     * unknown command with {@code --version}).
     */
    private static int refuseUnmatchedThenRun(CommandLine.ParseResult parseResult) {
        boolean helpAsked = false;
        for (CommandLine.ParseResult level = parseResult;
                level != null;
                level = level.subcommand()) {
            helpAsked |= level.isUsageHelpRequested();
        }
        for (CommandLine.ParseResult level = parseResult;
                level != null;
                level = level.subcommand()) {
            if (!level.unmatched().isEmpty()) {
                CommandLine cmd = level.commandSpec().commandLine();
                if (helpAsked && unknownCommand(cmd, level.unmatched()).isPresent()) {
                    cmd.usage(cmd.getOut());
                    return 0;
                }
                throw new CommandLine.UnmatchedArgumentException(cmd, level.unmatched());
            }
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    /**
     * An unknown command or option, a missing one or a value of the wrong type: one line naming it
     * and what is accepted, and where the usage is, rather than the whole usage text after it.
     */
    private static int refuseParameters(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String message = plainTypes(e.getMessage());
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            message = unknownCommand(cmd, unmatched.getUnmatched()).orElse(message);
            if (!unmatched.getSuggestions().isEmpty()) {
                message +=
                        "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
            }
        }
        String name = cmd.getCommandSpec().qualifiedName();
        cmd.getErr().println(name + ": " + message + " (see '" + name + " --help')");
        return BAD_INPUT;
    }

    /**
     * "unknown command 'twin'; accepted: ..." when the first argument {@code cmd} could not place
     * is a word where only its subcommands may stand (it has some, and no positional parameters).
     */
    private static java.util.Optional<String> unknownCommand(
            CommandLine cmd, java.util.List<String> unmatched) {
        if (unmatched.isEmpty()
                || unmatched.get(0).startsWith("-")
                || cmd.getSubcommands().isEmpty()
                || !cmd.getCommandSpec().positionalParameters().isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(
                "unknown command '"
                        + unmatched.get(0)
                        + "'; accepted: "
                        + String.join(", ", cmd.getSubcommands().keySet()));
    }

    /**
     * Why {@code path} cannot be read as a file: there is none, or it is a folder; {@code what} is
     * what was expected there.
     */
    static String notAFile(java.nio.file.Path path, String what) {
        return java.nio.file.Files.isDirectory(path)
                ? path + " is a folder; expected " + what
                : "no such file " + path + "; expected " + what;
    }

    /** Picocli names Java types ("'x' is not an int"); say what is accepted instead. */
    static String plainTypes(String message) {
        return message.replace("' is not an int", "' is not a whole number")
                .replace("' is not a long", "' is not a whole number")
                .replace("' is not a double", "' is not a number (e.g. 2800 or 12.5)")
                .replace("option option", "option")
                .strip();
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
