package dev.autonoc.core.approval;

/** An answer that may not be given: wrong role, four eyes, unknown or already answered request. */
public class ApprovalException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public ApprovalException(String message) {
        super(message);
    }
}
