package dev.autonoc.tools.oss;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * TMF646 Appointment (with TMF697 Work Order behind it): the field workforce and its bookings.
 *
 * <p>Idempotent at the edge: a booking (or a cancellation) made twice under the same idempotency
 * key is made once, and the second call returns the first appointment (also when the first answer
 * was lost).
 */
public interface Appointment {

    String API = "TMF646";

    /** How long a job takes on site; the element is out of service for it. */
    Duration JOB_DURATION = Duration.ofHours(1);

    /** Call-out cost of a job in the engineer's shift, GBP. */
    double IN_SHIFT_CALL_OUT_GBP = 300.0;

    /** Call-out cost of a job outside it (overtime, weekends), GBP. */
    double OUT_OF_SHIFT_CALL_OUT_GBP = 600.0;

    /**
     * The engineers of a region (every region's when empty), by region then id; with a site, each
     * carries its travel time there (from another region, the longer drive included). An unknown
     * region gives an empty list; an unknown site is INVALID.
     */
    List<FieldEngineer> engineers(Optional<String> region, Optional<String> site);

    /** The engineers of one region; see {@link #engineers(Optional, Optional)}. */
    default List<FieldEngineer> engineers(String region, Optional<String> site) {
        return engineers(Optional.of(region), site);
    }

    /** One engineer, without travel time; empty when no engineer has that id. */
    Optional<FieldEngineer> findEngineer(String engineerId);

    /**
     * Books the job from {@code start} for {@link #JOB_DURATION}, cost by {@link
     * FieldEngineer#inShift}. An unknown engineer, element or site, or an engineer booked or
     * unavailable then, is a refusal ({@link OssException}, not retriable).
     */
    BookedAppointment book(AppointmentRequest request, String idempotencyKey);

    /** The appointment with this id as it is now; empty when there is none. */
    Optional<BookedAppointment> findAppointment(String appointmentId);

    /**
     * The appointment booked under this idempotency key (its {@code externalId}), as it is now;
     * empty when none was booked under it (never called, or refused).
     */
    Optional<BookedAppointment> findAppointmentByKey(String idempotencyKey);

    /**
     * Cancels an appointment whose engineer has not left yet: the call-out is not charged and the
     * engineer's diary is freed. Cancelling a cancelled appointment answers it again as it is. An
     * engineer on the way or on site, or a job done, is a refusal ({@link OssException} REFUSED);
     * an unknown id is INVALID.
     */
    BookedAppointment cancelAppointment(String appointmentId, String reason, String idempotencyKey);
}
