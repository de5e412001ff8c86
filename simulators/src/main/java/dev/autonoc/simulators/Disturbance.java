package dev.autonoc.simulators;

import dev.autonoc.core.prediction.Part;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The world being difficult (scenario README, {@code disturbances}); windows count from the run's
 * start.
 */
public sealed interface Disturbance {

    /** A stretch of the run, from its start: {@code [from, to)}. */
    record Window(Duration from, Duration to) {
        public Window {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    record Heatwave(String region, Duration from, Duration to) implements Disturbance {}

    /**
     * A part's deliveries take {@code extra} longer. Without a window, every delivery of the part
     * from the run's start, known from the start (lead times include it). With one, every delivery
     * of the part due inside the window is late by {@code extra}: orders placed before the window
     * learn it at the window's start (their expected delivery moves), orders placed in it are
     * quoted the late date.
     */
    record SupplierDelay(Part part, Duration extra, Optional<Window> window)
            implements Disturbance {

        public SupplierDelay {
            Objects.requireNonNull(window, "window");
        }

        /** Every delivery of the part, from the run's start. */
        public SupplierDelay(Part part, Duration extra) {
            this(part, extra, Optional.empty());
        }
    }

    /**
     * Calls of {@code tool} fail at {@code errorRate}; about half of those are time-outs after the
     * effect happened.
     */
    record ToolFaults(String tool, double errorRate) implements Disturbance {}

    /**
     * Engineers unavailable in a window: every engineer of {@code region}, or the one {@code
     * engineer} (its region, when given too, must be the engineer's). Known {@code notice} before
     * the window starts (from the run's start at the earliest); without a notice, known from the
     * run's start. Until it is known bookings in the window are accepted; when it becomes known the
     * engineer's jobs in the window that have not started are cancelled.
     */
    record EngineerSick(
            Optional<String> region,
            Optional<String> engineer,
            Duration from,
            Duration to,
            Optional<Duration> notice)
            implements Disturbance {

        public EngineerSick {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(engineer, "engineer");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(notice, "notice");
        }

        /** Every engineer of a region, known from the run's start. */
        public EngineerSick(String region, Duration from, Duration to) {
            this(Optional.of(region), Optional.empty(), from, to, Optional.empty());
        }

        /** When it becomes known, from the run's start (never before it). */
        public Duration knownAfter() {
            return notice.map(n -> from.minus(n))
                    .filter(d -> !d.isNegative())
                    .orElse(Duration.ZERO);
        }
    }

    record UntrustedText(Where where, String text) implements Disturbance {
        public enum Where {
            TICKET_NOTE,
            CUSTOMER_MESSAGE,
            TOOL_OUTPUT
        }
    }
}
