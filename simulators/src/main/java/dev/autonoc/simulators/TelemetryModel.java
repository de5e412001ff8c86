package dev.autonoc.simulators;

import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.telemetry.Metric;
import java.util.SplittableRandom;

/**
 * What each element's sensors read: its own healthy baseline (some elements just run hot), plus the
 * daily load, the region's weather, each active fault's signature scaled by its latent level, noise
 * and the rare benign glitch. Every element draws its noise from its own stream, the same number of
 * draws every tick whatever its state, so nothing else in a run shifts its readings.
 */
final class TelemetryModel {

    private static final int TEMP = Metric.TEMPERATURE_C.ordinal();
    private static final int FAN = Metric.FAN_RPM.ordinal();
    private static final int RIPPLE = Metric.PSU_VOLTAGE_RIPPLE_MV.ordinal();
    private static final int MEM = Metric.MEMORY_UTIL_PCT.ordinal();
    private static final int CPU = Metric.CPU_UTIL_PCT.ordinal();
    private static final int TRAFFIC = Metric.TRAFFIC_GBPS.ordinal();
    private static final int CRC = Metric.CRC_ERRORS.ordinal();
    private static final int RX = Metric.OPTICAL_RX_DBM.ordinal();
    private static final int BER = Metric.PRE_FEC_BER.ordinal();
    private static final int UTIL = Metric.UTILIZATION.ordinal();

    private static final int METRICS = Metric.values().length;

    /** Gaussian draws per sample (fixed, so that streams never shift). */
    private static final int DRAWS = 8;

    private final boolean[] link;
    private final double[] tempBase;
    private final double[] fanBase;
    private final double[] rippleBase;
    private final double[] memBase;
    private final double[] cpuBase;
    private final double[] crcBase;
    private final double[] rxBase;
    private final double[] berLogBase;
    private final SplittableRandom[] noise;
    private final double[] g = new double[DRAWS];

    TelemetryModel(Topology topology, SplittableRandom baselines, SplittableRandom noiseRoot) {
        int n = topology.size();
        link = new boolean[n];
        tempBase = new double[n];
        fanBase = new double[n];
        rippleBase = new double[n];
        memBase = new double[n];
        cpuBase = new double[n];
        crcBase = new double[n];
        rxBase = new double[n];
        berLogBase = new double[n];
        noise = new SplittableRandom[n];
        for (int i = 0; i < n; i++) {
            SplittableRandom b = baselines.split();
            noise[i] = noiseRoot.split();
            ElementKind kind = topology.kind(i);
            link[i] = kind == ElementKind.LINK;
            boolean radio = kind == ElementKind.RADIO;
            boolean hot = b.nextDouble() < 0.15;
            tempBase[i] = (radio ? 38 : 34) + 10 * b.nextDouble() + (hot ? 8 : 0);
            fanBase[i] = (radio ? 3200 : 6000) + (radio ? 800 : 2000) * b.nextDouble();
            rippleBase[i] = 14 + 10 * b.nextDouble();
            memBase[i] = 30 + 25 * b.nextDouble();
            cpuBase[i] = 8 + 15 * b.nextDouble();
            crcBase[i] = 3 * b.nextDouble();
            rxBase[i] = -3 - 5 * b.nextDouble();
            berLogBase[i] = -12 + 2 * b.nextDouble();
        }
    }

    /**
     * One element's readings.
     *
     * @param load the element's traffic as a share of its own peak (0..1)
     * @param heat degrees the weather adds now
     * @param levels latent level per {@link FailureMode} ordinal (0 when no such fault)
     * @param emit false when the element is unreachable: the draws are made all the same
     * @param v where the readings go, every slot (NaN where the element has no such sensor)
     * @return false, and {@code v} untouched, when {@code emit} is false
     */
    boolean sample(
            int e,
            double load,
            double trafficGbps,
            double utilisation,
            double heat,
            double[] levels,
            boolean emit,
            double[] v) {
        SplittableRandom r = noise[e];
        for (int i = 0; i < DRAWS; i++) {
            g[i] = r.nextGaussian();
        }
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        double u3 = r.nextDouble();
        if (!emit) {
            return false;
        }
        java.util.Arrays.fill(v, Double.NaN);
        if (link[e]) {
            double laser = levels[FailureMode.LASER_AGING.ordinal()];
            v[RX] = rxBase[e] - 0.15 * heat / 10 - 9.0 * laser + 0.25 * g[0];
            double berLog = berLogBase[e] + 7.0 * laser + 0.3 * g[1];
            v[BER] = Math.pow(10.0, Math.min(-2.0, berLog));
            v[TRAFFIC] = Math.max(0.0, trafficGbps * (1 + 0.02 * g[2]));
            v[UTIL] = Math.max(0.0, utilisation * (1 + 0.02 * g[2]));
            if (u3 < 0.0005) {
                v[RX] -= 4 + 4 * u1; // a benign single-sample dip: a dirty read, not a fault
            }
            return true;
        }
        double fanWear = levels[FailureMode.FAN_WEAR.ordinal()];
        double psu = levels[FailureMode.PSU_DEGRADATION.ordinal()];
        double leak = levels[FailureMode.MEMORY_LEAK.ordinal()];
        double heatFans = 1.0 + 0.02 * heat;
        double fan = fanBase[e] * heatFans * (1.0 + 0.08 * load) * (1.0 - 0.45 * fanWear);
        v[FAN] = Math.max(0.0, fan + fanBase[e] * (0.02 + 0.10 * fanWear) * g[0]);
        v[TEMP] = tempBase[e] + 8.0 * load + heat + 22.0 * fanWear + 1.5 * g[1];
        double ripple = rippleBase[e] * (1 + 0.2 * load) + 55.0 * psu * (0.6 + 0.4 * load);
        if (u1 < 0.01 + 0.15 * psu) {
            ripple += (15 + 60 * psu) * u2; // brief spikes, more frequent as the supply wears
        }
        v[RIPPLE] = Math.max(0.0, ripple + 2.0 * g[2]);
        v[MEM] = clamp(memBase[e] + 3.0 * load + (97.0 - memBase[e]) * leak + 1.5 * g[3]);
        v[CPU] = clamp(cpuBase[e] + 30.0 * load + 3.0 * g[4]);
        v[TRAFFIC] = Math.max(0.0, trafficGbps * (1 + 0.03 * g[5]));
        v[CRC] = Math.max(0.0, Math.rint(crcBase[e] + 1.5 * g[6]));
        if (u3 < 0.0005) {
            // a benign sensor glitch: one reading jumps for one sample
            if (u2 < 0.5) {
                v[TEMP] += 15 + 10 * u1;
            } else {
                v[RIPPLE] += 40 + 40 * u1;
            }
        }
        return true;
    }

    private static double clamp(double pct) {
        return Math.max(0.0, Math.min(100.0, pct));
    }
}
