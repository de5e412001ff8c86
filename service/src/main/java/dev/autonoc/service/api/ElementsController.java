package dev.autonoc.service.api;

import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.service.api.Views.ElementView;
import dev.autonoc.service.api.Views.PredictionView;
import dev.autonoc.service.history.TelemetryHistory;
import dev.autonoc.service.simulation.PredictorHorizon;
import dev.autonoc.service.simulation.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The network's elements: those at risk (alarmed) as the loop last saw them, most at risk first;
 * one element with its alarm and cases; its telemetry and the predictor's view of it over time.
 */
@RestController
@KnownParametersOnly
@RequestMapping("/api/elements")
class ElementsController {

    private final Simulation simulation;
    private final PredictorHorizon horizon;
    private final TelemetryHistory history;
    private final CaseStore cases;

    ElementsController(
            Simulation simulation,
            PredictorHorizon horizon,
            TelemetryHistory history,
            CaseStore cases) {
        this.simulation = simulation;
        this.horizon = horizon;
        this.history = history;
        this.cases = cases;
    }

    @GetMapping("/at-risk")
    List<PredictionView> atRisk() {
        Map<ElementId, Element> inventory = inventory();
        return simulation.atRisk().stream()
                .map(
                        p ->
                                PredictionView.of(
                                        p,
                                        Optional.ofNullable(inventory.get(p.element())),
                                        horizon))
                .toList();
    }

    /**
     * One element: what the inventory says of it, the predictor's alarm if it is at risk now, and
     * its cases (newest first).
     */
    @GetMapping("/{id}")
    ElementDetail element(@PathVariable String id) {
        Element element = known(id);
        Optional<PredictionView> alarm =
                simulation.atRisk().stream()
                        .filter(p -> p.element().equals(element.id()))
                        .findFirst()
                        .map(p -> PredictionView.of(p, Optional.of(element), horizon));
        List<ElementCase> its =
                cases.all().stream()
                        .filter(c -> c.element().id().equals(element.id()))
                        .sorted(Comparator.comparing(CaseRecord::openedAt).reversed())
                        .map(ElementCase::of)
                        .toList();
        return new ElementDetail(
                ElementView.of(element),
                alarm.orElse(null),
                history.lastSampleAt(element.id()).orElse(null),
                its);
    }

    /**
     * The element's telemetry and the predictor's view of it in {@code [from, to)}, in hourly
     * aggregates; by default the whole history kept, up to the simulated now.
     */
    @GetMapping("/{id}/telemetry")
    TelemetryView telemetry(
            @PathVariable String id,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        Element element = known(id);
        Instant until = text(to).map(v -> instant("to", v)).orElse(simulation.now());
        Instant since = text(from).map(v -> instant("from", v)).orElse(until.minus(history.span()));
        if (!until.isAfter(since)) {
            throw ApiProblem.invalid(
                    text(to).isPresent() ? "to" : "from",
                    "the range [from "
                            + since
                            + ", to "
                            + until
                            + ") holds nothing: expected from before to");
        }
        if (Duration.between(since, until).compareTo(Duration.ofDays(366)) > 0) {
            throw ApiProblem.invalid(
                    "from",
                    "the range from "
                            + since
                            + " to "
                            + until
                            + " is over a year: at most 366 days");
        }
        TelemetryHistory.Window w = history.read(element.id(), since, until);
        return new TelemetryView(
                ElementView.of(element),
                since,
                until,
                "PT1H",
                history.span().toString(),
                horizon.value().toString(),
                w.metrics().stream()
                        .map(
                                s ->
                                        new SeriesView(
                                                s.metric().key(),
                                                s.points().stream()
                                                        .map(
                                                                p ->
                                                                        new PointView(
                                                                                p.at(),
                                                                                p.mean(),
                                                                                p.min(),
                                                                                p.max(),
                                                                                p.samples()))
                                                        .toList()))
                        .toList(),
                w.scores().stream()
                        .map(
                                s ->
                                        new ScoreView(
                                                s.at(),
                                                s.probability(),
                                                s.alarmed(),
                                                s.timeToFailureHours().isPresent()
                                                        ? s.timeToFailureHours().getAsDouble()
                                                        : null))
                        .toList());
    }

    private Map<ElementId, Element> inventory() {
        return simulation.elements().stream()
                .collect(Collectors.toMap(Element::id, Function.identity(), (a, b) -> a));
    }

    private Element known(String id) {
        return simulation.elements().stream()
                .filter(e -> e.id().value().equals(id))
                .findFirst()
                .orElseThrow(
                        () ->
                                ApiProblem.notFound(
                                        "no element '"
                                                + id
                                                + "' in the network; GET /api/network lists"
                                                + " them"));
    }

    private static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid(
                    name,
                    "'"
                            + value
                            + "' is not an ISO-8601 UTC instant; expected e.g."
                            + " 2025-01-07T06:00:00Z");
        }
    }

    /**
     * @param alarm the predictor's alarm now; null when the element is not at risk
     * @param lastSample the date of the latest sample the predictor took of it; null if none
     *     (connected mode: this instance has not read one since it started)
     */
    record ElementDetail(
            ElementView element,
            PredictionView alarm,
            Instant lastSample,
            List<ElementCase> cases) {}

    record ElementCase(String id, String status, String mode, Instant openedAt, Instant endedAt) {
        static ElementCase of(CaseRecord c) {
            return new ElementCase(
                    c.id().value(),
                    c.status().name(),
                    c.trigger().mode().name(),
                    c.openedAt(),
                    c.endedAt().orElse(null));
        }
    }

    /**
     * @param bucket each point's length (an hour)
     * @param kept how far back the service keeps history ({@code autonoc.console.history-hours})
     * @param horizon the horizon of {@code scores[].probability}
     */
    record TelemetryView(
            ElementView element,
            Instant from,
            Instant to,
            String bucket,
            String kept,
            String horizon,
            List<SeriesView> metrics,
            List<ScoreView> scores) {}

    /** One metric: its key ({@code optical_rx_dbm}) and its hours, oldest first. */
    record SeriesView(String metric, List<PointView> points) {}

    /** An hour starting at {@code at}: the mean, least and greatest of its samples. */
    record PointView(Instant at, double mean, double min, double max, int samples) {}

    /**
     * The predictor's last word in the hour starting at {@code at}.
     *
     * @param timeToFailureHours while alarmed, the model's estimate of the time to failure; null
     *     otherwise
     */
    record ScoreView(Instant at, double probability, boolean alarmed, Double timeToFailureHours) {}
}
