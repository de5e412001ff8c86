package dev.autonoc.core.approval;

/** Who may answer an approval request: the checks every queue applies, in one place. */
public final class ApprovalRules {

    /**
     * Checks that the approver may answer the request and returns the role they answer with.
     *
     * @throws ApprovalException naming the rule the approver breaks
     */
    public static String check(ApprovalRequest request, Approver approver, RoleHierarchy roles) {
        if (Actors.isAgent(approver.name())) {
            throw new ApprovalException("an agent approves nothing: '" + approver.name() + "'");
        }
        if (approver.name().equals(Actors.SYSTEM)) {
            // in the trail 'system' is an expiry: a person answering under it would read as one
            throw new ApprovalException(
                    "'" + Actors.SYSTEM + "' answers only by expiry, never as a person");
        }
        String proposer = request.action().proposer();
        if (Actors.proposedBy(proposer, approver.name())) {
            throw new ApprovalException(
                    "four eyes: '"
                            + approver.name()
                            + "' proposed this action"
                            + (proposer.equals(approver.name()) ? "" : " (as " + proposer + ")")
                            + " and may not answer it");
        }
        String required = request.requiredRole();
        if (!roles.satisfies(approver.roles(), required)) {
            throw new ApprovalException(
                    "'"
                            + approver.name()
                            + "' holds "
                            + approver.roles()
                            + "; this request needs the role '"
                            + required
                            + "' or one that includes it");
        }
        return required;
    }

    private ApprovalRules() {}
}
