package dev.autonoc.service.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.policy.CelPolicyGate;
import dev.autonoc.policy.PolicyLoadException;
import dev.autonoc.policy.PolicyStore;
import dev.autonoc.service.store.InMemoryState;
import dev.autonoc.service.store.PolicyVersions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Policy changes made durable: each upload and activation kept in the database and in the ledger
 * before it is done, a refused file leaving no trace, and a start putting back what was in force.
 */
class PolicyChangesTest {

    private static final Instant SIM = Instant.parse("2025-01-07T10:00:00Z");
    private static final Clock WALL =
            Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC);
    private static final String DEFAULT = CelPolicyGate.defaultPolicyText();
    private static final String SECOND = DEFAULT + "\n# second\n";

    private final InMemoryState state = new InMemoryState("policy-changes", WALL);
    private final JdbcAuditLog ledger = state.ledger();
    private final PolicyVersions versions = new PolicyVersions(state.db());

    @AfterEach
    void close() {
        state.close();
    }

    private List<Map<String, Object>> policyEvents() {
        return state.events(AuditEventType.POLICY_CHANGED).stream()
                .map(e -> Map.<String, Object>of("actor", e.actor(), "payload", e.payload()))
                .toList();
    }

    /** A {@code POLICY_CHANGED} event as {@link #policyEvents} lists it. */
    private static Map<String, Object> change(
            String actor, String action, String oldVersion, String newVersion, String file) {
        return Map.of(
                "actor",
                actor,
                "payload",
                Map.of(
                        "action", action,
                        "old_version", oldVersion,
                        "new_version", newVersion,
                        "file_name", file));
    }

    /** The policy store a start builds from the configured default file. */
    private static PolicyStore configured(RoleHierarchy roles) {
        return CelPolicyGate.fromText("default.yaml", DEFAULT, roles).store();
    }

    /** What a start at {@code sim} puts back into {@code store}. */
    private PolicyChanges restore(PolicyStore store, Instant sim) {
        return PolicyChanges.restore(store, versions, ledger, WALL, sim);
    }

    @Test
    void an_upload_and_a_rollback_are_kept_with_who_and_when_and_logged_before_they_return() {
        PolicyStore store = configured(RoleHierarchy.operatorDefault());
        PolicyChanges changes = restore(store, SIM);
        String first = store.currentVersion();

        String second = changes.upload("second.yaml", SECOND, "sam", SIM.plusSeconds(60));
        changes.activate(first, "sam", SIM.plusSeconds(120));

        assertThat(store.currentVersion()).isEqualTo(first);
        assertThat(versions.kept())
                .extracting(PolicyVersions.Kept::version, PolicyVersions.Kept::keptBy)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(first, "system"),
                        org.assertj.core.groups.Tuple.tuple(second, "sam"));
        assertThat(versions.activations())
                .extracting(PolicyVersions.Activation::action, PolicyVersions.Activation::version)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("start", first),
                        org.assertj.core.groups.Tuple.tuple("upload", second),
                        org.assertj.core.groups.Tuple.tuple("activate", first));
        assertThat(policyEvents())
                .containsExactly(
                        change("system", "start", "", first, "default.yaml"),
                        change("sam", "upload", first, second, "second.yaml"),
                        change("sam", "activate", second, first, "default.yaml"));
    }

    @Test
    void a_refused_file_changes_nothing_and_leaves_no_trace() {
        PolicyStore store = configured(RoleHierarchy.operatorDefault());
        PolicyChanges changes = restore(store, SIM);
        String first = store.currentVersion();
        int events = policyEvents().size();

        assertThatThrownBy(() -> changes.upload("bad.yaml", "rules: [", "sam", SIM))
                .isInstanceOf(PolicyLoadException.class);
        assertThatThrownBy(() -> changes.activate("sha256:0000", "sam", SIM))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(store.currentVersion()).isEqualTo(first);
        assertThat(versions.kept()).hasSize(1);
        assertThat(versions.activations()).hasSize(1);
        assertThat(policyEvents()).hasSize(events);
    }

    @Test
    void a_start_puts_back_every_kept_version_and_the_one_in_force_without_a_new_event() {
        PolicyStore before = configured(RoleHierarchy.operatorDefault());
        String second = restore(before, SIM).upload("second.yaml", SECOND, "sam", SIM);
        int events = policyEvents().size();

        PolicyStore after = configured(RoleHierarchy.operatorDefault());
        restore(after, SIM.plusSeconds(3600));

        assertThat(after.currentVersion()).isEqualTo(second);
        assertThat(after.versions())
                .extracting(PolicyStore.Version::version)
                .containsExactlyInAnyOrderElementsOf(
                        before.versions().stream().map(PolicyStore.Version::version).toList());
        assertThat(after.version(second).orElseThrow().name()).isEqualTo("second.yaml");
        assertThat(policyEvents()).as("a restart changes no policy").hasSize(events);
    }

    @Test
    void a_kept_version_the_engine_refuses_now_is_left_out_and_the_configured_one_is_in_force() {
        RoleHierarchy withLead =
                new RoleHierarchy(
                        Map.of(
                                "noc_lead", List.of("noc_supervisor"),
                                "noc_supervisor", List.of("noc_operator")));
        PolicyStore before = configured(withLead);
        String lead =
                restore(before, SIM)
                        .upload(
                                "lead.yaml",
                                DEFAULT.replace("role: noc_supervisor", "role: noc_lead"),
                                "sam",
                                SIM);

        PolicyStore after = configured(RoleHierarchy.operatorDefault());
        PolicyChanges changes = restore(after, SIM);

        assertThat(changes.refusedAtStart()).containsExactly(lead);
        assertThat(after.version(lead)).isEmpty();
        assertThat(after.currentVersion()).isNotEqualTo(lead);
        assertThat(policyEvents().get(policyEvents().size() - 1))
                .as("the fall-back is a change, in the ledger")
                .isEqualTo(change("system", "start", lead, after.currentVersion(), "default.yaml"));
    }
}
