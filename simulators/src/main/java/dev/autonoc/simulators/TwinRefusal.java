package dev.autonoc.simulators;

/**
 * The twin refuses a request that cannot be carried out; nothing happened. A refusal on the merits
 * (no stock, engineer booked or away) and an invalid request (an unknown engineer, an element that
 * is not at the site named) are told apart, as a real OSS tells a 409 from a 400: the OSS/BSS
 * clients turn them into a REFUSED or an INVALID {@code OssException} of their API.
 */
final class TwinRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean invalid;

    TwinRefusal(String message) {
        this(message, false);
    }

    private TwinRefusal(String message, boolean invalid) {
        super(message);
        this.invalid = invalid;
    }

    /** A request that names what does not exist or does not fit: a bug of the caller. */
    static TwinRefusal invalid(String message) {
        return new TwinRefusal(message, true);
    }

    boolean isInvalid() {
        return invalid;
    }
}
