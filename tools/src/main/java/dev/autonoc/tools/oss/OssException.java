package dev.autonoc.tools.oss;

import java.util.Objects;

/**
 * A failure of the far side of an OSS/BSS client, grouped by what the caller should do: a
 * {@linkplain #retriable() retriable} one (a time-out, a dropped connection, a 5xx) may or may not
 * have had its effect and is retried with the same idempotency key; a refusal (no stock, unknown
 * element, engineer already booked) had no effect and needs a changed call.
 */
public class OssException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String api;
    private final boolean retriable;

    /**
     * @param api the TMF API that failed ({@code TMF622})
     * @param message what went wrong, for people and the audit trail
     * @param retriable whether the same call, with the same key, may succeed later
     */
    public OssException(String api, String message, boolean retriable) {
        this(api, message, retriable, null);
    }

    public OssException(String api, String message, boolean retriable, Throwable cause) {
        super(
                Objects.requireNonNull(api, "api")
                        + ": "
                        + Objects.requireNonNull(message, "message"),
                cause);
        this.api = api;
        this.retriable = retriable;
    }

    /** A time-out or transient error: the effect may or may not have happened. */
    public static OssException timeout(String api, String message) {
        return new OssException(api, message, true);
    }

    /** A definite refusal: nothing happened. */
    public static OssException refused(String api, String message) {
        return new OssException(api, message, false);
    }

    public String api() {
        return api;
    }

    public boolean retriable() {
        return retriable;
    }
}
