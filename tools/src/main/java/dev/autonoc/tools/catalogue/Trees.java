package dev.autonoc.tools.catalogue;

import dev.autonoc.core.tool.InvalidArgumentsException;
import dev.autonoc.tools.oss.Resource;
import dev.autonoc.tools.oss.ResourceInventory;
import dev.autonoc.tools.oss.TimePeriod;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers for the JSON-like trees of outputs and facts (docs/tools.md conventions). */
final class Trees {

    private Trees() {}

    /** A map from alternating keys and values, in that order; null values are left out. */
    static Map<String, Object> tree(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                tree.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return tree;
    }

    /** Durations are whole minutes, as numbers. */
    static long minutes(Duration duration) {
        return duration.toMinutes();
    }

    static Map<String, Object> period(TimePeriod period) {
        return tree(
                "from", period.startDateTime().toString(), "to", period.endDateTime().toString());
    }

    /**
     * The element a call names, for its estimate; an id the inventory does not know is a bad
     * argument, since no call on it can run.
     */
    static Resource element(ResourceInventory inventory, String tool, String elementId) {
        return inventory
                .findResource(elementId)
                .orElseThrow(
                        () ->
                                new InvalidArgumentsException(
                                        tool,
                                        "argument 'element_id' must name an element of the"
                                                + " inventory (core-rtr-01, agg-rtr-01,"
                                                + " cell-01-1, link-agg-rtr-01-core-rtr-01, ...);"
                                                + " got '"
                                                + elementId
                                                + "'"));
    }

    /**
     * The facts of a step that takes its element out of service ({@code outage_*}): what the
     * network does without it then, on top of what is out already (docs/tools.md).
     */
    static Map<String, Object> outageFacts(dev.autonoc.tools.oss.OutagePreview p) {
        return tree(
                "outage_max_utilization_after",
                p.maxUtilizationAfter(),
                "outage_sites_isolated",
                (double) p.sitesIsolated(),
                "outage_consumers_cut",
                (double) p.consumersCut(),
                "outage_slices_breached",
                (double) p.slicesBreached(),
                "outage_customer_minutes",
                p.customerMinutes(),
                "outage_safe",
                p.safe());
    }

    /** The facts every estimate of a call on an element carries, plus the tool's own. */
    static Map<String, Object> elementFacts(Resource element, Object... keysAndValues) {
        Map<String, Object> facts = tree("element_id", element.id(), "region", element.region());
        facts.putAll(tree(keysAndValues));
        return facts;
    }
}
