package dev.autonoc.tools.oss;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * TMF646 Appointment (with TMF697 Work Order behind it): the field workforce and its bookings.
 *
 * <p>Idempotent at the edge: a booking made twice under the same idempotency key is made once, and
 * the second call returns the first appointment (also when the first answer was lost).
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
     * The engineers of a region, by id; with a site, each carries its travel time there. An unknown
     * region gives an empty list.
     */
    List<FieldEngineer> engineers(String region, Optional<String> site);

    /** One engineer, without travel time; empty when no engineer has that id. */
    Optional<FieldEngineer> findEngineer(String engineerId);

    /**
     * Books the job from {@code start} for {@link #JOB_DURATION}, cost by {@link
     * FieldEngineer#inShift}. An unknown engineer, element or site, or an engineer booked or
     * unavailable then, is a refusal ({@link OssException}, not retriable).
     */
    BookedAppointment book(AppointmentRequest request, String idempotencyKey);
}
