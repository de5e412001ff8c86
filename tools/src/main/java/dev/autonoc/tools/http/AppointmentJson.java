package dev.autonoc.tools.http;

import static dev.autonoc.tools.http.TmfJson.instant;
import static dev.autonoc.tools.http.TmfJson.object;
import static dev.autonoc.tools.http.TmfJson.requireObject;
import static dev.autonoc.tools.http.TmfJson.text;
import static dev.autonoc.tools.http.TroubleTicketJson.AFFECTED_RESOURCE;
import static dev.autonoc.tools.http.TroubleTicketJson.affectedElement;

import dev.autonoc.tools.oss.AppointmentRequest;
import dev.autonoc.tools.oss.BookedAppointment;
import dev.autonoc.tools.oss.FieldEngineer;
import dev.autonoc.tools.oss.Money;
import dev.autonoc.tools.oss.Resource;
import dev.autonoc.tools.oss.TimePeriod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * TMF646 Appointment: a booked engineer visit, its cancelling update, and the field engineers (an
 * operator extension). Each {@code to...} method builds the TMF JSON; each {@code from...} method
 * reads it and throws {@link TmfPayloadException} naming the field that was wrong.
 */
public final class AppointmentJson {

    public static final String TMF646_BASE = "/tmf-api/appointment/v4";

    /**
     * The field workforce has no TMF646 resource (an appointment names its engineer as a related
     * party): it is served beside the TMF APIs under this operator extension path.
     */
    public static final String ENGINEERS_BASE = "/autonoc/v1/fieldEngineer";

    private AppointmentJson() {}

    /**
     * An {@code Appointment_Create} for a job: the engineer is the related party of role {@value
     * #FIELD_ENGINEER}, the site the related place, the element (and the part to fit, if any)
     * related entities, the task the description, the on-site work the {@code validFor}.
     */
    static ObjectNode toAppointmentCreate(AppointmentRequest r, String externalId) {
        ObjectNode n = object();
        n.put("@type", BookedAppointment.TYPE);
        n.put("@baseType", "Appointment");
        n.put("externalId", externalId);
        n.put("category", "fieldWork");
        n.put("description", r.task());
        n.set(
                "validFor",
                period(
                        new TimePeriod(
                                r.start(),
                                r.start().plus(dev.autonoc.tools.oss.Appointment.JOB_DURATION))));
        ObjectNode engineer = n.putArray("relatedParty").addObject();
        engineer.put("id", r.engineerId());
        engineer.put("role", FIELD_ENGINEER);
        engineer.put("@referredType", "Individual");
        ObjectNode place = n.putObject("relatedPlace");
        place.put("id", r.site());
        place.put("role", "interventionAddress");
        place.put("@referredType", "GeographicSite");
        ArrayNode entities = n.putArray("relatedEntity");
        ObjectNode element = entities.addObject();
        element.put("id", r.elementId());
        element.put("href", Resource.BASE_PATH + r.elementId());
        element.put("role", AFFECTED_RESOURCE);
        element.put("@referredType", "Resource");
        r.part()
                .ifPresent(
                        part -> {
                            ObjectNode p = entities.addObject();
                            p.put("id", part);
                            p.put("role", SPARE_PART);
                            p.put("@referredType", "ProductSpecification");
                        });
        return n;
    }

    static final String FIELD_ENGINEER = "fieldEngineer";
    static final String SPARE_PART = "sparePart";
    private static final String CALL_OUT = "CallOutCost";
    private static final String SHIFT = "ShiftCheck";
    private static final String DEPARTURE = "Departure";
    private static final String WORK_STATE = "WorkState";
    static final String CANCELLATION = "CancellationReason";

    public static AppointmentRequest fromAppointmentCreate(JsonNode n) {
        requireObject(n, "body");
        String engineer = null;
        JsonNode parties = n.path("relatedParty");
        for (int i = 0; i < parties.size(); i++) {
            if (FIELD_ENGINEER.equals(parties.get(i).path("role").asString(""))) {
                engineer = text(parties.get(i), "id", "relatedParty[" + i + "].id");
            }
        }
        if (engineer == null) {
            throw new TmfPayloadException(
                    "relatedParty",
                    "no party of role " + FIELD_ENGINEER,
                    "one {id: <engineer id>, role: \"" + FIELD_ENGINEER + "\"}");
        }
        Optional<String> part = Optional.empty();
        JsonNode entities = n.path("relatedEntity");
        for (int i = 0; i < entities.size(); i++) {
            if (SPARE_PART.equals(entities.get(i).path("role").asString(""))) {
                part = Optional.of(text(entities.get(i), "id", "relatedEntity[" + i + "].id"));
            }
        }
        return new AppointmentRequest(
                engineer,
                affectedElement(n),
                text(n.path("relatedPlace"), "id", "relatedPlace.id"),
                instant(n.path("validFor"), "startDateTime", "validFor.startDateTime"),
                text(n, "description"),
                part);
    }

    /**
     * The booked appointment as it is now; its call-out cost and whether it lies in the engineer's
     * shift, which TMF646 has no fields for, are notes of type {@value #CALL_OUT} and {@value
     * #SHIFT} written by the operator's system (never taken from outside text); so are when the
     * engineer leaves ({@value #DEPARTURE}, its {@code date}), the job's state ({@value
     * #WORK_STATE}: TMF's AppointmentStateType has no {@code inProgress}, which goes as {@code
     * confirmed}) and why it was cancelled ({@value #CANCELLATION}).
     */
    public static ObjectNode toAppointment(BookedAppointment a) {
        ObjectNode n = toAppointmentCreate(a.request(), a.externalId());
        n.put("id", a.id());
        n.put("href", a.href());
        n.put("@type", a.atType());
        n.put(
                "status",
                BookedAppointment.IN_PROGRESS.equals(a.status())
                        ? BookedAppointment.CONFIRMED
                        : a.status());
        n.set("validFor", period(a.validFor()));
        ArrayNode notes = n.putArray("note");
        ObjectNode cost = notes.addObject();
        cost.put("id", "call-out");
        cost.put("author", "operator");
        cost.put("text", a.cost().value() + " " + a.cost().unit());
        cost.put("@type", CALL_OUT);
        ObjectNode shift = notes.addObject();
        shift.put("id", "in-shift");
        shift.put("author", "operator");
        shift.put("text", String.valueOf(a.inShift()));
        shift.put("@type", SHIFT);
        ObjectNode departure = notes.addObject();
        departure.put("id", "departure");
        departure.put("author", "operator");
        departure.put("date", a.departure().toString());
        departure.put("text", "the engineer leaves for the site");
        departure.put("@type", DEPARTURE);
        ObjectNode state = notes.addObject();
        state.put("id", "work-state");
        state.put("author", "operator");
        state.put("text", a.status());
        state.put("@type", WORK_STATE);
        a.cancelReason()
                .ifPresent(
                        reason -> {
                            ObjectNode why = notes.addObject();
                            why.put("id", "cancellation");
                            why.put("author", "operator");
                            why.put("text", reason);
                            why.put("@type", CANCELLATION);
                        });
        return n;
    }

    public static BookedAppointment fromAppointment(JsonNode n) {
        String cost = null;
        String shift = null;
        Instant departure = null;
        String state = null;
        Optional<String> reason = Optional.empty();
        JsonNode notes = n.path("note");
        for (int i = 0; i < notes.size(); i++) {
            JsonNode note = notes.get(i);
            String type = note.path("@type").asString("");
            if (CALL_OUT.equals(type)) {
                cost = note.path("text").asString("");
            } else if (SHIFT.equals(type)) {
                shift = note.path("text").asString("");
            } else if (DEPARTURE.equals(type)) {
                departure = instant(note, "date", "note[" + i + "].date");
            } else if (WORK_STATE.equals(type)) {
                state = text(note, "text", "note[" + i + "].text");
            } else if (CANCELLATION.equals(type)) {
                reason = Optional.of(note.path("text").asString(""));
            }
        }
        if (cost == null || shift == null || !cost.matches("-?[0-9.E]+ \\S+")) {
            throw new TmfPayloadException(
                    "note",
                    "no call-out cost or shift check",
                    "notes of @type "
                            + CALL_OUT
                            + " (\"300.0 GBP\") and "
                            + SHIFT
                            + " (true|false)");
        }
        String status = state != null ? state : text(n, "status");
        if (!BookedAppointment.STATES.contains(status)) {
            throw new TmfPayloadException(
                    "status", "'" + status + "'", String.join(", ", BookedAppointment.STATES));
        }
        TimePeriod validFor =
                new TimePeriod(
                        instant(n.path("validFor"), "startDateTime", "validFor.startDateTime"),
                        instant(n.path("validFor"), "endDateTime", "validFor.endDateTime"));
        String[] money = cost.split(" ");
        return new BookedAppointment(
                text(n, "id"),
                text(n, "href"),
                text(n, "@type"),
                text(n, "externalId"),
                status,
                fromAppointmentCreate(n),
                validFor,
                departure != null ? departure : validFor.startDateTime(),
                new Money(Double.parseDouble(money[0]), money[1]),
                Boolean.parseBoolean(shift),
                BookedAppointment.CANCELLED.equals(status)
                        ? Optional.of(reason.orElse("cancelled"))
                        : Optional.empty());
    }

    static ObjectNode period(TimePeriod p) {
        ObjectNode o = object();
        o.put("startDateTime", p.startDateTime().toString());
        o.put("endDateTime", p.endDateTime().toString());
        return o;
    }

    static TimePeriod fromPeriod(JsonNode o, String at) {
        return new TimePeriod(
                instant(o, "startDateTime", at + ".startDateTime"),
                instant(o, "endDateTime", at + ".endDateTime"));
    }

    /** A field engineer, in the operator extension's shape (TMF646 has none). */
    public static ObjectNode toEngineer(FieldEngineer e) {
        ObjectNode n = object();
        n.put("id", e.id());
        n.put("region", e.region());
        ArrayNode skills = n.putArray("skills");
        e.skills().forEach(skills::add);
        ArrayNode days = n.putArray("shiftDays");
        e.shiftDays().stream().sorted().forEach(d -> days.add(d.name()));
        n.put("shiftStart", e.shiftStart().toString());
        n.put("shiftEnd", e.shiftEnd().toString());
        e.travelTime().ifPresent(t -> n.put("travelTimeMinutes", t.toMinutes()));
        ArrayNode booked = n.putArray("booked");
        e.booked().forEach(p -> booked.add(period(p)));
        ArrayNode unavailable = n.putArray("unavailable");
        e.unavailable().forEach(p -> unavailable.add(period(p)));
        return n;
    }

    static FieldEngineer fromEngineer(JsonNode n) {
        List<String> skills = new ArrayList<>();
        n.path("skills").forEach(s -> skills.add(s.asString()));
        java.util.Set<java.time.DayOfWeek> days = new java.util.HashSet<>();
        n.path("shiftDays").forEach(d -> days.add(java.time.DayOfWeek.valueOf(d.asString())));
        List<TimePeriod> booked = new ArrayList<>();
        n.path("booked").forEach(p -> booked.add(fromPeriod(p, "booked")));
        List<TimePeriod> unavailable = new ArrayList<>();
        n.path("unavailable").forEach(p -> unavailable.add(fromPeriod(p, "unavailable")));
        return new FieldEngineer(
                text(n, "id"),
                text(n, "region"),
                skills,
                days,
                java.time.LocalTime.parse(text(n, "shiftStart")),
                java.time.LocalTime.parse(text(n, "shiftEnd")),
                n.has("travelTimeMinutes")
                        ? Optional.of(Duration.ofMinutes(n.get("travelTimeMinutes").asLong()))
                        : Optional.empty(),
                booked,
                unavailable);
    }

    // ------------------------------------------------------------------ TMF646 cancel by patch

    /**
     * An {@code Appointment_Update} that cancels: status {@code cancelled}, the reason as a note of
     * type {@value #CANCELLATION}, and the appointment's {@code validFor} (which the spec requires
     * of every update) unchanged.
     */
    static ObjectNode toAppointmentCancel(BookedAppointment a, String reason) {
        ObjectNode n = object();
        n.put("status", BookedAppointment.CANCELLED);
        n.set("validFor", period(a.validFor()));
        ObjectNode note = n.putArray("note").addObject();
        note.put("author", "noc");
        note.put("text", reason);
        note.put("@type", CANCELLATION);
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
            if (CANCELLATION.equals(notes.get(i).path("@type").asString(""))) {
                return text(notes.get(i), "text", "note[" + i + "].text");
            }
        }
        throw new TmfPayloadException(
                "note",
                "no note of @type " + CANCELLATION,
                "one note {@type: \"" + CANCELLATION + "\", text: <why>}");
    }
}
