package dev.autonoc.service.api;

import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.service.simulation.Simulation;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.tools.oss.OssBss;
import dev.autonoc.tools.oss.OssException;
import dev.autonoc.tools.oss.Resource;
import dev.autonoc.tools.oss.ResourceTopology;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The network as the console's map draws it: every element with its state, every fibre link with
 * its two routers. The state joins what the inventory says (up, under work, drained, down) with
 * what the predictor and the cases say (at risk): a failed, worked or drained element shows that,
 * an element in service shows "at risk" while the predictor alarms on it or a case about it is
 * open.
 */
@RestController
@KnownParametersOnly
@RequestMapping("/api/network")
class NetworkController {

    /**
     * How long connected mode's inventory answer is reused: the map is read at most once a second.
     */
    private static final Duration CONNECTED_CACHE = Duration.ofSeconds(10);

    private final Simulation simulation;
    private final CaseStore cases;
    private final ObjectProvider<OperatorTwin> twin;
    private final ObjectProvider<OssBss> operatorSystems;
    private final Clock wall;
    private volatile ResourceTopology cached;
    private volatile Instant cachedAt = Instant.MIN;

    NetworkController(
            Simulation simulation,
            CaseStore cases,
            ObjectProvider<OperatorTwin> twin,
            ObjectProvider<OssBss> operatorSystems) {
        this.simulation = simulation;
        this.cases = cases;
        this.twin = twin;
        this.operatorSystems = operatorSystems;
        // only the connected cache's age: wall time, whatever the simulation's
        this.wall = Clock.systemUTC();
    }

    @GetMapping
    NetworkView network() {
        ResourceTopology topology = topology();
        Map<ElementId, Prediction> alarms =
                simulation.atRisk().stream()
                        .collect(
                                Collectors.toMap(
                                        Prediction::element, Function.identity(), (a, b) -> a));
        Map<String, CaseRecord> openCase = new HashMap<>();
        cases.open().stream()
                .sorted(Comparator.comparing(CaseRecord::openedAt))
                .forEach(c -> openCase.put(c.element().id().value(), c));
        List<NodeView> nodes =
                topology.resources().stream()
                        .map(
                                r -> {
                                    Prediction alarm = alarms.get(ElementId.of(r.id()));
                                    CaseRecord open = openCase.get(r.id());
                                    return new NodeView(
                                            r.id(),
                                            r.category().name(),
                                            r.role(),
                                            r.region(),
                                            r.site(),
                                            r.resourceStatus().name(),
                                            state(r, alarm != null || open != null),
                                            alarm == null ? null : alarm.probability(),
                                            alarm == null ? null : alarm.mode().name(),
                                            open == null ? null : open.id().value());
                                })
                        .toList();
        List<LinkView> links =
                topology.links().stream()
                        .map(l -> new LinkView(l.id(), l.a(), l.b(), l.capacityGbps()))
                        .toList();
        return new NetworkView(simulation.now(), nodes, links);
    }

    /** {@code failed}, {@code under_work}, {@code drained}, {@code at_risk} or {@code up}. */
    static String state(Resource r, boolean atRisk) {
        return switch (r.resourceStatus()) {
            case DOWN -> "failed";
            case UNDER_WORK -> "under_work";
            case DRAINED -> "drained";
            case UP -> atRisk ? "at_risk" : "up";
        };
    }

    private ResourceTopology topology() {
        OperatorTwin embedded = twin.getIfAvailable();
        if (embedded != null) {
            // the twin belongs to the simulation's thread: read between two ticks (not a tool
            // call, so nothing is journaled for a page's read)
            return simulation.exclusively(() -> embedded.ossBss().resourceInventory().topology());
        }
        Instant now = wall.instant();
        ResourceTopology last = cached;
        if (last != null && now.isBefore(cachedAt.plus(CONNECTED_CACHE))) {
            return last;
        }
        OssBss oss = operatorSystems.getIfAvailable();
        if (oss == null) {
            throw ApiProblem.refused(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "no-inventory",
                    "the service has neither a simulated network nor an operator's inventory");
        }
        try {
            ResourceTopology read = oss.resourceInventory().topology();
            cached = read;
            cachedAt = now;
            return read;
        } catch (OssException e) {
            throw ApiProblem.refused(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "inventory-unavailable",
                    "the operator's inventory (TMF639) did not answer: " + e.getMessage());
        }
    }

    /** The network at the simulated (or, connected, the wall clock's) {@code at}. */
    record NetworkView(Instant at, List<NodeView> elements, List<LinkView> links) {}

    /**
     * @param status the inventory's: {@code UP}, {@code DOWN}, {@code UNDER_WORK}, {@code DRAINED}
     * @param state what the map shows: {@code up}, {@code at_risk}, {@code under_work}, {@code
     *     drained}, {@code failed}
     * @param probability the alarm's probability when alarmed, else null
     * @param openCase the latest open case about the element, else null
     */
    record NodeView(
            String id,
            String kind,
            String role,
            String region,
            String site,
            String status,
            String state,
            Double probability,
            String mode,
            String openCase) {}

    record LinkView(String id, String a, String b, double capacityGbps) {}
}
