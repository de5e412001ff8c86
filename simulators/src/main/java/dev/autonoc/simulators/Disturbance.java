package dev.autonoc.simulators;

import dev.autonoc.core.prediction.Part;
import java.time.Duration;

/**
 * The world being difficult (scenario README, {@code disturbances}); windows count from the run's
 * start.
 */
public sealed interface Disturbance {

    record Heatwave(String region, Duration from, Duration to) implements Disturbance {}

    record SupplierDelay(Part part, Duration extra) implements Disturbance {}

    /**
     * Calls of {@code tool} fail at {@code errorRate}; about half of those are time-outs after the
     * effect happened.
     */
    record ToolFaults(String tool, double errorRate) implements Disturbance {}

    record EngineerSick(String region, Duration from, Duration to) implements Disturbance {}

    record UntrustedText(Where where, String text) implements Disturbance {
        public enum Where {
            TICKET_NOTE,
            CUSTOMER_MESSAGE,
            TOOL_OUTPUT
        }
    }
}
