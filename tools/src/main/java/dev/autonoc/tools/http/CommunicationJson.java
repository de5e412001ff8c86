package dev.autonoc.tools.http;

import static dev.autonoc.tools.http.TmfJson.characteristic;
import static dev.autonoc.tools.http.TmfJson.characteristicText;
import static dev.autonoc.tools.http.TmfJson.characteristicValue;
import static dev.autonoc.tools.http.TmfJson.instant;
import static dev.autonoc.tools.http.TmfJson.object;
import static dev.autonoc.tools.http.TmfJson.requireObject;
import static dev.autonoc.tools.http.TmfJson.text;

import dev.autonoc.tools.oss.CommunicationMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * TMF681 Communication: a customer notice about an element. Each {@code to...} method builds the
 * TMF JSON; each {@code from...} method reads it and throws {@link TmfPayloadException} naming the
 * field that was wrong.
 */
public final class CommunicationJson {

    // CommunicationMessage

    public static final String TMF681_BASE = "/tmf-api/communicationManagement/v4";

    private CommunicationJson() {}

    /**
     * A {@code CommunicationMessage_Create} to every customer of an element: one receiver stands
     * for them; the element is a characteristic (TMF681 has no related entity).
     */
    static ObjectNode toMessageCreate(String resourceId, String content) {
        ObjectNode n = object();
        n.put("content", content);
        n.put("messageType", "email");
        n.put("subject", "Service notice: " + resourceId);
        ObjectNode sender = n.putObject("sender");
        sender.put("id", "noc");
        sender.put("name", "Network operations");
        ObjectNode receiver = n.putArray("receiver").addObject();
        receiver.put("id", "customers-of-" + resourceId);
        receiver.put("name", "customers served by " + resourceId);
        characteristic(n.putArray("characteristic"), "resourceId", resourceId);
        return n;
    }

    /** The element a message is about, and its text. */
    public record MessageRequest(String resourceId, String content) {}

    public static MessageRequest fromMessageCreate(JsonNode n) {
        requireObject(n, "body");
        String type = text(n, "messageType");
        if (!"email".equals(type)) {
            throw new TmfPayloadException("messageType", "type '" + type + "'", "email");
        }
        String resourceId =
                characteristicText(n.path("characteristic"), "resourceId", "characteristic");
        return new MessageRequest(resourceId, text(n, "content"));
    }

    public static ObjectNode toMessage(CommunicationMessage m) {
        ObjectNode n = toMessageCreate(m.resourceId(), m.content());
        n.put("id", m.id());
        n.put("href", m.href());
        n.put("messageType", m.messageType());
        n.put("state", m.state());
        n.put("sendTime", m.sendTime().toString());
        n.put("sendTimeComplete", m.sendTime().toString());
        ArrayNode ch = (ArrayNode) n.get("characteristic");
        characteristic(ch, "externalId", m.externalId());
        ObjectNode count = ch.addObject();
        count.put("name", "receiverCount");
        count.put("valueType", "integer");
        count.put("value", m.receiverCount());
        return n;
    }

    public static CommunicationMessage fromMessage(JsonNode n) {
        JsonNode ch = n.path("characteristic");
        JsonNode count = characteristicValue(ch, "receiverCount");
        if (count == null || !count.isIntegralNumber()) {
            throw new TmfPayloadException(
                    "characteristic[receiverCount]", "missing", "an integer characteristic");
        }
        return new CommunicationMessage(
                text(n, "id"),
                text(n, "href"),
                characteristicText(ch, "externalId", "characteristic"),
                characteristicText(ch, "resourceId", "characteristic"),
                text(n, "content"),
                text(n, "messageType"),
                text(n, "state"),
                count.asLong(),
                instant(n, "sendTime", "sendTime"));
    }
}
