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

/** TMF646 over HTTP; the workforce over the operator's extension path beside it. */
final class HttpAppointment implements Appointment {

    private final HttpTmf http;

    HttpAppointment(HttpTmf http) {
        this.http = http;
    }

    @Override
    public List<FieldEngineer> engineers(String region, Optional<String> site) {
        var list =
                http.get(
                        API,
                        TmfJson.ENGINEERS_BASE
                                + "?region="
                                + encode(region)
                                + site.map(s -> "&site=" + encode(s)).orElse(""));
        return parse(
                () -> {
                    List<FieldEngineer> engineers = new ArrayList<>();
                    list.forEach(n -> engineers.add(TmfJson.fromEngineer(n)));
                    return engineers;
                });
    }

    @Override
    public Optional<FieldEngineer> findEngineer(String engineerId) {
        return http.find(API, TmfJson.ENGINEERS_BASE + "/" + encode(engineerId))
                .map(n -> parse(() -> TmfJson.fromEngineer(n)));
    }

    @Override
    public BookedAppointment book(AppointmentRequest request, String idempotencyKey) {
        var answer =
                http.send(
                        API,
                        "POST",
                        TmfJson.TMF646_BASE + "/appointment",
                        TmfJson.toAppointmentCreate(request, idempotencyKey),
                        idempotencyKey);
        return parse(() -> TmfJson.fromAppointment(answer));
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
