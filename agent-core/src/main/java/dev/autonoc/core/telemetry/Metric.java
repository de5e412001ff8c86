package dev.autonoc.core.telemetry;

import dev.autonoc.core.network.ElementKind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A telemetry metric; {@link #key()} is the name used in files, features and evidence. */
public enum Metric {
    TEMPERATURE_C("temperature_c", true, false),
    FAN_RPM("fan_rpm", true, false),
    PSU_VOLTAGE_RIPPLE_MV("psu_voltage_ripple_mv", true, false),
    MEMORY_UTIL_PCT("memory_util_pct", true, false),
    CPU_UTIL_PCT("cpu_util_pct", true, false),
    TRAFFIC_GBPS("traffic_gbps", true, true),
    CRC_ERRORS("crc_errors", true, false),
    OPTICAL_RX_DBM("optical_rx_dbm", false, true),
    PRE_FEC_BER("pre_fec_ber", false, true),
    UTILIZATION("utilization", false, true);

    private static final List<Metric> NODE_METRICS =
            Arrays.stream(values()).filter(m -> m.onNodes).toList();
    private static final List<Metric> LINK_METRICS =
            Arrays.stream(values()).filter(m -> m.onLinks).toList();

    private final String key;
    private final boolean onNodes;
    private final boolean onLinks;

    Metric(String key, boolean onNodes, boolean onLinks) {
        this.key = key;
        this.onNodes = onNodes;
        this.onLinks = onLinks;
    }

    public String key() {
        return key;
    }

    public boolean isReportedBy(ElementKind kind) {
        return kind == ElementKind.LINK ? onLinks : onNodes;
    }

    /** The metrics an element of this kind reports, in a fixed order. */
    public static List<Metric> reportedBy(ElementKind kind) {
        return kind == ElementKind.LINK ? LINK_METRICS : NODE_METRICS;
    }

    public static Optional<Metric> fromKey(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }
}
