package dev.autonoc.policy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Not a test: prints how long loading and validating a 200-rule policy takes (the default policy
 * plus 176 generated rules), after a few loads to warm up: with no expression seen before (a first
 * load), for the same file again (a reload), and with one condition edited. Run after {@code mvn
 * -pl policy install}:
 *
 * <pre>
 * mvn -B -q -o dependency:build-classpath -pl policy -Dmdep.outputFile=/tmp/policy-cp.txt
 * java -cp policy/target/test-classes:policy/target/classes:$(cat /tmp/policy-cp.txt) \
 *     dev.autonoc.policy.LoadSpeed [RULES [LOADS]]
 * </pre>
 */
final class LoadSpeed {

    private LoadSpeed() {}

    public static void main(String[] args) {
        int rules = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int defaults = CelPolicyGate.defaultPolicy().ruleIds().size();
        String text = ExtraRules.defaultPlus(rules - defaults);
        PolicyExpressions.forgetCompiledExpressions();
        long coldStart = System.nanoTime();
        int loaded = CelPolicyGate.fromText("load-speed.yaml", text).ruleIds().size();
        long cold = System.nanoTime() - coldStart;
        for (int i = 0; i < 3; i++) {
            PolicyExpressions.forgetCompiledExpressions();
            CelPolicyGate.fromText("load-speed.yaml", text);
        }
        System.out.printf(
                "load and validate %d rules: first %.0f ms (cold JVM)%n", loaded, cold / 1e6);
        measure("no expression seen before", text, runs, true);
        measure("the same file again (a reload)", text, runs, false);
        String edited = text.replace("cost > 1000.0", "cost > 1000.5");
        measure("the file with one condition edited", edited, runs, false);
    }

    private static void measure(String what, String text, int runs, boolean forget) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        long total = 0;
        long cpuTotal = 0;
        for (int i = 0; i < runs; i++) {
            if (forget) {
                PolicyExpressions.forgetCompiledExpressions();
            }
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            CelPolicyGate.fromText("load-speed.yaml", text);
            long t = System.nanoTime() - start;
            cpuTotal += threads.getCurrentThreadCpuTime() - cpu;
            best = Math.min(best, t);
            total += t;
        }
        System.out.printf(
                "  %s: over %d loads mean %.1f ms wall, %.1f ms CPU, best %.1f ms wall%n",
                what, runs, total / 1e6 / runs, cpuTotal / 1e6 / runs, best / 1e6);
    }
}
