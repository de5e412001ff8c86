package dev.autonoc.simulators;

import dev.autonoc.core.prediction.Part;
import dev.autonoc.core.telemetry.Metric;
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

    /**
     * Data that lies: the network is as it is, what the agent reads of it is not ({@code
     * docs/data-quality.md}). The telemetry kinds change the stream the collector delivers (what
     * the predictor reads); a direct read of an element ({@code get_telemetry}) polls the element
     * itself, so it sees through a gap, a spike or a late sample, but not through a stuck sensor or
     * a drifting clock, which are the element's own.
     */
    sealed interface BadData extends Disturbance {}

    /** Which elements a bad-data disturbance strikes: one element, or every element of a region. */
    record Scope(Optional<String> element, Optional<String> region) {
        public Scope {
            Objects.requireNonNull(element, "element");
            Objects.requireNonNull(region, "region");
            if (element.isPresent() == region.isPresent()) {
                throw new IllegalArgumentException(
                        "a bad-data scope names an element or a region, not both or neither; got "
                                + element
                                + ", "
                                + region);
            }
        }

        public static Scope element(String id) {
            return new Scope(Optional.of(id), Optional.empty());
        }

        public static Scope region(String region) {
            return new Scope(Optional.empty(), Optional.of(region));
        }

        @Override
        public String toString() {
            return element.map(e -> "element " + e).orElseGet(() -> "region " + region.get());
        }
    }

    /** TELEMETRY_GAP: the scope's samples never reach the stream in {@code [from, to)}. */
    record TelemetryGap(Scope scope, Duration from, Duration to) implements BadData {
        public TelemetryGap {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * STUCK_SENSOR: the element's {@code metric} repeats the value it last read before {@code
     * from}, until {@code to}; the sensor itself is stuck, so a direct read shows it too.
     */
    record StuckSensor(String element, Metric metric, Duration from, Duration to)
            implements BadData {
        public StuckSensor {
            Objects.requireNonNull(element, "element");
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * SPIKES: in {@code [from, to)} each of the scope's samples, with probability {@code rate},
     * carries one absurd value (tens of times the true one, or its opposite sign) in one metric.
     */
    record Spikes(Scope scope, double rate, Duration from, Duration to) implements BadData {
        public Spikes {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * LATE_SAMPLES: in {@code [from, to)} each of the scope's samples, with probability {@code
     * rate}, is held back up to {@code maxDelay} (it arrives after newer ones, with its own
     * timestamp) or, half of those, sent on time and again up to {@code maxDelay} later.
     */
    record LateSamples(Scope scope, double rate, Duration maxDelay, Duration from, Duration to)
            implements BadData {
        public LateSamples {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(maxDelay, "maxDelay");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * CLOCK_SKEW: from {@code from} to {@code to} the element's clock gains {@code driftPerHour}
     * every hour: its samples claim times ever further ahead of the truth; at {@code to} the clock
     * is set right again.
     */
    record ClockSkew(String element, Duration driftPerHour, Duration from, Duration to)
            implements BadData {
        public ClockSkew {
            Objects.requireNonNull(element, "element");
            Objects.requireNonNull(driftPerHour, "driftPerHour");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * INVENTORY_DRIFT: from {@code from} on, the resource inventory disagrees with the network
     * about the element: it does not list it at all ({@link Says#MISSING}), or lists it as failed
     * while it runs ({@link Says#DOWN}). The network itself is untouched.
     */
    record InventoryDrift(String element, Says says, Duration from) implements BadData {
        public enum Says {
            MISSING,
            DOWN
        }

        public InventoryDrift {
            Objects.requireNonNull(element, "element");
            Objects.requireNonNull(says, "says");
            Objects.requireNonNull(from, "from");
        }
    }

    /**
     * STALE_STOCK: {@code check_stock} shows each warehouse's stock as it was {@code lag} ago (as
     * it was at the run's start, before the run is {@code lag} old); orders run on the real stock.
     */
    record StaleStock(Duration lag) implements BadData {
        public StaleStock {
            Objects.requireNonNull(lag, "lag");
        }
    }
}
