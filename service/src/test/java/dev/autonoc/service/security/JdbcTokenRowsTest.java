package dev.autonoc.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.service.security.ApiToken.Audience;
import dev.autonoc.service.store.ServiceDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The tokens in the service's database, migrated with its other tables, on H2 and (when {@code
 * AUTONOC_TEST_POSTGRES_URL} names a server) PostgreSQL: made, revoked and used as the service
 * does, and read back by a new process the same.
 */
class JdbcTokenRowsTest {

    @Test
    void tokens_survive_a_restart_revoked_and_used_on_h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:tokens-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        roundTrip(h2);
    }

    @Test
    void tokens_survive_a_restart_revoked_and_used_on_postgresql() throws Exception {
        String url = System.getenv("AUTONOC_TEST_POSTGRES_URL");
        Assumptions.assumeTrue(
                url != null && !url.isBlank(), "AUTONOC_TEST_POSTGRES_URL is not set");
        String schema =
                "tokens_test_" + ProcessHandle.current().pid() + "_" + (System.nanoTime() % 100000);
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL(url);
        try (Connection c = admin.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setCurrentSchema(schema);
        try {
            roundTrip(ds);
        } finally {
            try (Connection c = admin.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static void roundTrip(DataSource ds) {
        ServiceDatabase.open(ds); // migrates, V3 the tokens' table among them
        SignInGuardTest.Moving clock = new SignInGuardTest.Moving();
        ApiTokens tokens = new ApiTokens(new JdbcTokenRows(ds), clock, TokenProperties.DEFAULTS);
        ApiTokens.Created kept = tokens.create("alice", "grafana", Audience.API, Optional.empty());
        ApiTokens.Created revoked =
                tokens.create("alice", "old ci", Audience.MCP, Optional.of(Duration.ofDays(7)));
        tokens.revoke(revoked.token().id(), "supervisor");
        tokens.authenticate(kept.secret());

        ApiTokens again = new ApiTokens(new JdbcTokenRows(ds), clock, TokenProperties.DEFAULTS);
        assertThat(again.authenticate(kept.secret())).isPresent();
        assertThat(again.authenticate(revoked.secret())).isEmpty();
        ApiToken old = again.find(revoked.token().id()).orElseThrow();
        assertThat(old.revokedBy()).hasValue("supervisor");
        assertThat(old.audience()).isEqualTo(Audience.MCP);
        assertThat(old.expiresAt()).isEqualTo(clock.now.plus(Duration.ofDays(7)));
        assertThat(again.find(kept.token().id()).orElseThrow().lastUsedAt()).hasValue(clock.now);
        assertThat(again.of("alice"))
                .extracting(ApiToken::label)
                .containsExactly("grafana", "old ci");
    }
}
