package dev.autonoc.service.connected;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.policy.CelPolicyGate;
import dev.autonoc.service.simulation.DurablePolicyGate;
import dev.autonoc.service.store.GateMemory;
import dev.autonoc.service.store.ServiceDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The policy gate's guards of instances that share a network count the network's executions, not
 * each instance's (docs/connected-mode.md, "Several instances"): two instances' gates on one
 * database, each over its own connections and its own policy engine, as two {@code ./autonoc serve}
 * processes have them.
 */
class NetworkPolicyGateTest {

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final Instant NOON = Instant.parse("2026-12-07T12:00:00Z");
    private static final Element ROUTER =
            new Element(
                    ElementId.of("core-rtr-02"), ElementKind.ROUTER, "core", "north", "north-1");

    /** Orders are allowed until the day's spend reaches 1,000 GBP; then they are denied. */
    private static final String POLICY =
            """
            apiVersion: autonoc.dev/v1
            kind: Policy
            rules:
              - id: orders-allow
                match: {tools: [order_part]}
                effect: ALLOW
                message: orders are fine
              - id: daily-budget
                match: {tools: ["*"]}
                condition: "history.spend_today >= 1000.0"
                effect: DENY
                message: "today's spend is ${history.spend_today} GBP, the network's budget is 1000 GBP a day"
            """;

    @Test
    @EnabledIfEnvironmentVariable(named = "AUTONOC_TEST_POSTGRES_URL", matches = ".+")
    void a_budget_two_instances_pass_together_refuses_the_second_on_postgres() {
        String schema = freshSchema();
        budgetIsTheNetworks(postgres(schema), postgres(schema));
    }

    @Test
    void a_budget_two_instances_pass_together_refuses_the_second_on_h2() {
        String url = "jdbc:h2:mem:network-gate-" + COUNT.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        budgetIsTheNetworks(h2(url), h2(url));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "AUTONOC_TEST_POSTGRES_URL", matches = ".+")
    void executions_recorded_at_once_by_two_instances_are_each_counted_once_by_both()
            throws Exception {
        String schema = freshSchema();
        String network = "net-" + COUNT.incrementAndGet();
        PolicyGate a = gate(ServiceDatabase.open(postgres(schema)), network);
        PolicyGate b = gate(ServiceDatabase.open(postgres(schema)), network);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                PolicyGate g = t % 2 == 0 ? a : b;
                int thread = t;
                done.add(
                        pool.submit(
                                (Callable<Void>)
                                        () -> {
                                            for (int i = 0; i < 10; i++) {
                                                g.recordExecution(
                                                        order("case-" + thread, i), spent(24.0));
                                                g.evaluate(order("case-x", 99));
                                            }
                                            return null;
                                        }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        // 40 orders of 24 GBP = 960: one more of 24 is still allowed on both, and then the budget
        // is reached on both
        assertThat(a.evaluate(order("case-y", 1)).effect()).isEqualTo(Effect.ALLOW);
        assertThat(b.evaluate(order("case-y", 1)).effect()).isEqualTo(Effect.ALLOW);
        b.recordExecution(order("case-y", 1), spent(40.0));
        assertThat(a.evaluate(order("case-z", 1)).ruleIds()).containsExactly("daily-budget");
        assertThat(a.evaluate(order("case-z", 1)).reasons().get(0)).contains("spend is 1000 GBP");
    }

    @Test
    void an_execution_told_ahead_of_its_record_counts_once_here_and_on_the_others_once_kept() {
        String url = "jdbc:h2:mem:network-gate-" + COUNT.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        String network = "net-" + COUNT.incrementAndGet();
        PolicyGate a = gate(ServiceDatabase.open(h2(url)), network);
        PolicyGate b = gate(ServiceDatabase.open(h2(url)), network);

        Runnable keep = a.recordExecutionDeferred(order("case-live-node-a-0001", 2), spent(600.0));
        Runnable keepAgain =
                a.recordExecutionDeferred(order("case-live-node-a-0002", 2), spent(300.0));
        assertThat(a.evaluate(order("case-x", 1)).effect())
                .as("900 spent: one more order may go")
                .isEqualTo(Effect.ALLOW);
        ActionRequest third = order("case-live-node-a-0003", 2);
        a.recordExecutionDeferred(third, spent(100.0)).run();
        assertThat(a.evaluate(order("case-x", 1)).ruleIds())
                .as("900 told ahead and 100 kept: counted once each")
                .containsExactly("daily-budget");
        assertThat(b.evaluate(order("case-y", 1)).effect())
                .as("another instance counts only what is kept: 100")
                .isEqualTo(Effect.ALLOW);

        keep.run();
        keepAgain.run();
        assertThat(b.evaluate(order("case-y", 1)).reasons())
                .containsExactly(
                        "today's spend is 1000 GBP, the network's budget is 1000 GBP a day");
        assertThat(a.evaluate(order("case-x", 1)).reasons())
                .as("the records coming back from the table are not counted again")
                .containsExactly(
                        "today's spend is 1000 GBP, the network's budget is 1000 GBP a day");
        a.recordExecution(third, spent(100.0));
        assertThat(
                        gate(ServiceDatabase.open(h2(url)), network)
                                .evaluate(order("case-z", 1))
                                .reasons())
                .as("a restarted instance: each kept once")
                .containsExactly(
                        "today's spend is 1000 GBP, the network's budget is 1000 GBP a day");
    }

    private static void budgetIsTheNetworks(DataSource first, DataSource second) {
        String network = "net-" + COUNT.incrementAndGet();
        PolicyGate a = gate(ServiceDatabase.open(first), network);
        PolicyGate b = gate(ServiceDatabase.open(second), network);
        // what a gate counting its own instance's executions alone would allow
        PolicyGate alone =
                new DurablePolicyGate(
                        CelPolicyGate.fromText("budget.yaml", POLICY),
                        new GateMemory(ServiceDatabase.open(second), network + "-alone"));

        ActionRequest first600 = order("case-live-node-a-0001", 2);
        assertThat(a.evaluate(first600).effect()).isEqualTo(Effect.ALLOW);
        a.recordExecution(first600, spent(600.0));

        ActionRequest second600 = order("case-live-node-b-0001", 2);
        assertThat(b.evaluate(second600).effect())
                .as("600 GBP spent on the network: one more order may go")
                .isEqualTo(Effect.ALLOW);
        b.recordExecution(second600, spent(600.0));
        alone.recordExecution(second600, spent(600.0));

        ActionRequest third = order("case-live-node-b-0002", 2);
        Decision refused = b.evaluate(third);
        assertThat(refused.effect()).isEqualTo(Effect.DENY);
        assertThat(refused.ruleIds()).containsExactly("daily-budget");
        assertThat(refused.reasons())
                .containsExactly(
                        "today's spend is 1200 GBP, the network's budget is 1000 GBP a day");
        assertThat(a.evaluate(order("case-live-node-a-0002", 2)).ruleIds())
                .as("and on the first instance, which spent 600 of it")
                .containsExactly("daily-budget");
        assertThat(alone.evaluate(third).effect())
                .as("an instance counting its own executions alone would have let it go")
                .isEqualTo(Effect.ALLOW);

        // a step told twice (run again under its key) counts once, wherever it is told
        a.recordExecution(second600, spent(600.0));
        PolicyGate restarted = gate(ServiceDatabase.open(first), network);
        assertThat(restarted.evaluate(third).reasons())
                .containsExactly(
                        "today's spend is 1200 GBP, the network's budget is 1000 GBP a day");
    }

    private static PolicyGate gate(ServiceDatabase db, String network) {
        return new NetworkPolicyGate(
                CelPolicyGate.fromText("budget.yaml", POLICY), new GateMemory(db, network));
    }

    private static ActionRequest order(String caseId, int step) {
        return new ActionRequest(
                new CaseId(caseId),
                step,
                ToolCall.of("order_part", Map.of("element_id", "core-rtr-02", "part", "FAN-TRAY")),
                new Estimate(600.0, Risk.LOW, Map.of("cost", 600.0)),
                ROUTER,
                NOON,
                "agent:autonoc",
                Optional.empty());
    }

    private static ToolResult spent(double gbp) {
        return new ToolResult(
                ToolResult.Outcome.SUCCEEDED,
                Map.of("order_id", "PO-1"),
                "ordered",
                Optional.empty(),
                gbp);
    }

    private static DataSource h2(String url) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser("sa");
        return h2;
    }

    private static String freshSchema() {
        String schema =
                "network_gate_" + ProcessHandle.current().pid() + "_" + COUNT.incrementAndGet();
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL(System.getenv("AUTONOC_TEST_POSTGRES_URL"));
        try (Connection c = admin.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return schema;
    }

    private static DataSource postgres(String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(System.getenv("AUTONOC_TEST_POSTGRES_URL"));
        ds.setCurrentSchema(schema);
        return ds;
    }
}
