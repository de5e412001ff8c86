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
 * out). The own-baseline features stay in the extractor for the explanations.
 *
 * <p>Load: the node metrics reach the features with the share of them the element's own load
 * explains taken out ({@link ElementFeatures}); besides, the models read how far the element's
 * traffic has moved against its own week ({@code traffic_gbps.dev_own_6h}: traffic moved onto it)
 * and whether an element within two hops is, or just was, out of service ({@code
 * topology.neighbour_out}): the two things a failed neighbour does to the elements that take its
 * traffic.
 */
final class ModelFeatures {

    private static final Set<FeatureKind> READ =
            EnumSet.of(
                    FeatureKind.PEER_DEV_6H,
                    FeatureKind.PEER_DEV_24H,
                    FeatureKind.SLOPE_6H,
                    FeatureKind.SLOPE_24H,
                    FeatureKind.JITTER_1H,
                    FeatureKind.SPIKES_24H,
                    FeatureKind.PEER_DEV_LONG);

    private static final Set<Metric> LEVEL_MATTERS = EnumSet.of(Metric.MEMORY_UTIL_PCT);

    /**
     * Traffic moves with routing, not with wear: it drops to nothing behind a failed neighbour and
     * when the agent moves it off an element for maintenance. The models read only its move against
     * the element's own week; link utilisation not at all.
     */
    private static final Set<Metric> ROUTING = EnumSet.of(Metric.TRAFFIC_GBPS, Metric.UTILIZATION);

    private ModelFeatures() {}

    /** The names, in extractor order, of the features the models of a family read. */
    static List<String> of(Family family) {
        List<String> out = new ArrayList<>();
        for (Metric metric : family.metrics()) {
            if (ROUTING.contains(metric)) {
                if (metric == Metric.TRAFFIC_GBPS) {
                    out.add(FeatureExtractor.name(metric, FeatureKind.DEV_OWN_6H));
                }
                continue;
            }
            for (FeatureKind kind : FeatureKind.values()) {
                boolean level = kind == FeatureKind.LEVEL_1H || kind == FeatureKind.LEVEL_24H;
                if (READ.contains(kind) || (level && LEVEL_MATTERS.contains(metric))) {
                    out.add(FeatureExtractor.name(metric, kind));
                }
            }
        }
        out.addAll(FeatureExtractor.CONTEXT);
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
