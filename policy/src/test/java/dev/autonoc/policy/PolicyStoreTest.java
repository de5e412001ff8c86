package dev.autonoc.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.core.tool.ToolNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloading a policy: validated completely first, the old one kept in force on a bad file. */
class PolicyStoreTest {

    @TempDir Path dir;

    private static final String STRICT =
            CelPolicyGate.defaultPolicyText()
                    .replace("condition: cost <= 1000.0", "condition: cost <= 100.0");

    private final PolicyStore store = PolicyStore.withDefaultPolicy();
    private final CelPolicyGate gate = CelPolicyGate.over(store);

    private Decision order(double cost) {
        return gate.evaluate(Requests.of(ToolNames.ORDER_PART).cost(cost).build());
    }

    @Test
    void a_new_file_takes_effect_at_the_next_decision_which_names_its_version() throws IOException {
        String before = store.currentVersion();
        assertThat(order(500).effect()).isEqualTo(Effect.ALLOW);

        String after = store.replace(Files.writeString(dir.resolve("strict.yaml"), STRICT));

        assertThat(after).isNotEqualTo(before).isEqualTo(store.currentVersion());
        Decision d = order(500);
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.policyVersion()).isEqualTo(after);
        assertThat(gate.version()).isEqualTo(after);
        assertThat(gate.policyName()).isEqualTo("strict.yaml");
    }

    @Test
    void a_refused_file_names_file_and_line_and_leaves_the_old_version_in_force()
            throws IOException {
        String before = store.currentVersion();
        Path bad =
                Files.writeString(
                        dir.resolve("bad.yaml"), STRICT.replace("[order_part]", "[order_prt]"));

        assertThatThrownBy(() -> store.replace(bad))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("bad.yaml line ")
                .hasMessageContaining("unknown tool 'order_prt'");

        assertThat(store.currentVersion()).isEqualTo(before);
        assertThat(store.versions()).hasSize(1);
        assertThat(order(500).effect()).isEqualTo(Effect.ALLOW);
        assertThat(order(500).policyVersion()).isEqualTo(before);
    }

    @Test
    void a_file_with_a_shadowed_rule_is_refused_and_the_old_version_stays() {
        String shadowing =
                STRICT
                        + """
                          - id: freeze-orders
                            match: {tools: [order_part]}
                            effect: DENY
                            message: no orders during the freeze
                        """;
        assertThatThrownBy(() -> store.replaceWithText("freeze.yaml", shadowing))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("rule 'order-part-allow-small' (ALLOW) can never decide");
        assertThat(store.currentVersion()).isEqualTo(CelPolicyGate.defaultPolicy().version());
    }

    @Test
    void a_file_that_cannot_be_read_leaves_the_old_version_in_force() {
        String before = store.currentVersion();
        assertThatThrownBy(() -> store.replace(dir.resolve("missing.yaml")))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(store.currentVersion()).isEqualTo(before);
    }

    @Test
    void keeps_every_version_by_content_hash_and_can_roll_back() {
        String first = store.currentVersion();
        String second = store.replaceWithText("strict.yaml", STRICT);

        assertThat(store.versions())
                .extracting(PolicyStore.Version::version)
                .containsExactly(first, second);
        assertThat(store.version(second).orElseThrow().text()).isEqualTo(STRICT);
        assertThat(second)
                .isEqualTo(
                        PolicyLoader.version(
                                STRICT.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        store.activate(first);
        assertThat(order(500).effect()).isEqualTo(Effect.ALLOW);
        assertThat(order(500).policyVersion()).isEqualTo(first);

        // the same bytes again: the kept version comes back, no second copy
        assertThat(store.replaceWithText("strict-again.yaml", STRICT)).isEqualTo(second);
        assertThat(store.versions()).hasSize(2);
        assertThat(order(500).effect()).isEqualTo(Effect.DENY);
    }

    @Test
    void refuses_to_activate_a_version_it_never_loaded() {
        assertThatThrownBy(() -> store.activate("sha256:00"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no policy version sha256:00 is kept");
    }

    @Test
    void checks_a_new_file_against_the_stores_roles() {
        PolicyStore withoutOperators =
                PolicyStore.load(
                        writeUnchecked(
                                "strict.yaml", STRICT.replace("noc_operator", "noc_supervisor")),
                        new RoleHierarchy(java.util.Map.of("noc_supervisor", java.util.List.of())));
        assertThatThrownBy(() -> withoutOperators.replaceWithText("default.yaml", STRICT))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("unknown role 'noc_operator'");
    }

    private Path writeUnchecked(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
