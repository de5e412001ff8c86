package dev.autonoc.service.api;

import dev.autonoc.core.cases.CaseId;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.service.api.Views.CaseSummary;
import dev.autonoc.service.api.Views.CaseView;
import dev.autonoc.service.simulation.PredictorHorizon;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The loop's cases, in the order they were opened, and one case with its plan and steps. */
@RestController
@KnownParametersOnly
@RequestMapping("/api/cases")
class CasesController {

    private final CaseStore cases;
    private final PredictorHorizon horizon;

    CasesController(CaseStore cases, PredictorHorizon horizon) {
        this.cases = cases;
        this.horizon = horizon;
    }

    /**
     * @param status {@code open} (active or waiting for approval), {@code ended} (closed or handed
     *     over) or {@code all}
     */
    @GetMapping
    List<CaseSummary> list(@RequestParam(defaultValue = "all") String status) {
        List<CaseRecord> all =
                switch (status.toLowerCase(Locale.ROOT)) {
                    case "all" -> cases.all();
                    case "open" -> cases.open();
                    case "ended" -> cases.all().stream().filter(c -> !c.status().isOpen()).toList();
                    default ->
                            throw ApiProblem.invalid(
                                    "status",
                                    "unknown '" + status + "'; accepted: open, ended, all");
                };
        return all.stream().map(CaseSummary::of).toList();
    }

    @GetMapping("/{id}")
    CaseView one(@PathVariable String id) {
        if (id.isBlank()) {
            // a case id is never blank: no such case, rather than a refused CaseId
            throw ApiProblem.notFound("no case '" + id + "': a case id looks like case-0001");
        }
        return cases.find(new CaseId(id))
                .map(c -> CaseView.of(c, horizon))
                .orElseThrow(() -> ApiProblem.notFound("no case '" + id + "'"));
    }
}
