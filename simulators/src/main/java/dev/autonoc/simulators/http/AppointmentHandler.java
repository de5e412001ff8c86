package dev.autonoc.simulators.http;

import dev.autonoc.tools.http.AppointmentJson;
import dev.autonoc.tools.http.TmfJson;
import dev.autonoc.tools.oss.BookedAppointment;
import dev.autonoc.tools.oss.OssBss;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;

/**
 * TMF646 at the HTTP façade: a booking, found by id or key, cancelled by a patch; the field
 * engineers (an operator extension).
 */
final class AppointmentHandler {

    private final OssBss oss;

    AppointmentHandler(OssBss oss) {
        this.oss = oss;
    }

    TmfReply createAppointment(TmfRequest r) {
        var request = AppointmentJson.fromAppointmentCreate(r.json());
        BookedAppointment booked = oss.appointment().book(request, r.key());
        return TmfReply.ok(201, AppointmentJson.toAppointment(booked));
    }

    /** {@code ?externalId=<key>}: the appointment booked under that key, as it is now, or none. */
    TmfReply listAppointments(TmfRequest r) {
        String key =
                r.required("externalId", "?externalId=<the key the appointment was booked under>");
        ArrayNode list = TmfJson.mapper().createArrayNode();
        oss.appointment()
                .findAppointmentByKey(key)
                .ifPresent(a -> list.add(AppointmentJson.toAppointment(a)));
        return TmfReply.ok(200, list);
    }

    /** An appointment as it is now: confirmed, under way, done or cancelled. */
    TmfReply getAppointment(TmfRequest r) {
        return oss.appointment()
                .findAppointment(r.id())
                .map(a -> TmfReply.ok(200, AppointmentJson.toAppointment(a)))
                .orElseGet(() -> TmfReply.noSuch("appointment", r.id()));
    }

    /** A patch to status cancelled, with the reason as a note; the only change served. */
    TmfReply cancelAppointment(TmfRequest r) {
        String reason = AppointmentJson.fromAppointmentCancel(r.json());
        BookedAppointment cancelled = oss.appointment().cancelAppointment(r.id(), reason, r.key());
        return TmfReply.ok(200, AppointmentJson.toAppointment(cancelled));
    }

    /** Every engineer, or a region's ({@code ?region=}); with {@code &site=}, travel times. */
    TmfReply listEngineers(TmfRequest r) {
        ArrayNode list = TmfJson.mapper().createArrayNode();
        oss.appointment()
                .engineers(
                        Optional.ofNullable(r.query().get("region")).filter(x -> !x.isBlank()),
                        Optional.ofNullable(r.query().get("site")).filter(x -> !x.isBlank()))
                .forEach(e -> list.add(AppointmentJson.toEngineer(e)));
        return TmfReply.ok(200, list);
    }

    TmfReply getEngineer(TmfRequest r) {
        return oss.appointment()
                .findEngineer(r.id())
                .map(e -> TmfReply.ok(200, AppointmentJson.toEngineer(e)))
                .orElseGet(() -> TmfReply.noSuch("fieldEngineer", r.id()));
    }
}
