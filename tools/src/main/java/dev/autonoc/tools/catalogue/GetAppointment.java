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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code get_appointment}: an engineer's appointment as it is now, by the key {@code
 * dispatch_engineer} was called with or by its id: confirmed, under way, done, or cancelled (by a
 * person, or because the engineer fell sick) and why.
 */
final class GetAppointment extends CatalogueTool {

    private final Appointment appointments;

    GetAppointment(Appointment appointments) {
        super(
                ToolNames.GET_APPOINTMENT,
                ToolKind.READ,
                Appointment.API,
                "An engineer's appointment as it is now, named by the idempotency key"
                        + " dispatch_engineer was called with (appointment_key) or by its id"
                        + " (appointment_id): confirmed, inProgress (the engineer has left),"
                        + " completed, or cancelled with the reason (the engineer fell sick, say).",
                List.of(
                        Arg.string(
                                        "appointment_key",
                                        "the idempotency key of the dispatch_engineer call")
                                .optional(),
                        Arg.string(
                                        "appointment_id",
                                        "the appointment's id, from dispatch_engineer (apt-0001)")
                                .optional()));
        this.appointments = appointments;
    }

    @Override
    void checkTogether(Args args) {
        GetOrder.oneOf(name(), args, "appointment_key", "appointment_id");
    }

    @Override
    Estimate estimate(Args args) {
        return Estimate.free(Risk.LOW);
    }

    @Override
    ToolResult run(Args args, ToolInvocation invocation) {
        Optional<String> key = args.optionalString("appointment_key");
        Optional<BookedAppointment> found =
                key.isPresent()
                        ? appointments.findAppointmentByKey(key.get())
                        : appointments.findAppointment(args.string("appointment_id"));
        if (found.isEmpty()) {
            return ToolResult.invalid(
                    name()
                            + ": no appointment "
                            + key.map(k -> "booked under key " + k)
                                    .orElseGet(() -> "'" + args.string("appointment_id") + "'"));
        }
        BookedAppointment a = found.get();
        return ToolResult.succeeded(
                row(a),
                "appointment "
                        + a.id()
                        + " ("
                        + a.request().engineerId()
                        + " at "
                        + a.request().site()
                        + " from "
                        + a.validFor().startDateTime()
                        + ") is "
                        + a.status()
                        + a.cancelReason().map(r -> ": " + r).orElse(""));
    }

    private static Map<String, Object> row(BookedAppointment a) {
        return tree(
                "appointment_id", a.id(),
                "appointment_key", a.externalId(),
                "engineer_id", a.request().engineerId(),
                "element_id", a.request().elementId(),
                "site", a.request().site(),
                "part", a.request().part().orElse(null),
                "start", a.validFor().startDateTime().toString(),
                "end", a.validFor().endDateTime().toString(),
                "leaves_at", a.departure().toString(),
                "in_shift", a.inShift(),
                "cost_gbp", a.cost().value(),
                "state", a.status(),
                "cancel_reason", a.cancelReason().orElse(null));
    }
}
