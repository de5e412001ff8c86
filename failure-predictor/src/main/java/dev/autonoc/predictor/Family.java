package dev.autonoc.predictor;

import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.telemetry.Metric;
import java.util.List;

/**
 * Elements that report the same metrics share features and models: routers and radios are nodes,
 * fibre links are links. A model per family keeps every feature meaningful for every row.
 */
public enum Family {
    NODE(ElementKind.ROUTER),
    LINK(ElementKind.LINK);

    private final List<Metric> metrics;
    // per metric in the family's order, read for every sample: arrays, not lookups
    private final MetricScale[] scales;
    private final int[] ordinals;
    private final boolean[] relative;

    Family(ElementKind representative) {
        this.metrics = Metric.reportedBy(representative);
        int count = metrics.size();
        scales = new MetricScale[count];
        ordinals = new int[count];
        relative = new boolean[count];
        for (int i = 0; i < count; i++) {
            scales[i] = MetricScale.of(metrics.get(i));
            ordinals[i] = metrics.get(i).ordinal();
            relative[i] = scales[i].relative();
        }
    }

    /** The metrics every element of the family reports, in a fixed order. */
    public List<Metric> metrics() {
        return metrics;
    }

    /** Each metric's scale, in {@link #metrics} order (shared: not to be written). */
    MetricScale[] scales() {
        return scales;
    }

    /** Each metric's {@link Metric#ordinal}, in {@link #metrics} order (shared). */
    int[] ordinals() {
        return ordinals;
    }

    /** Whether each metric is read relative to its baseline, in {@link #metrics} order (shared). */
    boolean[] relative() {
        return relative;
    }

    public static Family of(ElementKind kind) {
        return kind == ElementKind.LINK ? LINK : NODE;
    }
}
