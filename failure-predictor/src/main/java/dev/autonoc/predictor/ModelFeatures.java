package dev.autonoc.predictor;

import dev.autonoc.core.telemetry.Metric;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which of the extracted features the models read. Everything the region shares (weather, the daily
 * load, a heatwave coming and going) moves an element's own levels and its deviation from its own
 * baseline, but not its deviation from its peers: so the models read the peer-relative features,
 * the jitter and the spikes, and a level only where the level itself is the danger (memory running
 * out). The own-baseline features stay in the extractor for the explanations. Traffic is not read
 * at all.
 */
final class ModelFeatures {

    private static final Set<FeatureKind> READ =
            EnumSet.of(
                    FeatureKind.PEER_DEV_6H,
                    FeatureKind.PEER_DEV_24H,
                    FeatureKind.SLOPE_6H,
                    FeatureKind.SLOPE_24H,
                    FeatureKind.STD_1H,
                    FeatureKind.SPIKES_24H);

    private static final Set<Metric> LEVEL_MATTERS = EnumSet.of(Metric.MEMORY_UTIL_PCT);

    /**
     * Traffic moves with routing, not with wear: it drops to nothing behind a failed neighbour and
     * when the agent moves it off an element for maintenance. The models do not read it (the
     * extractor still uses it to take the load's share out of the other metrics).
     */
    private static final Set<Metric> NOT_READ = EnumSet.of(Metric.TRAFFIC_GBPS, Metric.UTILIZATION);

    private ModelFeatures() {}

    /** The names, in extractor order, of the features the models of a family read. */
    static List<String> of(Family family) {
        List<String> out = new ArrayList<>();
        for (Metric metric : family.metrics()) {
            if (NOT_READ.contains(metric)) {
                continue;
            }
            for (FeatureKind kind : FeatureKind.values()) {
                boolean level = kind == FeatureKind.LEVEL_1H || kind == FeatureKind.LEVEL_24H;
                if (READ.contains(kind) || (level && LEVEL_MATTERS.contains(metric))) {
                    out.add(FeatureExtractor.name(metric, kind));
                }
            }
        }
        return List.copyOf(out);
    }

    /** Where each named feature sits in the extractor's vector. */
    static int[] columns(Family family, List<String> names) {
        List<String> all = FeatureExtractor.featureNames(family);
        int[] columns = new int[names.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = all.indexOf(names.get(i));
            if (columns[i] < 0) {
                throw new IllegalArgumentException(
                        "the model reads a feature this build does not extract: "
                                + names.get(i)
                                + "; retrain the model with this build");
            }
        }
        return columns;
    }
}
