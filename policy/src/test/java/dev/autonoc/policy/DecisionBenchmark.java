package dev.autonoc.policy;

import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.tool.ToolNames;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Not a test (surefire never runs it): the time of one decision of the default policy plus 50
 * generated rules ({@link ExtraRules}), beside the same default table as a hand-written Java {@code
 * if} chain ({@link HandWrittenDefaultPolicy}). Both take the guards' counters from a {@link
 * GuardState} and decide the same mix of requests (order_part, dispatch_engineer, reroute_traffic,
 * restart_element, apply_sla_credit, open_ticket), so the difference is the rules as data. Sample
 * time gives p50 and p99. Run after {@code mvn -pl policy install}:
 *
 * <pre>
 * mvn -B -q -o dependency:build-classpath -pl policy -Dmdep.outputFile=/tmp/policy-cp.txt
 * java -cp policy/target/test-classes:policy/target/classes:$(cat /tmp/policy-cp.txt) \
 *     org.openjdk.jmh.Main DecisionBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecisionBenchmark {

    private CelPolicyGate cel;
    private Policy celAlone;
    private HandWrittenDefaultPolicy hand;
    private GuardState guards;
    private List<ActionRequest> mix;
    private int next;

    @Setup
    public void setUp() {
        cel = CelPolicyGate.fromText("default-plus-50.yaml", ExtraRules.defaultPlus(50));
        hand = new HandWrittenDefaultPolicy(cel.version());
        celAlone = cel.store().current().celOnly();
        guards = new GuardState();
        mix =
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
                                .build(),
                        Requests.of(ToolNames.OPEN_TICKET).build());
        for (ActionRequest r : mix) {
            cel.recordExecution(r, Requests.succeeded(10));
            guards.record(r, Requests.succeeded(10));
        }
        for (ActionRequest r : mix) {
            Decision a = cel.evaluate(r);
            Decision b = hand.decide("d", r, guards.historyAt(r));
            if (a.effect() != b.effect() || !a.ruleIds().equals(b.ruleIds())) {
                throw new IllegalStateException("the two disagree on " + r + ": " + a + " / " + b);
            }
        }
    }

    private ActionRequest nextRequest() {
        ActionRequest r = mix.get(next);
        next = next + 1 == mix.size() ? 0 : next + 1;
        return r;
    }

    @Benchmark
    public Decision celDefaultPlus50() {
        return cel.evaluate(nextRequest());
    }

    /**
     * The same decision with every condition and message part evaluated by CEL's interpreter, none
     * by its direct form ({@link DirectExpressions}): what the direct forms save.
     */
    @Benchmark
    public Decision celInterpreterOnly() {
        ActionRequest r = nextRequest();
        return CelPolicyGate.evaluate(celAlone, "dec-000001", r, guards.historyAt(r)).decision();
    }

    /** The part of a CEL decision spent binding the variables (the rest is the rules). */
    @Benchmark
    public Object celBindingOnly() {
        ActionRequest r = nextRequest();
        return PolicyVariables.of(r, guards.historyAt(r), PolicyData.EMPTY);
    }

    @Benchmark
    public Decision handWrittenIfChain() {
        ActionRequest r = nextRequest();
        return hand.decide("dec-000001", r, guards.historyAt(r));
    }
}
