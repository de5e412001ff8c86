package dev.autonoc.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.service.security.ApiToken.Audience;
import dev.autonoc.service.store.ServiceDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Personal API tokens of instances that share one database (connected mode's several instances):
 * each instance's desk over its own connections, as two {@code ./autonoc serve} processes have
 * them. A token made on one signs in on the other at once; one revoked on one stops signing in on
 * the other within {@code autonoc.security.tokens.refresh}.
 */
class SharedTokensTest {

    private static final Duration REFRESH = Duration.ofSeconds(5);

    @Test
    @EnabledIfEnvironmentVariable(named = "AUTONOC_TEST_POSTGRES_URL", matches = ".+")
    void a_token_made_on_one_instance_signs_in_on_another_until_revoked_there_on_postgres()
            throws Exception {
        String url = System.getenv("AUTONOC_TEST_POSTGRES_URL");
        String schema = "shared_tokens_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL(url);
        try (Connection c = admin.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        try {
            tokensAreTheDatabases(postgres(url, schema), postgres(url, schema));
        } finally {
            try (Connection c = admin.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void a_token_made_on_one_instance_signs_in_on_another_until_revoked_there_on_h2() {
        String url = "jdbc:h2:mem:shared-tokens-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        tokensAreTheDatabases(h2(url), h2(url));
    }

    @Test
    void secrets_unknown_to_the_database_are_looked_up_at_a_bounded_rate() {
        AtomicLong nanos = new AtomicLong();
        AtomicLong lookups = new AtomicLong();
        TokenRows counting =
                new TokenRows() {
                    private final TokenRows rows = TokenRows.inMemory();

                    @Override
                    public java.util.List<ApiToken> all() {
                        return rows.all();
                    }

                    @Override
                    public Optional<ApiToken> byHash(String hash) {
                        lookups.incrementAndGet();
                        return rows.byHash(hash);
                    }

                    @Override
                    public void insert(ApiToken token) {
                        rows.insert(token);
                    }

                    @Override
                    public boolean revoke(String id, String by, java.time.Instant at) {
                        return rows.revoke(id, by, at);
                    }

                    @Override
                    public void used(String id, java.time.Instant at) {
                        rows.used(id, at);
                    }
                };
        ApiTokens desk =
                new ApiTokens(
                        counting,
                        new SignInGuardTest.Moving(),
                        new TokenProperties(null, null, REFRESH),
                        nanos::get);
        for (int i = 0; i < 1000; i++) {
            assertThat(desk.authenticate("anc_guess" + i)).isEmpty();
        }
        assertThat(lookups.get()).isEqualTo(ApiTokens.MISS_LOOKUPS_PER_SECOND);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        desk.authenticate("anc_one-more-guess");
        assertThat(lookups.get()).isEqualTo(ApiTokens.MISS_LOOKUPS_PER_SECOND + 1);
    }

    private static void tokensAreTheDatabases(DataSource first, DataSource second) {
        ServiceDatabase.open(first); // migrates, V3 the tokens' table among them
        SignInGuardTest.Moving clock = new SignInGuardTest.Moving();
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        TokenProperties settings = new TokenProperties(null, null, REFRESH);
        ApiTokens a = new ApiTokens(new JdbcTokenRows(first), clock, settings, nanos::get);
        ApiTokens b = new ApiTokens(new JdbcTokenRows(second), clock, settings, nanos::get);

        ApiTokens.Created made = a.create("alice", "grafana", Audience.API, Optional.empty());
        assertThat(b.authenticate(made.secret()))
                .as("made on the first instance, it signs in on the second at once")
                .hasValueSatisfying(t -> assertThat(t.user()).isEqualTo("alice"));
        assertThat(b.of("alice")).extracting(ApiToken::label).containsExactly("grafana");

        // revoked through the second instance, where it was not made
        assertThat(b.revoke(made.token().id(), "supervisor")).isPresent();
        assertThat(b.authenticate(made.secret())).as("at once where revoked").isEmpty();
        nanos.addAndGet(REFRESH.toNanos() - 1);
        assertThat(a.authenticate(made.secret()))
                .as("the first instance trusts what it read for the refresh time at most")
                .isPresent();
        nanos.addAndGet(1);
        assertThat(a.authenticate(made.secret()))
                .as("and refuses it once the refresh time has passed")
                .isEmpty();
        assertThat(a.find(made.token().id()).orElseThrow().revokedBy()).hasValue("supervisor");
        assertThat(a.revoke(made.token().id(), "alice")).as("revoked once").isEmpty();

        // the limit of active tokens is the user's, whichever instance counts
        for (int i = 0; i < ApiTokens.MAX_ACTIVE_PER_USER; i++) {
            (i % 2 == 0 ? a : b).create("bob", "t" + i, Audience.API, Optional.empty());
        }
        assertThat(a.of("bob")).hasSize(ApiTokens.MAX_ACTIVE_PER_USER);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> b.create("bob", "one more", Audience.API, Optional.empty()))
                .hasMessageContaining("revoke one first");
    }

    private static DataSource h2(String url) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser("sa");
        return h2;
    }

    private static DataSource postgres(String url, String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setCurrentSchema(schema);
        return ds;
    }
}
