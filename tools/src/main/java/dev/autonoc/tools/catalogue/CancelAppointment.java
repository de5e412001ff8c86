package dev.autonoc.tools.catalogue;

import static dev.autonoc.tools.catalogue.Trees.tree;

import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.tools.catalogue.ArgumentSchema.Args;
import dev.autonoc.tools.oss.Appointment;
import dev.autonoc.tools.oss.BookedAppointment;
import dev.autonoc.tools.oss.OssException;
import dev.autonoc.tools.oss.Resource;
import dev.autonoc.tools.oss.ResourceInventory;
import java.util.List;
import java.util.Optional;

/**
 * {@code cancel_appointment}: undoes {@code dispatch_engineer}, named by the idempotency key the
 * booking was made under, while the engineer has not left. An undo of a booking that never took
 * effect has nothing to do and succeeds; a cancelled one answers as it is; an engineer on the way,
 * on site or done is a refusal.
 */
final class CancelAppointment extends CatalogueTool {

    private final ResourceInventory inventory;
    private final Appointment appointments;

    CancelAppointment(ResourceInventory inventory, Appointment appointments) {
        super(
                ToolNames.CANCEL_APPOINTMENT,
                ToolKind.ACT,
                Appointment.API,
                "Cancels an engineer's appointment before the engineer leaves for the site (undoes"
                        + " dispatch_engineer): the call-out is not charged and the engineer is"
                        + " free again. Names the appointment by the idempotency key"
                        + " dispatch_engineer was called with; with no appointment under that key"
                        + " there is nothing to cancel.",
                List.of(
                        Arg.string("element_id", "the element the job was for, e.g. core-rtr-02"),
                        Arg.string(
                                "appointment_key",
                                "the idempotency key of the dispatch_engineer call to undo"),
                        Arg.string("reason", "why, for the appointment's history")));
        this.inventory = inventory;
        this.appointments = appointments;
    }

    @Override
    Estimate estimate(Args args) {
        Resource element = Trees.element(inventory, name(), args.string("element_id"));
        return new Estimate(
                0.0,
                Risk.LOW,
                Trees.elementFacts(
                        element, "appointment_key", args.string("appointment_key"), "undo", true));
    }

    @Override
    ToolResult run(Args args, ToolInvocation invocation) {
        String key = args.string("appointment_key");
        Optional<BookedAppointment> found = appointments.findAppointmentByKey(key);
        if (found.isEmpty()) {
            return ToolResult.succeeded(
                    tree("appointment_key", key, "cancelled", false),
                    "no appointment was booked under key " + key + ": nothing to cancel");
        }
        BookedAppointment booked = found.get();
        String elementId = args.string("element_id");
        if (!booked.request().elementId().equals(elementId)) {
            throw OssException.invalid(
                    Appointment.API,
                    "appointment "
                            + booked.id()
                            + " under key "
                            + key
                            + " is for "
                            + booked.request().elementId()
                            + ", not "
                            + elementId);
        }
        BookedAppointment cancelled =
                appointments.cancelAppointment(
                        booked.id(), args.string("reason"), invocation.key().value());
        return ToolResult.succeeded(
                tree(
                        "appointment_id", cancelled.id(),
                        "appointment_key", key,
                        "cancelled", true,
                        "engineer_id", cancelled.request().engineerId(),
                        "refund_gbp", cancelled.cost().value()),
                "cancelled "
                        + cancelled.id()
                        + " ("
                        + cancelled.request().engineerId()
                        + " at "
                        + cancelled.request().site()
                        + " from "
                        + cancelled.validFor().startDateTime()
                        + "); the call-out is not charged");
    }
}
