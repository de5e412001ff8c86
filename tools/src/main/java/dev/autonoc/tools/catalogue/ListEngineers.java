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
import dev.autonoc.tools.oss.FieldEngineer;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code list_engineers}: field engineers with skills, shifts, bookings and known absences, of one
 * region or of all; with a site, each one's travel time there (longer from another region).
 */
final class ListEngineers extends CatalogueTool {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final Appointment appointments;

    ListEngineers(Appointment appointments) {
        super(
                ToolNames.LIST_ENGINEERS,
                ToolKind.READ,
                Appointment.API,
                "The field engineers of a region, or of every region without one: region,"
                        + " skills, shift days and hours (UTC), booked and unavailable windows,"
                        + " and with a site, the travel time there in minutes (2 hours more from"
                        + " another region's depot).",
                List.of(
                        Arg.string("region", "the region, e.g. north; all regions if left out")
                                .optional(),
                        Arg.string("site", "a site, to get travel times to it, e.g. site-01")
                                .optional()));
        this.appointments = appointments;
    }

    @Override
    Estimate estimate(Args args) {
        return Estimate.free(Risk.LOW);
    }

    @Override
    ToolResult run(Args args, ToolInvocation invocation) {
        Optional<String> region = args.optionalString("region");
        List<FieldEngineer> engineers = appointments.engineers(region, args.optionalString("site"));
        List<Object> rows = engineers.stream().<Object>map(ListEngineers::row).toList();
        return ToolResult.succeeded(
                tree("engineers", rows),
                rows.size() + " engineers in " + region.orElse("every region"));
    }

    private static Map<String, Object> row(FieldEngineer e) {
        return tree(
                "engineer_id", e.id(),
                "region", e.region(),
                "skills", e.skills(),
                "shift_days", e.shiftDays().stream().sorted().map(Enum::name).toList(),
                "shift_start", HH_MM.format(e.shiftStart()),
                "shift_end", HH_MM.format(e.shiftEnd()),
                "travel_minutes", e.travelTime().map(Trees::minutes).orElse(null),
                "booked", e.booked().stream().map(Trees::period).toList(),
                "unavailable", e.unavailable().stream().map(Trees::period).toList());
    }
}
