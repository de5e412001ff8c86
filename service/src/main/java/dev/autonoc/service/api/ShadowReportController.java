package dev.autonoc.service.api;

import dev.autonoc.service.shadow.ShadowReport;
import dev.autonoc.service.shadow.ShadowReports;
import dev.autonoc.service.shadow.ShadowRequest;
import dev.autonoc.tools.oss.OssException;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/shadow-report?from=&to=[&element=]}: what the agent would have done beside what
 * people did (docs/connected-mode.md, "Autonomy levels"). Connected mode's: the embedded twin has
 * no people acting on it, and answers 404 saying so.
 */
@RestController
@KnownParametersOnly
@RequestMapping("/api/shadow-report")
class ShadowReportController {

    private final ObjectProvider<ShadowReports> reports;

    ShadowReportController(ObjectProvider<ShadowReports> reports) {
        this.reports = reports;
    }

    @GetMapping
    ShadowReport report(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String element) {
        ShadowReports r = reports.getIfAvailable();
        if (r == null) {
            throw ApiProblem.notFound(
                    "the shadow-mode report compares the agent with what people did on an"
                            + " operator's systems: it is made in connected mode"
                            + " (autonoc.mode=connected), and this service runs the embedded twin");
        }
        ShadowRequest asked;
        try {
            asked = ShadowRequest.parse(from, to, element, r);
        } catch (ShadowRequest.Invalid e) {
            throw ApiProblem.invalid(e.parameter(), e.getMessage());
        }
        try {
            return r.report(asked.from(), asked.to(), asked.element());
        } catch (OssException e) {
            throw new ApiProblem(
                    HttpStatus.BAD_GATEWAY,
                    "Operator's systems unavailable",
                    "people's acts could not be read from the operator's systems: "
                            + e.getMessage()
                            + "; try again later",
                    Map.of());
        }
    }
}
