package dev.autonoc.tools.oss;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * TMF646 Appointment, as booked (named apart from the {@link Appointment} client).
 *
 * @param externalId the idempotency key it was booked under
 * @param status TMF AppointmentStateType ({@code confirmed}, {@code completed}, ...)
 * @param validFor the on-site work, start to end
 * @param cost the call-out: 300 GBP in shift, 600 outside it
 * @param inShift whether the work lies in the engineer's shift
 */
public record BookedAppointment(
        String id,
        String href,
        @JsonProperty("@type") String atType,
        String externalId,
        String status,
        AppointmentRequest request,
        TimePeriod validFor,
        Money cost,
        boolean inShift) {

    public static final String TYPE = "FieldEngineerAppointment";
    public static final String BASE_PATH = "/tmf-api/appointment/v4/appointment/";

    public BookedAppointment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(href, "href");
        Objects.requireNonNull(atType, "atType");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(validFor, "validFor");
        Objects.requireNonNull(cost, "cost");
    }

    /** With the spec's {@code href} and {@code @type} filled in, status {@code confirmed}. */
    public BookedAppointment(
            String id,
            String externalId,
            AppointmentRequest request,
            TimePeriod validFor,
            Money cost,
            boolean inShift) {
        this(id, BASE_PATH + id, TYPE, externalId, "confirmed", request, validFor, cost, inShift);
    }
}
