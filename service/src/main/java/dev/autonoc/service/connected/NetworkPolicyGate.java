package dev.autonoc.service.connected;

import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.ForwardingPolicyGate;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.service.store.GateMemory;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy gate of an instance that shares its network with others (docs/connected-mode.md,
 * "Several instances"): its guards (a day's spend, calls per element, elements under work) count
 * every execution on the network, whichever instance ran it, so that a limit is the network's and
 * not each instance's.
 *
 * <p>The guards are told of executions only from the shared table ({@link GateMemory}), in the
 * table's order: an execution this instance ran is kept there first (once per case and step), and
 * before each decision the gate reads what was kept since it last looked, its own and the others'
 * (one indexed query, usually of nothing). On PostgreSQL the table's numbers follow the order of
 * commits (the inserts are serialised by an advisory lock), so reading on from the last number seen
 * misses nothing. A decision counts every execution committed before it started; two instances
 * deciding at the same moment can each allow an act that together pass a limit by one act, as two
 * decisions of one instance's loop and its MCP server could not.
 */
final class NetworkPolicyGate extends ForwardingPolicyGate {

    private static final Logger log = LoggerFactory.getLogger(NetworkPolicyGate.class);

    private final GateMemory memory;
    private long seen;
    // executions this instance told the guards of before their record was kept: skipped when the
    // record comes back from the table, so that each is counted once
    private final Set<String> toldAhead = new HashSet<>();

    /** Tells {@code gate} every execution the network's memory holds, then wraps it. */
    NetworkPolicyGate(PolicyGate gate, GateMemory memory) {
        super(gate);
        this.memory = Objects.requireNonNull(memory, "memory");
        int told = catchUp();
        if (told > 0) {
            log.info("the policy gate's guards were told of {} execution(s) on the network", told);
        }
    }

    @Override
    public synchronized Decision evaluate(ActionRequest request) {
        catchUp();
        return delegate().evaluate(request);
    }

    /**
     * The guards are told at once, and the record is kept in the shared table by what this returns
     * (the loop runs it before it writes the act's result: docs/connected-mode.md, "The act lock").
     * When the record comes back from the table (this instance's {@link #catchUp}), it is not told
     * again. Other instances count it once it is kept, as they count any record once it is
     * committed. An act run again under its key after a crash is recorded with {@link
     * #recordExecution} (the table knows whether it was counted already), not with this.
     */
    @Override
    public synchronized Runnable recordExecutionDeferred(ActionRequest request, ToolResult result) {
        String key = keyOf(request);
        delegate().recordExecution(request, result);
        toldAhead.add(key);
        GateMemory.Execution execution = new GateMemory.Execution(request, result);
        return () -> {
            if (!memory.remember(execution)) {
                log.debug("{} was counted already (run again under its key)", key);
            }
        };
    }

    private static String keyOf(ActionRequest request) {
        return request.caseId().value() + "/" + request.step();
    }

    @Override
    public synchronized void recordExecution(ActionRequest request, ToolResult result) {
        if (!memory.remember(new GateMemory.Execution(request, result))) {
            log.debug(
                    "{} step {} was counted already (run again under its key)",
                    request.caseId(),
                    request.step());
        }
        catchUp();
    }

    /** Tells the guards what the network kept since the last look; how many. */
    private synchronized int catchUp() {
        int n = 0;
        for (GateMemory.Kept k : memory.since(seen)) {
            if (toldAhead.remove(keyOf(k.execution().request()))) {
                seen = k.seq(); // told when it ran (recordExecutionDeferred)
                continue;
            }
            delegate().recordExecution(k.execution().request(), k.execution().result());
            seen = k.seq();
            n++;
        }
        return n;
    }
}
