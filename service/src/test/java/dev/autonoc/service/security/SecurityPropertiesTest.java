package dev.autonoc.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SecurityPropertiesTest {

    private static SecurityProperties users(SecurityProperties.User... users) {
        return new SecurityProperties(List.of(users), null);
    }

    @Test
    void the_demo_users_are_accepted() {
        assertThatCode(
                        () ->
                                users(
                                                new SecurityProperties.User(
                                                        "operator",
                                                        "{noop}operator",
                                                        List.of("noc_operator")),
                                                new SecurityProperties.User(
                                                        "auditor",
                                                        "{noop}auditor",
                                                        List.of("auditor")))
                                        .check())
                .doesNotThrowAnyException();
    }

    @Test
    void an_unknown_role_names_the_known_ones() {
        assertThatThrownBy(
                        () ->
                                users(
                                                new SecurityProperties.User(
                                                        "bob", "{noop}x", List.of("admin")))
                                        .check())
                .hasMessageContaining("unknown role 'admin'")
                .hasMessageContaining("[auditor, mcp_client, noc_operator, noc_supervisor]");
    }

    @Test
    void a_password_without_its_encoding_prefix_is_refused() {
        assertThatThrownBy(
                        () ->
                                users(
                                                new SecurityProperties.User(
                                                        "bob", "secret", List.of("auditor")))
                                        .check())
                .hasMessageContaining("{bcrypt}");
    }

    @Test
    void nobody_signs_in_under_an_agents_name() {
        assertThatThrownBy(
                        () ->
                                users(
                                                new SecurityProperties.User(
                                                        "agent:autonoc",
                                                        "{noop}x",
                                                        List.of("noc_supervisor")))
                                        .check())
                .hasMessageContaining("agent");
    }

    @Test
    void nobody_signs_in_as_the_system() {
        // 'system' in the ledger is an expiry: a person under that name would blur who answered
        assertThatThrownBy(
                        () ->
                                users(
                                                new SecurityProperties.User(
                                                        "system",
                                                        "{noop}x",
                                                        List.of("noc_supervisor")))
                                        .check())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("users[0]")
                .hasMessageContaining("'system'");
    }

    @Test
    void a_configured_hierarchy_replaces_the_default() {
        SecurityProperties settings =
                new SecurityProperties(
                        List.of(
                                new SecurityProperties.User(
                                        "lead", "{noop}x", List.of("noc_lead"))),
                        Map.of(
                                "noc_lead",
                                List.of("noc_supervisor"),
                                "noc_supervisor",
                                List.of("noc_operator")));

        assertThatCode(settings::check).doesNotThrowAnyException();
        assertThat(settings.hierarchy().satisfies(Set.of("noc_lead"), "noc_operator")).isTrue();
    }

    @Test
    void role_names_with_underscores_bind_from_configuration_in_brackets() {
        MapConfigurationPropertySource source =
                new MapConfigurationPropertySource(
                        Map.of(
                                "autonoc.security.users[0].name", "lead",
                                "autonoc.security.users[0].password", "{noop}x",
                                "autonoc.security.users[0].roles[0]", "noc_lead",
                                "autonoc.security.role-includes[noc_lead][0]", "noc_supervisor",
                                "autonoc.security.role-includes[noc_supervisor][0]",
                                        "noc_operator"));

        SecurityProperties settings =
                new Binder(source).bind("autonoc.security", SecurityProperties.class).get();

        assertThat(settings.roleIncludes()).containsKeys("noc_lead", "noc_supervisor");
        assertThat(settings.users().get(0).roles()).containsExactly("noc_lead");
        assertThatCode(settings::check).doesNotThrowAnyException();
    }
}
