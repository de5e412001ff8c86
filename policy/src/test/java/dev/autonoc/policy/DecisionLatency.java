package dev.autonoc.policy;

import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.tool.ToolNames;
import java.util.List;

/**
 * Not a test: prints the mean time of one decision of the default policy, over a mix of requests.
 * Run after {@code mvn -pl policy install}:
 *
 * <pre>
 * mvn -q -pl policy dependency:build-classpath -Dmdep.outputFile=/tmp/policy-cp.txt
 * java -cp policy/target/test-classes:policy/target/classes:$(cat /tmp/policy-cp.txt) \
 *     dev.autonoc.policy.DecisionLatency
 * </pre>
 */
final class DecisionLatency {

    private DecisionLatency() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        CelPolicyGate gate = CelPolicyGate.defaultPolicy();
        List<ActionRequest> mix =
                List.of(
                        Requests.of(ToolNames.ORDER_PART).cost(1200).arg("part", "PSU").build(),
                        Requests.of(ToolNames.DISPATCH_ENGINEER)
                                .cost(300)
                                .fact("in_shift", true)
                                .fact("engineer_has_skill", true)
                                .build(),
                        Requests.of(ToolNames.REROUTE_TRAFFIC)
                                .fact("max_utilization_after", 0.85)
                                .fact("slices_breached", 0)
                                .fact("sites_isolated", 0)
                                .build(),
                        Requests.of(ToolNames.RESTART_ELEMENT)
                                .fact("traffic_moved", true)
                                .at(3, 0)
                                .build(),
                        Requests.of(ToolNames.APPLY_SLA_CREDIT)
                                .cost(100)
                                .arg("amount_gbp", 100)
                                .fact("credit_per_customer", 100)
                                .build());
        for (ActionRequest r : mix) {
            gate.recordExecution(r, Requests.succeeded(10));
        }
        long sink = 0;
        for (int i = 0; i < 200_000; i++) {
            sink += gate.evaluate(mix.get(i % mix.size())).reasons().size();
        }
        // CPU time of this thread as well as wall time: on a shared, loaded machine the wall time
        // also counts the time the thread waited for a core
        java.lang.management.ThreadMXBean threads =
                java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink += gate.evaluate(mix.get(i % mix.size())).reasons().size();
        }
        long elapsed = System.nanoTime() - start;
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        System.out.printf(
                "%d decisions of the default policy (%d rules): mean %.1f us wall, %.1f us CPU per"
                        + " decision (sink %d)%n",
                n, gate.ruleIds().size(), elapsed / 1000.0 / n, cpu / 1000.0 / n, sink);
    }
}
