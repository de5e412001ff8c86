package dev.autonoc.tools.oss;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The TMF640 Monitor of one activation request (reroute, restore, restart) on an element, once
 * accepted.
 *
 * @param id the activation's id
 * @param externalId the idempotency key it was made under
 * @param action {@code reroute}, {@code restore} or {@code restart}
 * @param state TMF640 monitor state ({@code completed}, {@code in_progress})
 * @param trafficGbps traffic moved off (reroute), moved back (restore), or carried before (restart)
 * @param maxUtilization the highest link utilisation after the change
 * @param completionDate when the effect ends, if later (a restart's end)
 */
public record ActivationResult(
        String id,
        String externalId,
        String resourceId,
        String action,
        String state,
        double trafficGbps,
        double maxUtilization,
        Optional<Instant> completionDate) {

    public static final String REROUTE = "reroute";
    public static final String RESTORE = "restore";
    public static final String RESTART = "restart";

    public ActivationResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(completionDate, "completionDate");
    }
}
