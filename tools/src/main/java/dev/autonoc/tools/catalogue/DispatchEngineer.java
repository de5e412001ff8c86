package dev.autonoc.tools.catalogue;

import static dev.autonoc.tools.catalogue.Trees.tree;

import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.InvalidArgumentsException;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.tools.catalogue.ArgumentSchema.Args;
import dev.autonoc.tools.oss.Appointment;
import dev.autonoc.tools.oss.AppointmentRequest;
import dev.autonoc.tools.oss.BookedAppointment;
import dev.autonoc.tools.oss.FieldEngineer;
import dev.autonoc.tools.oss.OutagePreview;
import dev.autonoc.tools.oss.Resource;
import dev.autonoc.tools.oss.ResourceInventory;
import dev.autonoc.tools.oss.ServiceActivation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code dispatch_engineer}: books an engineer, with a part, at a site and a time. */
final class DispatchEngineer extends CatalogueTool {

    private final ResourceInventory inventory;
    private final Appointment appointments;
    private final ServiceActivation activation;

    DispatchEngineer(
            ResourceInventory inventory, Appointment appointments, ServiceActivation activation) {
        super(
                ToolNames.DISPATCH_ENGINEER,
                ToolKind.ACT,
                Appointment.API,
                "Books a field engineer for a one-hour job on an element at a site, starting on"
                        + " site at 'start' (the engineer leaves the travel time before). With"
                        + " 'part', the job fits that part if it was delivered to the site first."
                        + " The element is out of service during the job.",
                List.of(
                        Arg.string("engineer_id", "the engineer, from list_engineers"),
                        Arg.string("element_id", "the element to work on, e.g. core-rtr-02"),
                        Arg.string("site", "the element's site, e.g. site-01"),
                        Arg.string("start", "when work on site begins").asDateTime(),
                        Arg.string("task", "what to do, for the engineer"),
                        Arg.string("part", "the part to fit")
                                .oneOf(CheckStock.PART_CODES)
                                .optional()));
        this.inventory = inventory;
        this.appointments = appointments;
        this.activation = activation;
    }

    /** The skill a job on an element of this kind needs. */
    static String skillFor(ElementKind kind) {
        return switch (kind) {
            case ROUTER -> "router";
            case RADIO -> "radio";
            case LINK -> "fibre";
        };
    }

    @Override
    Estimate estimate(Args args) {
        Resource element = Trees.element(inventory, name(), args.string("element_id"));
        String engineerId = args.string("engineer_id");
        FieldEngineer engineer =
                appointments
                        .findEngineer(engineerId)
                        .orElseThrow(
                                () ->
                                        new InvalidArgumentsException(
                                                name(),
                                                "argument 'engineer_id' must name an engineer"
                                                        + " from list_engineers; got '"
                                                        + engineerId
                                                        + "'"));
        Instant start = args.instant("start");
        boolean inShift = engineer.inShift(start, start.plus(Appointment.JOB_DURATION));
        boolean hasSkill = engineer.hasSkill(skillFor(element.category()));
        // the element is out of service for the job's hour: what the network does without it
        OutagePreview outage =
                activation.previewOutage(element.id(), start, Appointment.JOB_DURATION);
        Map<String, Object> facts =
                Trees.elementFacts(
                        element,
                        "in_shift",
                        inShift,
                        "engineer_has_skill",
                        hasSkill,
                        "engineer_id",
                        engineerId);
        facts.putAll(Trees.outageFacts(outage));
        return new Estimate(
                inShift ? Appointment.IN_SHIFT_CALL_OUT_GBP : Appointment.OUT_OF_SHIFT_CALL_OUT_GBP,
                hasSkill && outage.safe() ? Risk.MEDIUM : Risk.HIGH,
                facts);
    }

    @Override
    ToolResult run(Args args, ToolInvocation invocation) {
        BookedAppointment booked =
                appointments.book(
                        new AppointmentRequest(
                                args.string("engineer_id"),
                                args.string("element_id"),
                                args.string("site"),
                                args.instant("start"),
                                args.string("task"),
                                args.optionalString("part")),
                        invocation.key().value());
        Instant end = booked.validFor().endDateTime();
        double cost = booked.cost().value();
        return new ToolResult(
                ToolResult.Outcome.SUCCEEDED,
                tree(
                        "appointment_id", booked.id(),
                        "engineer_id", booked.request().engineerId(),
                        "start", booked.validFor().startDateTime().toString(),
                        "end", end.toString(),
                        "leaves_at", booked.departure().toString()),
                "booked "
                        + booked.request().engineerId()
                        + " at "
                        + booked.request().site()
                        + " from "
                        + booked.validFor().startDateTime()
                        + (booked.inShift() ? " (in shift)" : " (out of shift)"),
                Optional.of(end),
                cost);
    }
}
