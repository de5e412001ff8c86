package dev.autonoc.tools.oss;

import java.time.Instant;
import java.util.Objects;

/**
 * TMF681 CommunicationMessage, as sent to the customers of an element.
 *
 * @param externalId the idempotency key it was sent under (TMF681 has no externalId; the twin keeps
 *     it as a characteristic)
 * @param content the message text
 * @param receiverCount how many customers it reached
 * @param state TMF681 state ({@code completed} once sent)
 */
public record CommunicationMessage(
        String id,
        String href,
        String externalId,
        String resourceId,
        String content,
        String messageType,
        String state,
        long receiverCount,
        Instant sendTime) {

    public static final String BASE_PATH =
            "/tmf-api/communicationManagement/v4/communicationMessage/";

    public CommunicationMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(href, "href");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(messageType, "messageType");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(sendTime, "sendTime");
    }

    /** With the spec's href filled in, message type {@code email}, state {@code completed}. */
    public CommunicationMessage(
            String id,
            String externalId,
            String resourceId,
            String content,
            long receiverCount,
            Instant sendTime) {
        this(
                id,
                BASE_PATH + id,
                externalId,
                resourceId,
                content,
                "email",
                "completed",
                receiverCount,
                sendTime);
    }
}
