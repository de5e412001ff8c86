package dev.autonoc.service.api;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.service.api.Views.PredictionView;
import dev.autonoc.service.simulation.PredictorHorizon;
import dev.autonoc.service.simulation.Simulation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The network's elements at risk (alarmed), as the loop last saw them, most at risk first. */
@RestController
@KnownParametersOnly
@RequestMapping("/api/elements")
class ElementsController {

    private final Simulation simulation;
    private final PredictorHorizon horizon;

    ElementsController(Simulation simulation, PredictorHorizon horizon) {
        this.simulation = simulation;
        this.horizon = horizon;
    }

    @GetMapping("/at-risk")
    List<PredictionView> atRisk() {
        Map<ElementId, Element> inventory =
                simulation.elements().stream()
                        .collect(Collectors.toMap(Element::id, Function.identity(), (a, b) -> a));
        return simulation.atRisk().stream()
                .map(
                        p ->
                                PredictionView.of(
                                        p,
                                        Optional.ofNullable(inventory.get(p.element())),
                                        horizon))
                .toList();
    }
}
