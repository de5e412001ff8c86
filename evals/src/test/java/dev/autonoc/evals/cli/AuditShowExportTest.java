package dev.autonoc.evals.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditShowExportTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    @TempDir Path dir;

    private Path db;
    private final InProcessCli cli = InProcessCli.lastRunOnly();

    @BeforeEach
    void aLedgerOfTwoCases() {
        db = dir.resolve("ledger");
        List<AuditEvent> events = new ArrayList<>();
        for (String c : List.of("case-a", "case-b")) {
            String element = c.equals("case-a") ? "rtr-1" : "olt-2";
            int base = c.equals("case-a") ? 0 : 100;
            events.add(
                    event(AuditEventType.CASE_OPENED, c, element, "agent:autonoc", base, Map.of()));
            events.add(
                    event(
                            AuditEventType.POLICY_DECISION,
                            c,
                            element,
                            "agent:autonoc",
                            base + 1,
                            Map.of(
                                    "step",
                                    0L,
                                    "tool",
                                    "order_part",
                                    "effect",
                                    "REQUIRE_APPROVAL",
                                    "arguments",
                                    Map.of("part", "PSU-48V"))));
            events.add(
                    event(
                            AuditEventType.APPROVAL_ANSWERED,
                            c,
                            element,
                            "person:bob",
                            base + 2,
                            Map.of("step", 0L, "tool", "order_part", "verdict", "APPROVED")));
            events.add(
                    event(
                            AuditEventType.POLICY_DECISION,
                            c,
                            element,
                            "agent:autonoc",
                            base + 3,
                            Map.of(
                                    "step",
                                    1L,
                                    "tool",
                                    "notify_customers",
                                    "effect",
                                    "ALLOW",
                                    // a tool named inside the arguments is not the step's tool
                                    "arguments",
                                    Map.of("tool", "order_part"))));
        }
        try (JdbcAuditLog log =
                JdbcAuditLog.h2File(
                        db, Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC))) {
            log.appendAll(events);
        }
    }

    private static AuditEvent event(
            AuditEventType type,
            String caseId,
            String element,
            String actor,
            int minute,
            Map<String, Object> payload) {
        return new AuditEvent(type, caseId, element, actor, T0.plusSeconds(60L * minute), payload);
    }

    private List<String> lines() {
        return cli.out().lines().toList();
    }

    @Test
    void show_by_case_prints_one_line_per_entry_of_that_case_only() {
        int code = cli.run("audit", "show", "--db", db.toString(), "--case", "case-b");

        assertThat(code).as(cli.err()).isZero();
        assertThat(lines()).hasSize(4).allMatch(l -> l.contains("case=case-b"));
        assertThat(lines().get(0)).startsWith("5  2026-03-01T09:40:00Z  CASE_OPENED  case=case-b");
    }

    @Test
    void show_by_tool_and_effect_matches_the_steps_tool_not_a_tool_named_in_its_arguments() {
        int code =
                cli.run(
                        "audit",
                        "show",
                        "--db",
                        db.toString(),
                        "--tool",
                        "order_part",
                        "--effect",
                        "require_approval");

        assertThat(code).as(cli.err()).isZero();
        assertThat(lines()).extracting(l -> l.split(" ")[0]).containsExactly("2", "6");
        assertThat(lines()).allMatch(l -> l.contains("effect=REQUIRE_APPROVAL"));
    }

    @Test
    void show_by_actor_element_type_and_time_range_combines_the_filters() {
        cli.run("audit", "show", "--db", db.toString(), "--actor", "person:bob");
        assertThat(lines()).extracting(l -> l.split(" ")[0]).containsExactly("3", "7");

        cli.run(
                "audit",
                "show",
                "--db",
                db.toString(),
                "--element",
                "rtr-1",
                "--type",
                "POLICY_DECISION");
        assertThat(lines()).extracting(l -> l.split(" ")[0]).containsExactly("2", "4");

        cli.run(
                "audit",
                "show",
                "--db",
                db.toString(),
                "--from",
                "2026-03-01T08:01:00Z",
                "--to",
                "2026-03-01T09:42:00Z");
        assertThat(lines())
                .extracting(l -> l.split(" ")[0])
                .containsExactly("2", "3", "4", "5", "6");
    }

    @Test
    void show_pages_with_after_and_limit_and_says_how_to_get_the_next_page() {
        int code = cli.run("audit", "show", "--db", db.toString(), "--limit", "3");
        assertThat(code).isZero();
        assertThat(lines()).extracting(l -> l.split(" ")[0]).containsExactly("1", "2", "3");
        assertThat(cli.err()).contains("--after 3");

        cli.run("audit", "show", "--db", db.toString(), "--limit", "3", "--after", "3");
        assertThat(lines()).extracting(l -> l.split(" ")[0]).containsExactly("4", "5", "6");

        cli.run("audit", "show", "--db", db.toString(), "--limit", "3", "--after", "6");
        assertThat(lines()).extracting(l -> l.split(" ")[0]).containsExactly("7", "8");
        assertThat(cli.err()).doesNotContain("--after");
    }

    @Test
    void show_reads_an_export_file_the_same_as_the_database() throws IOException {
        Path export = dir.resolve("ledger.jsonl");
        assertThat(cli.run("audit", "export", "--db", db.toString(), "--out", export.toString()))
                .as(cli.err())
                .isZero();

        cli.run("audit", "show", "--db", db.toString(), "--tool", "order_part", "--json");
        String fromDb = cli.out();
        cli.run("audit", "show", export.toString(), "--tool", "order_part", "--json");

        assertThat(cli.out()).isEqualTo(fromDb);
        assertThat(fromDb.lines().toList()).hasSize(4);
        // --json lines are the export's own lines
        assertThat(Files.readAllLines(export)).containsAll(fromDb.lines().toList());
    }

    @Test
    void a_json_lines_export_verifies_alone() {
        Path export = dir.resolve("ledger.jsonl");
        cli.run(
                "audit",
                "export",
                "--db",
                db.toString(),
                "--out",
                export.toString(),
                "--format",
                "jsonl");
        assertThat(cli.out()).contains("wrote 8 entries");

        int code = cli.run("audit", "verify", export.toString(), "--allow-unsigned");

        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.out()).startsWith("OK (unproven, --allow-unsigned): ").contains("8 entries");
    }

    @Test
    void a_csv_export_has_the_documented_header_and_one_row_per_entry() throws IOException {
        Path csv = dir.resolve("ledger.csv");

        int code =
                cli.run(
                        "audit",
                        "export",
                        "--db",
                        db.toString(),
                        "--out",
                        csv.toString(),
                        "--format",
                        "csv");

        assertThat(code).as(cli.err()).isZero();
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0))
                .isEqualTo(
                        "sequence,recorded_at,sim_time,type,correlation_id,element,actor,tool,"
                                + "effect,previous_hash,hash,event_json");
        assertThat(rows).hasSize(9);
        assertThat(rows.get(2))
                .startsWith(
                        "2,2030-01-01T00:00:00Z,2026-03-01T08:01:00Z,POLICY_DECISION,case-a,rtr-1,"
                                + "agent:autonoc,order_part,REQUIRE_APPROVAL,");
        assertThat(cli.run("audit", "verify", csv.toString(), "--allow-unsigned"))
                .as(cli.out())
                .isZero();
        assertThat(cli.out()).startsWith("OK (unproven, --allow-unsigned): ").contains("8 entries");
        // the event JSON holds commas and quotes, so it is quoted with its quotes doubled
        assertThat(rows.get(2))
                .endsWith(
                        "\"{\"\"actor\"\":\"\"agent:autonoc\"\",\"\"correlation_id\"\":\"\"case-a\"\",\"\"element\"\":\"\"rtr-1\"\",\"\"payload\"\":{\"\"arguments\"\":{\"\"part\"\":\"\"PSU-48V\"\"},\"\"effect\"\":\"\"REQUIRE_APPROVAL\"\",\"\"step\"\":0,\"\"tool\"\":\"\"order_part\"\"},\"\"sim_time\"\":\"\"2026-03-01T08:01:00Z\"\",\"\"type\"\":\"\"POLICY_DECISION\"\"}\"");
    }

    @Test
    void show_refuses_a_bad_time_a_bad_limit_and_a_missing_ledger_with_exit_2() {
        assertThat(cli.run("audit", "show", "--db", db.toString(), "--from", "yesterday"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("--from 'yesterday' is not an ISO-8601 UTC instant");

        assertThat(cli.run("audit", "show", "--db", db.toString(), "--limit", "0")).isEqualTo(2);
        assertThat(cli.err()).contains("--limit must be 1..10000");

        assertThat(
                        cli.run(
                                "audit",
                                "show",
                                "--db",
                                db.toString(),
                                "--from",
                                "2026-03-01T09:00:00Z",
                                "--to",
                                "2026-03-01T08:00:00Z"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("the time range is empty");

        assertThat(cli.run("audit", "show", "--db", dir.resolve("nothing").toString()))
                .isEqualTo(2);
        assertThat(cli.err()).contains("no H2 ledger at");
        assertThat(dir.resolve("nothing.mv.db")).doesNotExist();

        assertThat(cli.run("audit", "show")).isEqualTo(2);
        assertThat(cli.err()).contains("give either --db PATH or FILE, not neither");
    }

    @Test
    void export_of_a_missing_ledger_is_refused_with_exit_2() {
        int code =
                cli.run(
                        "audit",
                        "export",
                        "--db",
                        dir.resolve("nothing").toString(),
                        "--out",
                        dir.resolve("x.csv").toString());

        assertThat(code).isEqualTo(2);
        assertThat(cli.err()).contains("no H2 ledger at");
    }
}
