package dev.autonoc.tools.oss;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * TMF646 Appointment, as booked and as it is now (named apart from the {@link Appointment} client).
 *
 * @param externalId the idempotency key it was booked under
 * @param status the job's state: {@value #CONFIRMED} (booked, the engineer not left yet), {@value
 *     #IN_PROGRESS} (on the way or on site; TMF's AppointmentStateType has no such value, so over
 *     HTTP it travels as {@code confirmed} with an operator note), {@value #COMPLETED}, {@value
 *     #CANCELLED}
 * @param validFor the on-site work, start to end
 * @param departure when the engineer leaves for the site (the travel time before the start); until
 *     then the appointment can be cancelled
 * @param cost the call-out: 300 GBP in shift, 600 outside it; not charged when cancelled
 * @param inShift whether the work lies in the engineer's shift
 * @param cancelReason why it was cancelled, when it was
 */
public record BookedAppointment(
        String id,
        String href,
        @JsonProperty("@type") String atType,
        String externalId,
        String status,
        AppointmentRequest request,
        TimePeriod validFor,
        Instant departure,
        Money cost,
        boolean inShift,
        Optional<String> cancelReason) {

    public static final String TYPE = "FieldEngineerAppointment";
    public static final String BASE_PATH = "/tmf-api/appointment/v4/appointment/";

    public static final String CONFIRMED = "confirmed";
    public static final String IN_PROGRESS = "inProgress";
    public static final String COMPLETED = "completed";
    public static final String CANCELLED = "cancelled";

    /** Every value of {@link #status()}. */
    public static final Set<String> STATES = Set.of(CONFIRMED, IN_PROGRESS, COMPLETED, CANCELLED);

    public BookedAppointment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(href, "href");
        Objects.requireNonNull(atType, "atType");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(validFor, "validFor");
        Objects.requireNonNull(departure, "departure");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(cancelReason, "cancelReason");
        if (!STATES.contains(status)) {
            throw new IllegalArgumentException(
                    "appointment status must be one of " + STATES + ", got '" + status + "'");
        }
        if (cancelReason.isPresent() != CANCELLED.equals(status)) {
            throw new IllegalArgumentException(
                    "a cancel reason goes with status cancelled and only with it; got status "
                            + status
                            + " and reason "
                            + cancelReason);
        }
    }

    /** As booked: with the spec's {@code href} and {@code @type}, status {@code confirmed}. */
    public BookedAppointment(
            String id,
            String externalId,
            AppointmentRequest request,
            TimePeriod validFor,
            Instant departure,
            Money cost,
            boolean inShift) {
        this(
                id,
                BASE_PATH + id,
                TYPE,
                externalId,
                CONFIRMED,
                request,
                validFor,
                departure,
                cost,
                inShift,
                Optional.empty());
    }

    /** The same appointment in another state ({@code cancelReason} only with cancelled). */
    public BookedAppointment withStatus(String newStatus, Optional<String> reason) {
        return new BookedAppointment(
                id,
                href,
                atType,
                externalId,
                newStatus,
                request,
                validFor,
                departure,
                cost,
                inShift,
                reason);
    }

    public boolean cancelled() {
        return CANCELLED.equals(status);
    }
}
