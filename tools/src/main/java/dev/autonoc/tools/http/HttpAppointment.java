package dev.autonoc.tools.http;

import static dev.autonoc.tools.http.HttpTroubleTicket.encode;

import dev.autonoc.core.tool.ToolResult.Outcome;
import dev.autonoc.tools.oss.Appointment;
import dev.autonoc.tools.oss.AppointmentRequest;
import dev.autonoc.tools.oss.BookedAppointment;
import dev.autonoc.tools.oss.FieldEngineer;
import dev.autonoc.tools.oss.OssException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * TMF646 over HTTP; the workforce over the operator's extension path beside it. An appointment is
 * found by id at its {@code href}, by its idempotency key with {@code ?externalId=}, and cancelled
 * by a PATCH to status {@code cancelled} (the spec requires an update to carry {@code validFor}, so
 * the appointment is read first).
 */
final class HttpAppointment implements Appointment {

    private static final String PATH = AppointmentJson.TMF646_BASE + "/appointment";

    private final HttpTmf http;

    HttpAppointment(HttpTmf http) {
        this.http = http;
    }

    @Override
    public List<FieldEngineer> engineers(Optional<String> region, Optional<String> site) {
        List<String> filters = new ArrayList<>();
        region.ifPresent(r -> filters.add("region=" + encode(r)));
        site.ifPresent(s -> filters.add("site=" + encode(s)));
        var list =
                http.get(
                        API,
                        AppointmentJson.ENGINEERS_BASE
                                + (filters.isEmpty() ? "" : "?" + String.join("&", filters)));
        return parse(
                () -> {
                    List<FieldEngineer> engineers = new ArrayList<>();
                    list.forEach(n -> engineers.add(AppointmentJson.fromEngineer(n)));
                    return engineers;
                });
    }

    @Override
    public Optional<FieldEngineer> findEngineer(String engineerId) {
        return http.find(API, AppointmentJson.ENGINEERS_BASE + "/" + encode(engineerId))
                .map(n -> parse(() -> AppointmentJson.fromEngineer(n)));
    }

    @Override
    public BookedAppointment book(AppointmentRequest request, String idempotencyKey) {
        var answer =
                http.send(
                        API,
                        "POST",
                        PATH,
                        AppointmentJson.toAppointmentCreate(request, idempotencyKey),
                        idempotencyKey);
        return parse(() -> AppointmentJson.fromAppointment(answer));
    }

    @Override
    public Optional<BookedAppointment> findAppointment(String appointmentId) {
        return http.find(API, PATH + "/" + encode(appointmentId))
                .map(n -> parse(() -> AppointmentJson.fromAppointment(n)));
    }

    @Override
    public Optional<BookedAppointment> findAppointmentByKey(String idempotencyKey) {
        JsonNode list = http.get(API, PATH + "?externalId=" + encode(idempotencyKey));
        if (!list.isArray() || list.size() > 1) {
            throw new OssException(
                    API,
                    "malformed answer: expected a list of at most one appointment for externalId "
                            + idempotencyKey,
                    Outcome.UNCERTAIN);
        }
        return list.isEmpty()
                ? Optional.empty()
                : Optional.of(parse(() -> AppointmentJson.fromAppointment(list.get(0))));
    }

    @Override
    public BookedAppointment cancelAppointment(
            String appointmentId, String reason, String idempotencyKey) {
        BookedAppointment current =
                findAppointment(appointmentId)
                        .orElseThrow(
                                () ->
                                        OssException.invalid(
                                                API, "no appointment '" + appointmentId + "'"));
        var answer =
                http.send(
                        API,
                        "PATCH",
                        PATH + "/" + encode(appointmentId),
                        AppointmentJson.toAppointmentCancel(current, reason),
                        idempotencyKey);
        return parse(() -> AppointmentJson.fromAppointment(answer));
    }

    private static <T> T parse(Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new OssException(
                    API, "malformed answer: " + e.getMessage(), Outcome.UNCERTAIN, e);
        }
    }
}
