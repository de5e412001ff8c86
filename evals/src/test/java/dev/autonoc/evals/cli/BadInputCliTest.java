package dev.autonoc.evals.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.evals.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input to every subcommand, as an operator, a reliability engineer or an auditor would give
 * it: exit code 2 and one line on stderr (a refused scenario file: one per problem) naming the
 * command, what was wrong and what is accepted; no usage dump, no stack trace, nothing written.
 */
class BadInputCliTest {

    @TempDir static Path dir;

    /** Files the bad inputs point at; {@code $D} in the arguments stands for their folder. */
    @BeforeAll
    static void files() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "hello\nworld\n");
        Files.writeString(dir.resolve("other.jsonl"), "{\"a\":1}\n");
        Files.writeString(dir.resolve("other.csv"), "name,value\nx,1\n");
        Files.createDirectories(dir.resolve("has-scenarios"));
        Files.writeString(dir.resolve("has-scenarios/a.yaml"), "id: a\n");
        Files.createDirectories(dir.resolve("corrupt-model"));
        Files.writeString(dir.resolve("corrupt-model/model.json"), "{not json");
        Files.createDirectories(dir.resolve("empty"));
        Files.copy(
                TestPaths.exampleScenarios().resolve("memory-leak-restart.yaml"),
                dir.resolve("memory-leak-restart.yaml"));
    }

    /**
     * @param args {@code $D} is the folder of the files above
     * @param lines lines on stderr: one, but a refused scenario file lists each problem on one
     * @param says parts of the lines on stderr
     */
    record Bad(String[] args, int lines, String... says) {
        static Bad of(String commandLine, String... says) {
            return new Bad(commandLine.split(" "), 1, says);
        }

        static Bad scenarioProblems(String commandLine, int problems, String... says) {
            return new Bad(commandLine.split(" "), 1 + problems, says);
        }

        @Override
        public String toString() {
            return "autonoc " + String.join(" ", args);
        }
    }

    static Stream<Bad> badInput() {
        return Stream.of(
                // picocli's own refusals: one line, the option, what is accepted, where --help is
                Bad.of("--nope", "autonoc: Unknown option: '--nope'", "(see 'autonoc --help')"),
                Bad.of(
                        "frobnicate",
                        "autonoc: unknown command 'frobnicate'; accepted: eval, audit, model,"
                                + " policy, help",
                        "(see 'autonoc --help')"),
                // an unknown command with --version is refused (with --help it is answered with
                // the help: AutonocCliTest)
                Bad.of("--version twin", "autonoc: unknown command 'twin'"),
                Bad.of("audit frob", "autonoc audit: unknown command 'frob'; accepted: verify"),
                Bad.of("evl", "autonoc: unknown command 'evl'", "did you mean eval?"),
                Bad.of(
                        "eval --help --bogus",
                        "autonoc eval: Unknown option: '--bogus'",
                        "(see 'autonoc eval --help')"),
                Bad.of(
                        "eval --scenarios $D --out $D/out --seeds abc",
                        "autonoc eval: Invalid value for option '--seeds': 'abc' is not a whole"
                                + " number",
                        "(see 'autonoc eval --help')"),
                Bad.of(
                        "eval --scenarios $D --out $D/out --bogus",
                        "autonoc eval: Unknown option: '--bogus'"),
                Bad.of("eval --scenarios $D", "Missing required option: '--out=DIR'"),
                Bad.of(
                        "audit show $D/other.jsonl --type NOPE",
                        "autonoc audit show: Invalid value for option '--type': expected one of"
                                + " [PREDICTION, "),
                Bad.of(
                        "audit show $D/other.jsonl --after abc",
                        "'--after': 'abc' is not a whole number"),
                Bad.of(
                        "policy explain --tool order_part --cost lots",
                        "'--cost': 'lots' is not a number (e.g. 2800 or 12.5)"),
                Bad.of(
                        "policy explain --tool order_part --fact novalue",
                        "option '--fact' (KEY=VALUE) should be in KEY=VALUE format but was"
                                + " novalue"),
                // eval
                Bad.of(
                        "eval --scenarios $D/empty --out $D/out --seeds 0",
                        "autonoc eval: --seeds must be at least 1, got 0"),
                Bad.of(
                        "eval --scenarios $D/empty --out $D/out --planner magic",
                        "--planner: unknown planner 'magic'; known: playbook, none, reactive,"
                                + " oracle"),
                Bad.of(
                        "eval --scenarios $D/empty --out $D/notes.txt",
                        "--out $D/notes.txt is a file; expected a folder"),
                Bad.scenarioProblems(
                        "eval --scenarios $D/empty --out $D/out",
                        1,
                        "autonoc eval: scenario file $D/empty refused (1 problem):",
                        "$D/empty: holds no scenario files; expected *.yaml or *.yml files"),
                Bad.of(
                        "eval --scenarios $D/memory-leak-restart.yaml --out"
                                + " $D/out --model $D/nomodel",
                        "--model $D/nomodel is not a folder; expected a bundle saved by"
                                + " `autonoc model train`"),
                // audit
                Bad.of(
                        "audit verify $D/notes.txt",
                        "autonoc audit verify: $D/notes.txt is not a ledger export: its first"
                                + " line is 'hello'; expected a ledger export"),
                Bad.of(
                        "audit verify $D/other.jsonl",
                        "$D/other.jsonl is not a ledger export: its first line is '{\"a\":1}'"),
                Bad.of("audit verify $D/other.csv", "$D/other.csv is not a ledger export"),
                Bad.of(
                        "audit verify $D/empty",
                        "autonoc audit verify: $D/empty is a folder; expected a ledger export"),
                Bad.of(
                        "audit verify $D/missing.jsonl",
                        "no such file $D/missing.jsonl; expected a ledger export"),
                Bad.of("audit verify", "give either --db PATH or FILE, not neither"),
                Bad.of("audit verify --db $D/missing", "no H2 ledger at $D/missing.mv.db"),
                Bad.of("audit show $D/empty", "autonoc audit show: $D/empty is a folder"),
                Bad.of(
                        "audit show $D/notes.txt",
                        "autonoc audit show: $D/notes.txt is not a ledger export: its first line is"
                                + " 'hello'"),
                Bad.of(
                        "eval --scenarios $D/empty --out $D/out --seeds 1000000",
                        "autonoc eval: --seeds must be 1 to 1000, got 1000000"),
                Bad.of(
                        "model evaluate --seeds 1 --out $D/notes.txt",
                        "autonoc model evaluate: --out $D/notes.txt is a file; expected a folder"),
                Bad.of(
                        "audit show $D/other.jsonl --from yesterday",
                        "--from 'yesterday' is not an ISO-8601 UTC instant"),
                // model
                Bad.of(
                        "model evaluate --model $D/corrupt-model --seeds 1",
                        "autonoc model evaluate: --model $D/corrupt-model is not a loadable model"
                                + " bundle (",
                        "); expected a folder saved by `autonoc model train`"),
                Bad.of(
                        "model evaluate --model $D/empty --seeds 1",
                        "--model $D/empty is not a loadable model bundle (no model.json in"),
                Bad.of(
                        "model calibrate --model $D/corrupt-model --out $D/out",
                        "autonoc model calibrate: --model $D/corrupt-model is not a loadable"),
                Bad.of("model evaluate --seeds 0", "--seeds and --oracle-seeds must be at least 1"),
                Bad.of(
                        "model evaluate --seeds 1 --bad-data SPIKES,INVENTORY_DRIFT",
                        "autonoc model evaluate: --bad-data INVENTORY_DRIFT is not a bad-data kind"
                                + " of the telemetry; expected all, none, or any of [TELEMETRY_GAP,"
                                + " STUCK_SENSOR, SPIKES, LATE_SAMPLES, CLOCK_SKEW]"),
                Bad.of(
                        "model evaluate --seeds 2 --bad-data-seeds 3",
                        "autonoc model evaluate: --bad-data-seeds 3 must be 1 to --seeds (2)"),
                Bad.of(
                        "model train --seeds 1 --speedup-share 1.5",
                        "autonoc model train: --speedup-share 1.5 is not a chance; it must be from 0"
                                + " to 1"),
                Bad.of(
                        "model evaluate --seeds 1 --speedup-share -0.2",
                        "autonoc model evaluate: --speedup-share -0.2 is not a chance; it must be"
                                + " from 0 to 1"),
                Bad.of(
                        "model train --seeds 1 --out $D/notes.txt",
                        "autonoc model train: --out $D/notes.txt is a file; expected a folder"),
                Bad.of(
                        "model dataset --out $D/notes.txt",
                        "autonoc model dataset: --out $D/notes.txt is a file"),
                // policy
                Bad.of(
                        "policy check $D/empty",
                        "autonoc policy check: $D/empty is a folder; expected a policy YAML file"),
                Bad.of("policy check $D/missing.yaml", "no such file $D/missing.yaml"),
                Bad.of(
                        "policy check $D/notes.txt",
                        "refused: notes.txt line 1: a policy must be a map with apiVersion, kind"
                                + " and rules"),
                Bad.of(
                        "policy explain --tool nope",
                        "--tool 'nope' is not an act tool; accepted: open_ticket, "),
                Bad.of(
                        "policy explain --action $D/empty",
                        "--action $D/empty is a folder; expected a JSON action file, or -"),
                Bad.of(
                        "policy explain --tool order_part --preset nope",
                        "unknown preset 'nope'; accepted: metro, regional, national"),
                Bad.of(
                        "policy test --policy $D/empty $D/notes.txt",
                        "autonoc policy test: --policy $D/empty is a folder"),
                // eval's progress, compare and generate
                Bad.of(
                        "eval --scenarios $D/empty --out $D/out --progress loud",
                        "autonoc eval: --progress: 'loud' is not one of auto, bar, lines, off"),
                Bad.of(
                        "eval --out $D/out",
                        "autonoc eval: Missing required option: '--scenarios=DIR|FILE'"),
                Bad.of(
                        "eval compare $D/notes.txt $D/other.jsonl",
                        "autonoc eval compare: $D/notes.txt is not JSON",
                        "expected a report.json written by autonoc eval"),
                Bad.of(
                        "eval compare $D/other.jsonl $D/other.jsonl",
                        "autonoc eval compare: $D/other.jsonl is not an eval report"),
                Bad.of(
                        "eval compare $D/empty $D/empty",
                        "$D/empty is a folder without a report.json"),
                Bad.of("eval compare $D/other.jsonl", "Missing required parameter: 'NEW'"),
                Bad.of(
                        "eval generate --count 0 --out $D/out",
                        "autonoc eval generate: --count must be 1 to 100000, got 0"),
                Bad.of(
                        "eval generate --count 5 --seed -1 --out $D/out",
                        "--seed must be 0 or more, got -1"),
                Bad.of(
                        "eval generate --count 5 --seeds 0 --out $D/out",
                        "--seeds must be 1 to 20, got 0"),
                Bad.of(
                        "eval generate --count 5 --out $D/notes.txt",
                        "--out $D/notes.txt is a file; expected a new or empty folder"),
                Bad.of(
                        "eval generate --count 5 --out $D/has-scenarios",
                        "--out $D/has-scenarios holds 1 scenario file already"),
                Bad.of("eval generate --out $D/out", "Missing required option: '--count=N'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void bad_input_exits_2_with_one_line_naming_it_and_what_is_accepted(Bad bad) {
        InProcessCli cli = InProcessCli.lastRunOnly();
        String[] args =
                Arrays.stream(bad.args())
                        .map(a -> a.replace("$D", dir.toString()))
                        .toArray(String[]::new);

        int code = cli.run(args);

        String err = cli.err().strip();
        assertThat(code).as(err).isEqualTo(AutonocCli.BAD_INPUT);
        assertThat(err.lines()).as(err).hasSize(bad.lines());
        for (String part : bad.says()) {
            assertThat(err).contains(part.replace("$D", dir.toString()));
        }
        assertThat(err).doesNotContain("Usage:").doesNotContain("\tat ").doesNotContain("null");
        assertThat(dir.resolve("out")).as("nothing written").doesNotExist();
    }
}
