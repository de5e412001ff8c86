package dev.autonoc.core.plan;

import dev.autonoc.core.cases.CaseId;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.prediction.Prediction;
import java.time.Instant;
import java.util.Objects;

/** What a planner is given: the case, its element and prediction, the time, and the read tools. */
public record PlanningRequest(
        CaseId caseId, Element element, Prediction prediction, Instant now, ToolReader reader) {

    public PlanningRequest {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(reader, "reader");
    }
}
