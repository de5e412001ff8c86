package dev.autonoc.core.loop;

import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import java.util.Objects;

/**
 * What putting an action before the gate came to: cleared to run, refused, or parked for a person.
 * Only an {@link Allowed} carries what {@link GatedToolCalls#execute} needs to run the tool.
 */
public sealed interface Gated permits Gated.Allowed, Gated.Denied, Gated.Parked {

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
}
