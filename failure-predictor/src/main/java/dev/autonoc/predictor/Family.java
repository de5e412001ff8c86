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

    Family(ElementKind representative) {
        this.metrics = Metric.reportedBy(representative);
    }

    /** The metrics every element of the family reports, in a fixed order. */
    public List<Metric> metrics() {
        return metrics;
    }

    public static Family of(ElementKind kind) {
        return kind == ElementKind.LINK ? LINK : NODE;
    }
}
