package dev.autonoc.tools.oss;

import dev.autonoc.core.tool.ToolResult.Outcome;
import java.util.Objects;

/**
 * A failure of the far side of an OSS/BSS client, grouped by what the caller should do ({@link
 * #outcome()}): unavailable (nothing happened, try again later as a new attempt), a time-out (the
 * effect may have happened: retry with the same idempotency key), a refusal on the merits (no
 * stock, engineer already booked: plan around it) or an invalid request (an unknown id: a bug).
 */
public class OssException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String api;
    private final Outcome outcome;

    /**
     * @param api the TMF API that failed ({@code TMF622})
     * @param message what went wrong, for people and the audit trail
     * @param outcome what the failure means for the caller; never {@link Outcome#SUCCEEDED}
     */
    public OssException(String api, String message, Outcome outcome) {
        this(api, message, outcome, null);
    }

    public OssException(String api, String message, Outcome outcome, Throwable cause) {
        super(
                Objects.requireNonNull(api, "api")
                        + ": "
                        + Objects.requireNonNull(message, "message"),
                cause);
        this.api = api;
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        if (outcome == Outcome.SUCCEEDED) {
            throw new IllegalArgumentException("a failure cannot have the outcome SUCCEEDED");
        }
    }

    /** The far side did not act and may later (unavailable, throttled, connection refused). */
    public static OssException unavailable(String api, String message) {
        return new OssException(api, message, Outcome.TRANSIENT);
    }

    /** A time-out or an error after the far side may have acted. */
    public static OssException timeout(String api, String message) {
        return new OssException(api, message, Outcome.UNCERTAIN);
    }

    /** A definite refusal on the merits: nothing happened. */
    public static OssException refused(String api, String message) {
        return new OssException(api, message, Outcome.REFUSED);
    }

    /** The request names something that does not exist, or is malformed: nothing happened. */
    public static OssException invalid(String api, String message) {
        return new OssException(api, message, Outcome.INVALID);
    }

    public String api() {
        return api;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** Whether the same call may succeed later. */
    public boolean retriable() {
        return outcome.worthRetrying();
    }
}
