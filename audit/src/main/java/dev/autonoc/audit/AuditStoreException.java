package dev.autonoc.audit;

/**
 * The ledger's database failed or holds something it cannot read. An append that throws this has
 * not been recorded (its transaction was rolled back); the caller may retry it.
 */
public final class AuditStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    AuditStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
