package dev.autonoc.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.service.security.ApiToken.Audience;
import dev.autonoc.service.store.Sha256;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiTokensTest {

    private final SignInGuardTest.Moving clock = new SignInGuardTest.Moving();
    private final TokenRows rows = TokenRows.inMemory();
    private final ApiTokens tokens = new ApiTokens(rows, clock, TokenProperties.DEFAULTS);

    @Test
    void a_token_is_kept_as_its_hash_only_and_authenticates_until_it_is_revoked() {
        ApiTokens.Created made = tokens.create("alice", "grafana", Audience.API, Optional.empty());

        assertThat(made.secret()).startsWith("anc_").hasSize(4 + 43);
        ApiToken kept = rows.all().get(0);
        assertThat(kept.hash()).isEqualTo(Sha256.hex(made.secret())).doesNotContain(made.secret());
        assertThat(kept.hint()).isEqualTo(made.secret().substring(0, 8));
        assertThat(tokens.authenticate(made.secret()))
                .hasValueSatisfying(t -> assertThat(t.user()).isEqualTo("alice"));
        assertThat(tokens.authenticate(made.secret() + "x")).isEmpty();
        assertThat(tokens.authenticate("anc_" + "A".repeat(43))).isEmpty();

        assertThat(tokens.revoke(kept.id(), "alice")).isPresent();
        assertThat(tokens.authenticate(made.secret())).isEmpty();
        assertThat(tokens.revoke(kept.id(), "alice")).as("once").isEmpty();
        // a restart reads the revocation back
        assertThat(new ApiTokens(rows, clock, TokenProperties.DEFAULTS).authenticate(made.secret()))
                .isEmpty();
    }

    @Test
    void a_token_ends_on_its_date() {
        ApiTokens.Created made =
                tokens.create("alice", "ci", Audience.MCP, Optional.of(Duration.ofDays(1)));
        clock.plus(Duration.ofHours(23));
        assertThat(tokens.authenticate(made.secret())).isPresent();
        clock.plus(Duration.ofHours(1));
        assertThat(tokens.authenticate(made.secret())).isEmpty();
    }

    @Test
    void labels_lifetimes_and_the_number_of_tokens_are_bounded() {
        assertThatThrownBy(() -> tokens.create("alice", " ", Audience.API, Optional.empty()))
                .hasMessageContaining("label");
        assertThatThrownBy(
                        () ->
                                tokens.create(
                                        "alice", "x".repeat(101), Audience.API, Optional.empty()))
                .hasMessageContaining("label");
        assertThatThrownBy(
                        () ->
                                tokens.create(
                                        "alice",
                                        "x",
                                        Audience.API,
                                        Optional.of(Duration.ofDays(400))))
                .hasMessageContaining("lifetime")
                .hasMessageContaining("PT8784H");
        for (int i = 0; i < ApiTokens.MAX_ACTIVE_PER_USER; i++) {
            tokens.create("bob", "t" + i, Audience.API, Optional.empty());
        }
        assertThatThrownBy(() -> tokens.create("bob", "one more", Audience.API, Optional.empty()))
                .hasMessageContaining("revoke one first");
    }

    @Test
    void last_use_is_noted_at_most_once_a_minute() {
        ApiTokens.Created made = tokens.create("alice", "x", Audience.API, Optional.empty());
        tokens.authenticate(made.secret());
        var first = rows.all().get(0).lastUsedAt();
        clock.plus(Duration.ofSeconds(30));
        tokens.authenticate(made.secret());
        assertThat(rows.all().get(0).lastUsedAt()).isEqualTo(first);
        clock.plus(Duration.ofSeconds(31));
        tokens.authenticate(made.secret());
        assertThat(rows.all().get(0).lastUsedAt()).isNotEqualTo(first);
    }
}
