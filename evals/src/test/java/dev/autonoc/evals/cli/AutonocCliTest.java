package dev.autonoc.evals.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.evals.training.ModelTraining;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutonocCliTest {

    @TempDir Path dir;

    private final InProcessCli cli = InProcessCli.accumulating();

    private Path scenario(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    private static final String QUIET =
            """
            id: quiet-hours
            description: six quiet hours
            duration: PT6H
            network: {preset: metro}
            faults: []
            expect: {max_failures: 0, max_ops_cost_gbp: 0}
            """;

    @Test
    void eval_exits_0_and_writes_the_report_when_every_run_passes() throws IOException {
        Path file = scenario("quiet.yaml", QUIET);
        int code =
                cli.run(
                        "eval",
                        "--scenarios",
                        file.toString(),
                        "--planner",
                        "none",
                        "--seeds",
                        "2",
                        "--no-baselines",
                        "--out",
                        dir.resolve("out").toString());
        assertThat(code).as(cli.err()).isZero();
        assertThat(dir.resolve("out/report.json")).exists();
        assertThat(dir.resolve("out/report.md")).exists();
        assertThat(dir.resolve("out/report.html")).exists();
        assertThat(dir.resolve("out/report.junit.xml")).exists();
        assertThat(cli.out()).contains("2 runs, 2 passed, 0 failed");
        // not a terminal: the progress comes as plain lines on stderr
        assertThat(cli.err())
                .contains("eval: 2 runs, 2 at a time")
                .contains("eval: 2/2 runs done, 0 running, 0 failed, took")
                .doesNotContain("\r");
    }

    @Test
    void eval_exits_1_when_a_run_fails() throws IOException {
        Path file =
                scenario(
                        "fails.yaml",
                        """
                        id: unattended-leak
                        description: a leak nobody mends
                        duration: PT12H
                        network: {preset: metro}
                        faults:
                          - {element: agg-rtr-01, mode: MEMORY_LEAK, onset: PT1H, time_to_failure: PT6H}
                        expect: {max_failures: 0}
                        """);
        int code =
                cli.run(
                        "eval",
                        "--scenarios",
                        file.toString(),
                        "--planner",
                        "none",
                        "--seeds",
                        "1",
                        "--no-baselines",
                        "--out",
                        dir.resolve("out").toString());
        assertThat(code).as(cli.err()).isEqualTo(1);
        assertThat(cli.out())
                .contains(
                        "FAILED unattended-leak seed 1 none: max_failures: expected 0, measured 1");
    }

    @Test
    void eval_exits_2_naming_file_line_and_key_of_a_refused_scenario_before_anything_runs()
            throws IOException {
        Path file = scenario("bad.yaml", QUIET.replace("duration: PT6H", "duration: six hours"));
        int code =
                cli.run(
                        "eval",
                        "--scenarios",
                        file.toString(),
                        "--out",
                        dir.resolve("out").toString());
        assertThat(code).isEqualTo(2);
        assertThat(cli.err()).contains("bad.yaml:3: duration:").contains("PT5M");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void eval_exits_2_for_an_unknown_planner_or_a_bad_seed_count() throws IOException {
        Path file = scenario("quiet.yaml", QUIET);
        assertThat(
                        cli.run(
                                "eval",
                                "--scenarios",
                                file.toString(),
                                "--planner",
                                "gpt",
                                "--out",
                                dir.toString()))
                .isEqualTo(2);
        assertThat(cli.err())
                .contains("unknown planner 'gpt'; known: playbook, none, reactive, oracle");
        assertThat(
                        cli.run(
                                "eval",
                                "--scenarios",
                                file.toString(),
                                "--seeds",
                                "0",
                                "--out",
                                dir.toString()))
                .isEqualTo(2);
        assertThat(cli.err()).contains("--seeds must be at least 1");
        assertThat(
                        cli.run(
                                "eval",
                                "--scenarios",
                                dir.resolve("absent.yaml").toString(),
                                "--out",
                                dir.toString()))
                .isEqualTo(2);
        assertThat(cli.err()).contains("absent.yaml: no such file");
    }

    @Test
    void eval_exits_2_when_out_is_a_file() throws IOException {
        Path file = scenario("quiet.yaml", QUIET);
        assertThat(cli.run("eval", "--scenarios", file.toString(), "--out", file.toString()))
                .isEqualTo(2);
        assertThat(cli.err()).contains("is a file; expected a folder");
    }

    @Test
    void eval_exits_2_when_a_required_option_is_missing() {
        assertThat(cli.run("eval", "--out", dir.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("--scenarios");
    }

    private JdbcAuditLog ledgerWithTwoEvents(Path base) {
        JdbcAuditLog log =
                JdbcAuditLog.h2File(
                        base, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        Instant t = Instant.parse("2025-01-06T00:00:00Z");
        log.append(
                new AuditEvent(
                        AuditEventType.CASE_OPENED,
                        "case-1",
                        "core-rtr-02",
                        "agent:autonoc",
                        t,
                        Map.of("mode", "FAN_WEAR")));
        log.append(
                new AuditEvent(
                        AuditEventType.CASE_CLOSED,
                        "case-1",
                        "core-rtr-02",
                        "agent:autonoc",
                        t,
                        Map.of("status", "CLOSED")));
        return log;
    }

    @Test
    void audit_verify_says_ok_for_an_intact_export_and_names_the_first_bad_entry_of_a_tampered_one()
            throws IOException {
        Path export = dir.resolve("trail.jsonl");
        try (JdbcAuditLog log = ledgerWithTwoEvents(dir.resolve("ledger"))) {
            log.exportJsonLines(export);
        }
        // an intact chain with nothing signed is not proof: exit 3 unless unsigned is accepted
        assertThat(cli.run("audit", "verify", export.toString())).isEqualTo(3);
        assertThat(cli.out()).startsWith("UNPROVEN: ").contains("no trust anchor");
        cli.clearOut();
        assertThat(cli.run("audit", "verify", export.toString(), "--allow-unsigned")).isZero();
        assertThat(cli.out()).startsWith("OK (unproven, --allow-unsigned): ").contains("2 entries");

        List<String> lines = Files.readAllLines(export);
        Path tampered = dir.resolve("tampered.jsonl");
        Files.write(
                tampered, List.of(lines.get(0), lines.get(1).replace("CLOSED\"}", "REOPENED\"}")));
        assertThat(cli.run("audit", "verify", tampered.toString())).isEqualTo(1);
        assertThat(cli.out()).contains("BROKEN: ").contains("first bad entry 2");
    }

    @Test
    void audit_verify_reads_an_h2_file_ledger_with_or_without_its_suffix() {
        Path base = dir.resolve("ledger");
        ledgerWithTwoEvents(base).close();
        assertThat(cli.run("audit", "verify", "--db", base.toString(), "--allow-unsigned"))
                .as(cli.err())
                .isZero();
        assertThat(cli.run("audit", "verify", "--db", base + ".mv.db", "--allow-unsigned"))
                .as(cli.err())
                .isZero();
        assertThat(cli.out()).contains("2 entries");
        assertThat(cli.run("audit", "verify", "--db", base.toString())).isEqualTo(3);
    }

    @Test
    void audit_verify_exits_2_for_a_missing_ledger_and_for_neither_or_both_inputs() {
        assertThat(cli.run("audit", "verify", "--db", dir.resolve("absent").toString()))
                .isEqualTo(2);
        assertThat(cli.err()).contains("no H2 ledger at");
        assertThat(dir.resolve("absent.mv.db")).doesNotExist();
        assertThat(cli.run("audit", "verify")).isEqualTo(2);
        assertThat(cli.run("audit", "verify", "--db", "x", "y.jsonl")).isEqualTo(2);
        assertThat(cli.err()).contains("not neither").contains("not both");
    }

    @Test
    void policy_explain_shows_the_decision_and_the_rules_that_fired() {
        int code =
                cli.run(
                        "policy",
                        "explain",
                        "--tool",
                        "order_part",
                        "--cost",
                        "2800",
                        "--element",
                        "core-rtr-02");
        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.out())
                .contains("order_part on core-rtr-02 (ROUTER core, south)")
                .contains("decision: REQUIRE_APPROVAL, by a person with the role noc_operator")
                .contains("order-part-approve-operator");
    }

    @Test
    void policy_explain_exits_2_for_a_read_tool_or_an_unknown_element() {
        assertThat(cli.run("policy", "explain", "--tool", "check_stock")).isEqualTo(2);
        assertThat(cli.err()).contains("not an act tool");
        assertThat(cli.run("policy", "explain", "--tool", "order_part", "--element", "core-rtr-99"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("no element 'core-rtr-99'");
    }

    @Test
    void policy_check_lists_the_rules_of_a_policy_or_says_why_it_is_refused() throws IOException {
        Path good = dir.resolve("good-policy.yaml");
        Files.writeString(good, dev.autonoc.policy.CelPolicyGate.defaultPolicyText());
        assertThat(cli.run("policy", "check", good.toString())).isZero();
        assertThat(cli.out())
                .startsWith("OK: good-policy.yaml (sha256:")
                .contains("order-part-allow-small");
        Path bad = dir.resolve("bad-policy.yaml");
        Files.writeString(bad, "rules: []\n");
        assertThat(cli.run("policy", "check", bad.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("refused: bad-policy.yaml line 1");
    }

    @Test
    void model_train_saves_a_bundle_that_eval_can_run_the_playbook_planner_with()
            throws IOException {
        Path bundle = dir.resolve("model");
        assertThat(
                        cli.run(
                                "model",
                                "train",
                                "--seeds",
                                "1",
                                "--eval-seeds",
                                "0",
                                "--out",
                                bundle.toString()))
                .as(cli.err())
                .isZero();
        assertThat(cli.out()).contains("saved tribuo-");
        dev.autonoc.predictor.ModelBundle saved = dev.autonoc.predictor.ModelBundle.load(bundle);
        assertThat(saved.version()).startsWith("tribuo-");
        // the runs' share of sped-up faults is recorded, and what calibration runs again
        assertThat(saved.training()).containsEntry("speedup_share", 0.0);
        assertThat(ModelTraining.dataOf(saved).speedupShare()).isZero();
        Path file = scenario("quiet.yaml", QUIET);
        int code =
                cli.run(
                        "eval",
                        "--scenarios",
                        file.toString(),
                        "--seeds",
                        "1",
                        "--no-baselines",
                        "--model",
                        bundle.toString(),
                        "--out",
                        dir.resolve("out").toString());
        assertThat(code).as(cli.err() + cli.out()).isIn(0, 1);
        assertThat(dir.resolve("out/report.json")).exists();
        assertThat(
                        cli.run(
                                "eval",
                                "--scenarios",
                                file.toString(),
                                "--model",
                                dir.resolve("absent").toString(),
                                "--out",
                                dir.toString()))
                .isEqualTo(2);
    }

    @Test
    void an_unknown_command_with_help_is_answered_with_the_help_of_the_command_before_it() {
        assertThat(cli.run("twin", "--help")).isZero();
        assertThat(cli.out()).startsWith("Usage: autonoc ").contains("eval").contains("audit");
        assertThat(cli.err()).as("a user asking for help is not told off").isEmpty();
        String rootHelp = cli.out();
        cli.clearOut();
        assertThat(cli.run("--help", "frobnicate")).isZero();
        assertThat(cli.out()).isEqualTo(rootHelp);
        cli.clearOut();
        assertThat(cli.run("audit", "frob", "-h")).isZero();
        assertThat(cli.out()).startsWith("Usage: autonoc audit ").contains("verify");
        assertThat(cli.err()).isEmpty();
        cli.clearOut();
        assertThat(cli.run("audit", "verify", "--help")).isZero();
        assertThat(cli.out()).contains("Usage: autonoc audit verify");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void an_unknown_command_without_help_is_refused_naming_it_and_the_commands() {
        assertThat(cli.run("twin")).isEqualTo(AutonocCli.BAD_INPUT);
        assertThat(cli.out()).as("no help printed for a command that does not exist").isEmpty();
        assertThat(cli.err())
                .isEqualTo(
                        "autonoc: unknown command 'twin'; accepted: eval, audit, model, policy,"
                                + " help (see 'autonoc --help')"
                                + System.lineSeparator());
    }

    @Test
    void every_command_has_help() {
        assertThat(cli.run("--help")).isZero();
        assertThat(cli.out()).contains("eval").contains("audit").contains("model");
        assertThat(cli.run("eval", "--help")).isZero();
        assertThat(cli.out())
                .contains("--scenarios")
                .contains("--seeds")
                .contains("--planner")
                .contains("--out");
        assertThat(cli.out()).contains("compare").contains("generate").contains("--progress");
        assertThat(cli.run("eval", "compare", "--help")).isZero();
        assertThat(cli.out())
                .contains("BASE")
                .contains("NEW")
                .contains("--gate")
                .contains("--json");
        assertThat(cli.run("eval", "generate", "--help")).isZero();
        assertThat(cli.out()).contains("--count").contains("--seed").contains("--seeds");
        assertThat(cli.run("audit", "verify", "--help")).isZero();
        assertThat(cli.out()).contains("--db");
        assertThat(cli.run("model", "train", "--help")).isZero();
        assertThat(cli.out()).contains("--seeds").contains("--eval-seeds");
        assertThat(cli.run("policy", "explain", "--help")).isZero();
        assertThat(cli.out()).contains("--tool").contains("--fact");
    }
}
