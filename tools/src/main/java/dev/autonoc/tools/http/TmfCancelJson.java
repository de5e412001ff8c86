package dev.autonoc.tools.http;

import static dev.autonoc.tools.http.TmfJson.object;
import static dev.autonoc.tools.http.TmfJson.text;

import dev.autonoc.tools.oss.BookedAppointment;
import dev.autonoc.tools.oss.OrderCancellation;
import dev.autonoc.tools.oss.ProductOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The undo payloads, both ways, beside {@link TmfJson}: a TMF622 {@code CancelProductOrder} and a
 * TMF646 {@code Appointment_Update} that cancels an appointment. Reads throw {@link
 * TmfPayloadException} naming the field that was wrong.
 */
public final class TmfCancelJson {

    /** The TMF622 collection of cancellation requests. */
    public static final String CANCEL_ORDERS = TmfJson.TMF622_BASE + "/cancelProductOrder";

    private TmfCancelJson() {}

    /** A request to cancel, as the façade reads it. */
    public record CancelRequest(String id, String reason) {}

    // ------------------------------------------------------------------ TMF622 CancelProductOrder

    /** A {@code CancelProductOrder_Create} of one order, with the reason. */
    public static ObjectNode toOrderCancelCreate(String orderId, String reason) {
        ObjectNode n = object();
        n.put("@type", "CancelProductOrder");
        n.put("cancellationReason", reason);
        ObjectNode order = n.putObject("productOrder");
        order.put("id", orderId);
        order.put("href", ProductOrder.BASE_PATH + orderId);
        order.put("@referredType", "ProductOrder");
        return n;
    }

    public static CancelRequest fromOrderCancelCreate(JsonNode n) {
        TmfJson.requireObject(n, "body");
        return new CancelRequest(
                text(n.path("productOrder"), "id", "productOrder.id"),
                text(n, "cancellationReason"));
    }

    /**
     * The cancellation carried out: state {@value OrderCancellation#DONE}. TMF622 has no field for
     * the refund here; the cancelled order carries it (a price entry named {@value
     * TmfJson#REFUND}).
     */
    public static ObjectNode toOrderCancellation(OrderCancellation c) {
        ObjectNode n = toOrderCancelCreate(c.orderId(), c.reason());
        n.put("id", c.id());
        n.put("href", c.href());
        n.put("@type", c.atType());
        n.put("@baseType", "CancelProductOrder");
        n.put("state", OrderCancellation.DONE);
        n.put("effectiveCancellationDate", c.effectiveDate().toString());
        return n;
    }

    /** The cancellation, with the refund read off the cancelled order. */
    public static OrderCancellation fromOrderCancellation(JsonNode n, ProductOrder cancelled) {
        TmfJson.requireObject(n, "body");
        String orderId = text(n.path("productOrder"), "id", "productOrder.id");
        if (!orderId.equals(cancelled.id()) || cancelled.refund().isEmpty()) {
            throw new TmfPayloadException(
                    "productOrder",
                    "order " + cancelled.id() + " in state " + cancelled.state(),
                    "the cancelled order " + orderId + ", with its refund");
        }
        return new OrderCancellation(
                text(n, "id"),
                text(n, "href"),
                text(n, "@type"),
                orderId,
                text(n, "cancellationReason"),
                TmfJson.instant(n, "effectiveCancellationDate", "effectiveCancellationDate"),
                cancelled.refund().get());
    }

    // ------------------------------------------------------------------ TMF646 cancel by patch

    /**
     * An {@code Appointment_Update} that cancels: status {@code cancelled}, the reason as a note of
     * type {@value TmfJson#CANCELLATION}, and the appointment's {@code validFor} (which the spec
     * requires of every update) unchanged.
     */
    public static ObjectNode toAppointmentCancel(BookedAppointment a, String reason) {
        ObjectNode n = object();
        n.put("status", BookedAppointment.CANCELLED);
        n.set("validFor", TmfJson.period(a.validFor()));
        ObjectNode note = n.putArray("note").addObject();
        note.put("author", "noc");
        note.put("text", reason);
        note.put("@type", TmfJson.CANCELLATION);
        return n;
    }

    /** The reason of a cancelling update; anything but a cancel is refused, naming the field. */
    public static String fromAppointmentCancel(JsonNode n) {
        TmfJson.requireObject(n, "body");
        String status = n.path("status").asString("");
        if (!BookedAppointment.CANCELLED.equals(status)) {
            throw new TmfPayloadException(
                    "status",
                    status.isEmpty() ? "missing" : "'" + status + "'",
                    "cancelled (an appointment is changed only by cancelling it; book another"
                            + " for another time)");
        }
        JsonNode notes = n.path("note");
        for (int i = 0; i < notes.size(); i++) {
            if (TmfJson.CANCELLATION.equals(notes.get(i).path("@type").asString(""))) {
                return text(notes.get(i), "text", "note[" + i + "].text");
            }
        }
        throw new TmfPayloadException(
                "note",
                "no note of @type " + TmfJson.CANCELLATION,
                "one note {@type: \"" + TmfJson.CANCELLATION + "\", text: <why>}");
    }
}
