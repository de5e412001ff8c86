package dev.autonoc.core.loop;

import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import java.util.Objects;

/**
 * What putting an action before the gate came to: cleared to run, refused, parked for a person, or
 * not put to a person who already refused the same question. Only an {@link Allowed} carries what
 * {@link GatedToolCalls#execute} needs to run the tool.
 */
public sealed interface Gated permits Gated.Allowed, Gated.Denied, Gated.Parked, Gated.Refused {

    /** The decision the gate made (for a parked action, the one the approval request carries). */
    Decision decision();

    /** The gate allowed the action, or a person's answer covers it: it may run. */
    record Allowed(GatedToolCalls.Clearance clearance) implements Gated {
        public Allowed {
            Objects.requireNonNull(clearance, "clearance");
        }

        @Override
        public Decision decision() {
            return clearance.decision();
        }
    }

    /** The policy refused the action; it never runs. */
    record Denied(ActionRequest action, Decision decision) implements Gated {
        public Denied {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(decision, "decision");
        }
    }

    /** The action waits in the approval queue for a person with the required role. */
    record Parked(ApprovalRequest approval) implements Gated {
        public Parked {
            Objects.requireNonNull(approval, "approval");
        }

        @Override
        public Decision decision() {
            return approval.decision();
        }
    }

    /**
     * The gate asked for an approval that a person already refused for the same reasons, which
     * still hold ({@link GatedToolCalls#propose(ActionRequest, java.util.function.Function)}): the
     * action is not put to them again, and does not run.
     *
     * @param earlier the refusal that still answers the question
     */
    record Refused(ActionRequest action, Decision decision, GatedToolCalls.Answered earlier)
            implements Gated {
        public Refused {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(earlier, "earlier");
        }
    }
}
