package dev.autonoc.simulators;

/**
 * The twin refuses a request that cannot be carried out (no stock, engineer booked, unknown
 * element); nothing happened. The OSS/BSS clients turn it into a non-retriable {@code OssException}
 * of their API.
 */
final class TwinRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TwinRefusal(String message) {
        super(message);
    }
}
