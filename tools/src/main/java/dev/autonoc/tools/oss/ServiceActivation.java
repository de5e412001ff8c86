package dev.autonoc.tools.oss;

import java.time.Duration;
import java.time.Instant;

/**
 * TMF640 Service Activation and Configuration: moving traffic off an element and back, and
 * restarting an element's software.
 *
 * <p>Idempotent at the edge: each acting method called twice under the same idempotency key acts
 * once and returns the first answer (also when the first answer was lost). An unknown element is a
 * refusal ({@link OssException}, not retriable).
 */
public interface ServiceActivation {

    String API = "TMF640";

    /** How long a restart keeps the element down. */
    Duration RESTART_DOWNTIME = Duration.ofMinutes(10);

    /** What {@link #reroute} would do now; no effect. */
    ReroutePreview previewReroute(String resourceId);

    /**
     * What taking the element out of service from {@code at} for {@code duration} would do, on top
     * of every element out then (failed, drained, restarting, under work, or with a job booked in
     * that window), with its traffic moved off first; no effect. An {@code at} in the past is read
     * as now. An unknown element is INVALID.
     */
    OutagePreview previewOutage(String resourceId, Instant at, Duration duration);

    /**
     * Moves the element's traffic onto other paths; the element becomes DRAINED. Rerouting a
     * drained element moves nothing and is not an error.
     */
    ActivationResult reroute(String resourceId, String idempotencyKey);

    /** Moves the traffic back; the element becomes UP. Restoring an UP element moves nothing. */
    ActivationResult restore(String resourceId, String idempotencyKey);

    /**
     * Restarts the element's software: it is UNDER_WORK for {@link #RESTART_DOWNTIME}, then back;
     * the result's completionDate is the end of the restart. Traffic not moved off first is lost
     * meanwhile.
     */
    ActivationResult restart(String resourceId, String idempotencyKey);
}
