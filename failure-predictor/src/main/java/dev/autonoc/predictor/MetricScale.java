package dev.autonoc.predictor;

import dev.autonoc.core.telemetry.Metric;

/**
 * How a metric is read before features are taken: bit error rates span decades and counts are
 * bursty, so both are taken on a log scale; metrics whose healthy level differs a lot between
 * elements (fan speeds, ripple, traffic) are compared with their own baseline in percent, the
 * others in their own unit, so that a deviation means the same on every element.
 */
enum MetricScale {
    TEMPERATURE_C(Metric.TEMPERATURE_C, false, "°C", "temperature"),
    FAN_RPM(Metric.FAN_RPM, true, "rpm", "fan rpm"),
    PSU_VOLTAGE_RIPPLE_MV(Metric.PSU_VOLTAGE_RIPPLE_MV, true, "mV", "PSU voltage ripple"),
    MEMORY_UTIL_PCT(Metric.MEMORY_UTIL_PCT, false, "%", "memory use"),
    CPU_UTIL_PCT(Metric.CPU_UTIL_PCT, false, "%", "CPU use"),
    TRAFFIC_GBPS(Metric.TRAFFIC_GBPS, true, "Gbps", "traffic"),
    CRC_ERRORS(Metric.CRC_ERRORS, false, "log(1+errors)", "CRC errors"),
    OPTICAL_RX_DBM(Metric.OPTICAL_RX_DBM, false, "dB", "received optical power"),
    PRE_FEC_BER(Metric.PRE_FEC_BER, false, "decades", "pre-FEC bit error rate"),
    UTILIZATION(Metric.UTILIZATION, false, "points", "link utilisation");

    private final Metric metric;
    private final boolean relative;
    private final String unit;
    private final String words;

    MetricScale(Metric metric, boolean relative, String unit, String words) {
        this.metric = metric;
        this.relative = relative;
        this.unit = unit;
        this.words = words;
    }

    static MetricScale of(Metric metric) {
        return values()[metric.ordinal()];
    }

    Metric metric() {
        return metric;
    }

    /** Deviations from the baseline are in percent of it rather than in the metric's unit. */
    boolean relative() {
        return relative;
    }

    String unit() {
        return unit;
    }

    String words() {
        return words;
    }

    // log(1 + n) of the small whole counts that CRC errors nearly always are
    private static final double[] LOG1P = new double[256];

    static {
        for (int i = 0; i < LOG1P.length; i++) {
            LOG1P[i] = Math.log1p(i);
        }
    }

    /** The value the features are computed on. */
    double transform(double raw) {
        return switch (metric) {
            case PRE_FEC_BER -> Math.log10(Math.max(raw, 1e-15));
            case CRC_ERRORS -> {
                int n = (int) raw;
                yield n == raw && n >= 0 && n < LOG1P.length
                        ? LOG1P[n]
                        : Math.log1p(Math.max(raw, 0.0));
            }
            default -> raw;
        };
    }
}
