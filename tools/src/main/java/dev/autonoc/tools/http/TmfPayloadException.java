package dev.autonoc.tools.http;

import java.util.Objects;

/**
 * A TMF payload that does not say what it must: names the field that was wrong and what it accepts.
 * An HTTP façade answers it with 400 and a problem detail; a client that receives a malformed
 * answer treats it as a failure of the far side.
 */
public final class TmfPayloadException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String accepted;

    public TmfPayloadException(String field, String problem, String accepted) {
        super(
                Objects.requireNonNull(field, "field")
                        + ": "
                        + Objects.requireNonNull(problem, "problem")
                        + "; accepted: "
                        + Objects.requireNonNull(accepted, "accepted"));
        this.field = field;
        this.accepted = accepted;
    }

    /** The JSON path of the field ({@code productOrderItem[0].product.productCharacteristic}). */
    public String field() {
        return field;
    }

    /** What the field accepts, for people. */
    public String accepted() {
        return accepted;
    }
}
