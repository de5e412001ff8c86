package dev.autonoc.service.connected;

import java.util.List;
import java.util.Objects;

/**
 * Why a message was refused and sent to the dead-letter topic.
 *
 * @param code a short, stable name of the kind of fault (counted by it): {@code malformed}, {@code
 *     key-mismatch}, {@code unknown-element}, {@code metric-not-reported}, {@code future}
 * @param detail what was wrong and what is accepted, for the person who reads the dead letter
 */
record Rejection(String code, String detail) {

    static final String MALFORMED = "malformed";
    static final String KEY_MISMATCH = "key-mismatch";
    static final String UNKNOWN_ELEMENT = "unknown-element";
    static final String METRIC_NOT_REPORTED = "metric-not-reported";
    static final String FUTURE = "future";

    /** Every code, in the order above. */
    static final List<String> CODES =
            List.of(MALFORMED, KEY_MISMATCH, UNKNOWN_ELEMENT, METRIC_NOT_REPORTED, FUTURE);

    Rejection {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }

    static Rejection malformed(String detail) {
        return new Rejection(MALFORMED, detail);
    }

    @Override
    public String toString() {
        return code + ": " + detail;
    }
}
