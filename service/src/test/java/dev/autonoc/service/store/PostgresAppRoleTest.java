package dev.autonoc.service.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.CaseId;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalQueueContract;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStoreContract;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolResult;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The service as a restricted application role on PostgreSQL: the owner migrates the schema and
 * calls {@code audit_grant_app_role} and {@code service_grant_app_role}; the role then opens the
 * ledger and the service's tables (it sees them up to date and migrates nothing), passes
 * agent-core's approval-queue contract, saves cases, worlds, the journal and policy versions, and
 * may not delete, truncate, create tables or grant itself more.
 */
@AddLifecycleHook(PostgresOnly.class)
class PostgresAppRoleTest extends ApprovalQueueContract {

    private static DataSource owner;
    private static PGSimpleDataSource app;
    private static String role;

    // jqwik reads no JUnit conditions (PostgresOnly skips its properties); this skips the @Tests
    @BeforeEach
    void onlyWithPostgres() {
        TestDatabases.assumePostgres();
    }

    /** The schema migrated by its owner, once, and the role granted what the service needs. */
    private static synchronized DataSource asApp() {
        if (app == null) {
            TestDatabases.assumePostgres();
            owner = TestDatabases.postgres();
            String schema = ((PGSimpleDataSource) owner).getCurrentSchema();
            JdbcAuditLog.open(owner, Clock.systemUTC()).close();
            ServiceDatabase.open(owner);
            role = schema + "_app";
            TestDatabases.execute(owner, "DROP ROLE IF EXISTS " + role);
            TestDatabases.execute(owner, "CREATE ROLE " + role + " LOGIN");
            TestDatabases.execute(owner, "SELECT audit_grant_app_role('" + role + "')");
            TestDatabases.execute(owner, "SELECT service_grant_app_role('" + role + "')");
            // Jupiter runs the @Tests and jqwik the properties, each with its own after-all hook
            // that may come before the other's tests: the role goes when the JVM does
            String granted = role;
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(
                                    () -> {
                                        TestDatabases.execute(owner, "DROP OWNED BY " + granted);
                                        TestDatabases.execute(owner, "DROP ROLE " + granted);
                                    }));
            app = new PGSimpleDataSource();
            app.setURL(System.getenv(TestDatabases.POSTGRES_URL));
            app.setUser(role);
            app.setCurrentSchema(schema);
        }
        return app;
    }

    /**
     * The contract's empty queue: emptied by the owner (the role may not delete), used by the role.
     */
    @Override
    protected ApprovalQueue newQueue(RoleHierarchy roles) {
        DataSource ds = asApp();
        TestDatabases.execute(owner, "DELETE FROM service_approval");
        return JdbcApprovalQueue.open(ServiceDatabase.open(ds), roles);
    }

    @Test
    void the_role_opens_the_ledger_and_the_service_tables_and_saves_every_kind_of_state() {
        DataSource ds = asApp();
        try (JdbcAuditLog ledger = JdbcAuditLog.open(ds, Clock.systemUTC())) {
            assertThat(ledger.verify().intact()).isTrue();
        }
        ServiceDatabase db = ServiceDatabase.open(ds);
        Instant t = Instant.parse("2025-01-06T00:00:00Z");

        WorldStore worlds = new WorldStore(db);
        String worldId = worlds.freshId("20250106-000000");
        worlds.begin(worldId, "sha256:spec", "{}", t, Instant.now());
        worlds.reached(worldId, t.plusSeconds(300));
        ToolCall call = ToolCall.of("get_element", Map.of("element_id", "core-rtr-01"));
        worlds.journal(
                worldId,
                t.plusSeconds(300),
                new ToolInvocation(call, new IdempotencyKey("case-1/0/1"), "agent:autonoc"));
        assertThat(worlds.current().orElseThrow().simTime()).isEqualTo(t.plusSeconds(300));
        assertThat(worlds.journal(worldId)).hasSize(1);

        JdbcCaseStore cases = JdbcCaseStore.open(db, worldId);
        List<CaseRecord> saves =
                CaseStoreContract.caseRecords(Arbitraries.just("case-1")).list().ofSize(2).sample();
        saves.forEach(cases::save); // an insert, then an update
        assertThat(JdbcCaseStore.open(db, worldId).all()).containsExactly(saves.get(1));

        GateMemory gate = new GateMemory(db, worldId);
        GateMemory.Execution told =
                new GateMemory.Execution(
                        new ActionRequest(
                                new CaseId("case-1"),
                                0,
                                ToolCall.of(
                                        "notify_customers",
                                        Map.of("element_id", "core-rtr-01", "message", "m")),
                                new Estimate(0.0, Risk.LOW, Map.of()),
                                new Element(
                                        ElementId.of("core-rtr-01"),
                                        ElementKind.ROUTER,
                                        "core",
                                        "north",
                                        "site-01"),
                                t,
                                "agent:autonoc",
                                Optional.empty()),
                        ToolResult.succeeded(Map.of("sent", 1L), "sent"));
        assertThat(gate.remember(told)).isTrue();
        assertThat(gate.recall()).containsExactly(told);

        PolicyVersions policies = new PolicyVersions(db);
        policies.keep(
                new PolicyVersions.Kept("sha256:v1", "default.yaml", "rules: []", "system", t));
        policies.activated(
                new PolicyVersions.Activation("sha256:v1", Optional.empty(), "start", "system", t));
        assertThat(policies.inForce().orElseThrow().version()).isEqualTo("sha256:v1");

        // API tokens (V3, granted by V4's function): kept, revoked, their use noted
        TestDatabases.execute(
                ds,
                "INSERT INTO service_api_token (id, user_name, label, audience, token_hash, hint,"
                        + " created_at, expires_at) VALUES ('tok-1', 'alice', 'ci', 'api', '"
                        + "0".repeat(64)
                        + "', 'anc_AbCd', now(), now() + interval '1 day')");
        TestDatabases.execute(
                ds,
                "UPDATE service_api_token SET revoked_at = now(), revoked_by = 'alice',"
                        + " last_used_at = now() WHERE id = 'tok-1'");
    }

    @Test
    void the_role_may_not_delete_truncate_create_or_grant() {
        DataSource ds = asApp();
        for (String sql :
                List.of(
                        "DELETE FROM service_case",
                        "DELETE FROM service_approval",
                        "DELETE FROM service_tool_journal",
                        "DELETE FROM service_api_token",
                        "DELETE FROM service_gate_execution",
                        "TRUNCATE service_world",
                        "TRUNCATE service_policy_activation",
                        "DELETE FROM service_schema_history",
                        "SELECT service_grant_app_role('" + role + "')")) {
            assertThatThrownBy(() -> TestDatabases.execute(ds, sql))
                    .as(sql)
                    .hasMessageContaining("permission denied");
        }
        assertThatThrownBy(() -> TestDatabases.execute(ds, "CREATE TABLE service_x (id INT)"))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> TestDatabases.execute(ds, "DROP TABLE service_case"))
                .hasMessageContaining("must be owner");
    }
}
