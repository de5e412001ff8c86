package dev.autonoc.service.simulation;

import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.ForwardingPolicyGate;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.service.store.GateMemory;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy gate with a memory that outlives the process: every execution the gate is told of
 * ({@link #recordExecution}, by the loop and the MCP gateway alike) is kept in the world's {@link
 * GateMemory} before the gate's guards count it, and a new gate over the same world is told them
 * all again when it is built. So the guards (a day's spend, calls per element, elements under work)
 * count after a restart exactly what they counted before it, from what they were told rather than
 * from a reconstruction of it.
 *
 * <p>An execution of a case's step that the memory holds already is not counted again: a step run
 * again under its key after a crash (the gate had been told, the case was not saved yet) is the
 * same call, which the twin answered without a second effect.
 */
public final class DurablePolicyGate extends ForwardingPolicyGate {

    private static final Logger log = LoggerFactory.getLogger(DurablePolicyGate.class);

    private final GateMemory memory;

    /** Tells {@code gate} every execution {@code memory} holds, in order, then wraps it. */
    public DurablePolicyGate(PolicyGate gate, GateMemory memory) {
        super(gate);
        this.memory = Objects.requireNonNull(memory, "memory");
        List<GateMemory.Execution> kept = memory.recall();
        kept.forEach(e -> delegate().recordExecution(e.request(), e.result()));
        if (!kept.isEmpty()) {
            log.info(
                    "the policy gate's guards were told again of {} earlier execution(s)",
                    kept.size());
        }
    }

    @Override
    public void recordExecution(ActionRequest request, ToolResult result) {
        if (memory.remember(new GateMemory.Execution(request, result))) {
            delegate().recordExecution(request, result);
        } else {
            log.debug(
                    "{} step {} was counted already (run again under its key after a restart)",
                    request.caseId(),
                    request.step());
        }
    }
}
