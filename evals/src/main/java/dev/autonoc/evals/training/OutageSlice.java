package dev.autonoc.evals.training;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.predictor.NetworkGraph;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The evaluation slice of the healthy elements that take a failed neighbour's traffic: an element
 * is in it while an element within two hops of it is down, and for a day after that element came
 * back (its traffic moving back is a second jolt). Fed by the network's own alarms, as the service
 * is; in the predictor's evaluation runs nobody drains or works on an element, so an outage there
 * is a failure.
 */
final class OutageSlice {

    /** How long after a neighbour's return an element still counts as beside an outage. */
    static final Duration AFTERMATH = Duration.ofDays(1);

    private final NetworkGraph graph;
    private final boolean[] down;
    // how many elements within two hops are down now
    private final int[] outNear;
    private final Instant[] calmFrom;

    OutageSlice(List<Element> elements) {
        this.graph = NetworkGraph.of(elements);
        int n = graph.size();
        down = new boolean[n];
        outNear = new int[n];
        calmFrom = new Instant[n];
    }

    void observe(Alarm alarm) {
        int e = graph.indexOf(alarm.element());
        if (e < 0) {
            return;
        }
        if (alarm.kind() == Alarm.Kind.ELEMENT_DOWN && !down[e]) {
            down[e] = true;
            for (int k : graph.withinTwoHops(e)) {
                outNear[k]++;
            }
        } else if (alarm.kind() == Alarm.Kind.ELEMENT_UP && down[e]) {
            down[e] = false;
            Instant calm = alarm.at().plus(AFTERMATH);
            for (int k : graph.withinTwoHops(e)) {
                outNear[k]--;
                if (calmFrom[k] == null || calmFrom[k].isBefore(calm)) {
                    calmFrom[k] = calm;
                }
            }
        }
    }

    /** Whether the element is beside an outage at {@code at}. */
    boolean nearOutage(ElementId element, Instant at) {
        int e = graph.indexOf(element);
        return e >= 0 && (outNear[e] > 0 || (calmFrom[e] != null && at.isBefore(calmFrom[e])));
    }
}
