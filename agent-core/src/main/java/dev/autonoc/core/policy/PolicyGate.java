package dev.autonoc.core.policy;

import dev.autonoc.core.tool.ToolResult;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether an acting step may run. The gate sits outside the planner: the loop sends every
 * acting step here, and nothing the gate has not allowed (or a person approved) reaches a tool.
 */
public interface PolicyGate {

    /** The version of the policy in force: a hash of its content. */
    String version();

    Decision evaluate(ActionRequest request);

    /**
     * Tells the gate that an action ran, so that its guards (rate limits, spend, elements under
     * work) count it.
     */
    void recordExecution(ActionRequest request, ToolResult result);

    /**
     * {@link #recordExecution}, with the guards told at once and what makes the record durable
     * returned, for the caller to run before the act's result is written (a gate whose record is a
     * commit: the loop then need not hold its act lock for it; docs/connected-mode.md). A crash
     * before it runs loses the act's result too, and the act is run again under its key and
     * recorded then. The default records at once and leaves nothing to run.
     */
    default Runnable recordExecutionDeferred(ActionRequest request, ToolResult result) {
        recordExecution(request, result);
        return () -> {};
    }

    /**
     * Whether a DENY this gate gave rests only on the moment: on what the gate counts or reads
     * besides the request (its guards' counts, the calendar), so that the same action may be
     * allowed later, once other work in the region is done or the day is over. A denial on the
     * action's own merits (an order too large, an engineer without the skill) is not. The loop
     * pauses an action denied for the moment rather than ruling it out for the case. A gate that
     * cannot tell says no: the action is ruled out, as before.
     */
    default boolean deniedForTheMoment(Decision decision) {
        return false;
    }

    /**
     * Whether this gate denies every call of {@code tool}, whatever its arguments, element and
     * moment: no rule of the policy in force allows it or asks a person for it. A planner then does
     * not count on such a call later, above all on an undo (a visit moved by booking the new one
     * first was left standing twice when the policy allowed no cancel). A gate that cannot tell
     * says no.
     */
    default boolean refusesAlways(String tool) {
        return false;
    }

    /**
     * When a denial of the moment ({@link #deniedForTheMoment}) given at {@code at} is sure to be
     * over, if the gate knows: a rule that counts the day's act calls denies until the day ends,
     * and asking again within the hour only meets the same count. Empty when the gate cannot say
     * (other work in the region, a calendar: the loop's own pause, longer each time, then applies)
     * and for any decision that is not a denial of the moment.
     */
    default Optional<Instant> deniedUntil(Decision decision, Instant at) {
        return Optional.empty();
    }

    /**
     * Whether a REQUIRE_APPROVAL this gate gave asks only because of the moment (the element's data
     * cannot be trusted now, the day's spend is high), so that a person's refusal answers that
     * question and not the action itself: once the gate no longer asks it (the data are fresh
     * again), the same action may go ahead. The loop then pauses the action rather than ruling it
     * out, and does not put the same question to a person again while the gate still asks it. A
     * gate that cannot tell says no: a refusal rules the action out, as before.
     */
    default boolean askedForTheMoment(Decision decision) {
        return false;
    }
}
