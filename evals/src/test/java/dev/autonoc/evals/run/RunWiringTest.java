package dev.autonoc.evals.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunWiringTest {

    private static Connection open(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:mem:" + database + ";IFEXISTS=TRUE", "sa", "");
    }

    @Test
    void each_run_gets_its_own_ledger_and_its_database_is_dropped_when_the_run_ends()
            throws SQLException {
        RunWiring.Ledger first = RunWiring.ledger("fan-wear-core-router", "oracle", 7);
        RunWiring.Ledger second = RunWiring.ledger("fan-wear-core-router", "oracle", 7);
        assertThat(first.database()).isNotEqualTo(second.database());
        first.log()
                .append(
                        new AuditEvent(
                                AuditEventType.CASE_OPENED,
                                "case-1",
                                "core-rtr-02",
                                "agent:autonoc",
                                Instant.parse("2025-01-06T00:00:00Z"),
                                Map.of()));
        assertThat(second.log().entries()).isEmpty();
        try (Connection c = open(first.database())) {
            assertThat(c.isValid(1)).isTrue();
        }
        first.close();
        second.close();
        assertThatThrownBy(() -> open(first.database()).close()).isInstanceOf(SQLException.class);
    }

    @Test
    void a_database_name_stays_within_what_h2_accepts_for_a_long_scenario_id() {
        String longId = "a".repeat(200);
        try (RunWiring.Ledger ledger = RunWiring.ledger(longId, "playbook", 123456789)) {
            assertThat(ledger.database()).hasSizeLessThanOrEqualTo(100).matches("[a-z0-9_-]+");
        }
    }

    @Test
    void the_warm_up_ledger_is_no_runs_and_its_database_is_gone_once_closed() throws SQLException {
        RunWiring.Ledger warm = RunWiring.warmUpLedger();
        RunWiring.Ledger run = RunWiring.ledger("warm-up", "playbook", 1);
        // a run's ledger is named by its counter, the warm-up's apart: they never meet
        assertThat(warm.database()).startsWith("evals-warm-up-");
        assertThat(run.database()).matches("evals-[0-9]+-playbook-1-warm-up");
        try (Connection c = open(warm.database())) {
            assertThat(c.isValid(1)).isTrue();
        }
        warm.close();
        assertThatThrownBy(() -> open(warm.database()).close()).isInstanceOf(SQLException.class);
        try (Connection c = open(run.database())) {
            assertThat(c.isValid(1)).isTrue(); // the run's own database is untouched
        }
        run.close();
    }
}
