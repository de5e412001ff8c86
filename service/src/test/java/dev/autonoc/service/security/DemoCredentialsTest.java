package dev.autonoc.service.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The finding: with a {@code prod} profile, an extra config location or a PostgreSQL datasource,
 * {@code operator/operator} and the other demo logins still worked, with nothing logged.
 */
class DemoCredentialsTest {

    private static MockEnvironment demo() {
        return new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:h2:file:./data/autonoc;WRITE_DELAY=0")
                .withProperty("autonoc.security.users[0].name", "operator")
                .withProperty("autonoc.security.users[0].password", "{noop}operator")
                .withProperty("autonoc.security.users[0].roles[0]", "noc_operator");
    }

    @Test
    void the_demo_users_start_on_the_embedded_default() {
        assertThatCode(() -> DemoCredentials.check(demo())).doesNotThrowAnyException();
    }

    @Test
    void
            a_postgresql_datasource_with_demo_users_is_refused_naming_the_setting_without_its_secrets() {
        MockEnvironment env =
                demo().withProperty(
                                "spring.datasource.url",
                                "jdbc:postgresql://db.example:5432/noc?user=app&password=s3cret");
        assertThatThrownBy(() -> DemoCredentials.check(env))
                .isInstanceOf(DemoCredentials.Refused.class)
                .hasMessageContaining(
                        "autonoc.security.users[0] ('operator') has a plain-text password")
                .hasMessageContaining(
                        "spring.datasource.url is 'jdbc:postgresql://db.example:5432/noc (parameters not shown)'")
                .satisfies(
                        e ->
                                org.assertj.core.api.Assertions.assertThat(e.getMessage())
                                        .doesNotContain("s3cret"));
    }

    @Test
    void a_profile_or_an_extra_configuration_with_demo_users_is_refused() {
        MockEnvironment prod = demo();
        prod.setActiveProfiles("prod");
        assertThatThrownBy(() -> DemoCredentials.check(prod))
                .hasMessageContaining("the profile [prod] is active");
        MockEnvironment extra =
                demo().withProperty("spring.config.additional-location", "/etc/autonoc/");
        assertThatThrownBy(() -> DemoCredentials.check(extra))
                .hasMessageContaining("spring.config.additional-location is '/etc/autonoc/'");
    }

    @Test
    void demo_users_in_connected_mode_are_refused_even_on_the_embedded_h2_database() {
        MockEnvironment connected = demo().withProperty("autonoc.mode", "connected");

        assertThatThrownBy(() -> DemoCredentials.check(connected))
                .hasMessageContaining("autonoc.mode is 'connected'")
                .hasMessageContaining("a plain-text password");
        assertThatCode(() -> DemoCredentials.check(demo().withProperty("autonoc.mode", "embedded")))
                .doesNotThrowAnyException();
    }

    @Test
    void hashed_passwords_start_anywhere_and_basic_auth_only_on_the_embedded_default() {
        MockEnvironment real =
                demo().withProperty(
                                "autonoc.security.users[0].password",
                                "{bcrypt}$2a$10$7EqJtq98hPqEX7fNZaFWoO5xyz5q3v7Jqk9t9s8e1Q7cJ9xv1n5xW")
                        .withProperty("spring.datasource.url", "jdbc:postgresql://db.example/noc");
        assertThatCode(() -> DemoCredentials.check(real)).doesNotThrowAnyException();
        real.withProperty("autonoc.security.basic-auth.enabled", "true");
        assertThatThrownBy(() -> DemoCredentials.check(real))
                .hasMessageContaining("autonoc.security.basic-auth.enabled is true");
    }
}
