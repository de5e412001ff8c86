package dev.autonoc.service.shadow;

import java.time.Instant;
import java.util.Objects;

/**
 * One act the agent would have done, or did: an acting step the gate judged, from its decision in
 * the ledger. A step judged again (after a wait or a retry) counts once, at its first judgement.
 *
 * @param caseId the case the step belongs to
 * @param element the element it acts on
 * @param tool the act tool ({@code order_part}, ...)
 * @param step the step's index in the case
 * @param at when the gate judged it (the agent's time for the act)
 * @param verdict {@code observed} (shadow mode: not run; the policy would have let it run or asked
 *     a person, {@link #policyWould}), {@code allowed} (it ran) or {@code approval} (it waited for
 *     a person)
 * @param policyWould what the policy said, in words: "allow it" or "ask noc_operator"
 * @param arguments the call's arguments, as one line
 */
public record AgentAct(
        String caseId,
        String element,
        String tool,
        int step,
        Instant at,
        String verdict,
        String policyWould,
        String arguments) {

    public static final String OBSERVED = "observed";
    public static final String ALLOWED = "allowed";
    public static final String APPROVAL = "approval";

    public AgentAct {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(policyWould, "policyWould");
        Objects.requireNonNull(arguments, "arguments");
    }
}
