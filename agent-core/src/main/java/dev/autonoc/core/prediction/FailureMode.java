package dev.autonoc.core.prediction;

import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.telemetry.Metric;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * How an element fails, which kinds it strikes, which metrics show it, and what mends it
 * (OPERATOR.md).
 */
public enum FailureMode {
    FAN_WEAR(
            Part.FAN_TRAY,
            "thermal shutdown",
            EnumSet.of(ElementKind.ROUTER, ElementKind.RADIO),
            EnumSet.of(Metric.FAN_RPM, Metric.TEMPERATURE_C)),
    LASER_AGING(
            Part.SFP_OPTIC,
            "loss of signal",
            EnumSet.of(ElementKind.LINK),
            EnumSet.of(Metric.OPTICAL_RX_DBM, Metric.PRE_FEC_BER)),
    PSU_DEGRADATION(
            Part.PSU,
            "power failure",
            EnumSet.of(ElementKind.ROUTER, ElementKind.RADIO),
            EnumSet.of(Metric.PSU_VOLTAGE_RIPPLE_MV)),
    MEMORY_LEAK(
            null,
            "crash and reboot loop",
            EnumSet.of(ElementKind.ROUTER, ElementKind.RADIO),
            EnumSet.of(Metric.MEMORY_UTIL_PCT));

    private final @Nullable Part part;
    private final String symptom;
    private final Set<ElementKind> strikes;
    private final Set<Metric> shownBy;

    FailureMode(
            @Nullable Part part, String symptom, Set<ElementKind> strikes, Set<Metric> shownBy) {
        this.part = part;
        this.symptom = symptom;
        this.strikes = strikes;
        this.shownBy = shownBy;
    }

    /** The part replaced on site to mend it; empty for a software fault mended by a restart. */
    public Optional<Part> part() {
        return Optional.ofNullable(part);
    }

    /** What the network reports when a fault of this mode ends in failure. */
    public String symptom() {
        return symptom;
    }

    public boolean strikes(ElementKind kind) {
        return strikes.contains(kind);
    }

    /**
     * The metrics in which a careful eye sees this mode coming (OPERATOR.md's failure-mode table):
     * a diagnosis of this mode whose evidence lies wholly in other metrics names the wrong part.
     */
    public boolean isShownBy(Metric metric) {
        return shownBy.contains(metric);
    }

    public static Optional<FailureMode> parse(String name) {
        return Arrays.stream(values()).filter(m -> m.name().equals(name)).findFirst();
    }

    /**
     * The mode the network's symptom points at, if any; used by a predictor that only sees alarms.
     */
    public static Optional<FailureMode> fromSymptom(String symptom) {
        return Arrays.stream(values()).filter(m -> m.symptom.equals(symptom)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
