package dev.autonoc.tools.oss;

/**
 * An element's state as the operator's inventory tracks it. TMF639's {@code resourceStatus} enum
 * (available, alarm, suspended, ...) is coarser; an HTTP façade maps UP to available, DOWN to
 * alarm, UNDER_WORK to suspended and DRAINED to standby.
 */
public enum ResourceStatus {
    /** In service and carrying its traffic. */
    UP,
    /** Failed: its traffic is rerouted where it can be and lost where it cannot. */
    DOWN,
    /** Taken out of service for planned work (a restart, a part replacement). */
    UNDER_WORK,
    /** In service, but its traffic has been moved onto other paths. */
    DRAINED
}
