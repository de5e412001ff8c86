package dev.autonoc.tools.oss;

/**
 * TMF681 Communication: messages to customers.
 *
 * <p>Idempotent at the edge: a message sent twice under the same idempotency key is sent once and
 * the second call returns the first answer (also when the first answer was lost).
 */
public interface Communication {

    String API = "TMF681";

    /**
     * Sends the message to every customer of the element (its consumers and the enterprise
     * customers of its slices, as {@link ServiceImpact#customers()} counts them). An unknown
     * element is a refusal ({@link OssException}, not retriable).
     */
    CommunicationMessage notifyCustomers(String resourceId, String content, String idempotencyKey);
}
