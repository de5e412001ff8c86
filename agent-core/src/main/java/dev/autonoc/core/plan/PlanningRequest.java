package dev.autonoc.core.plan;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.prediction.Prediction;
import java.time.Instant;
import java.util.Objects;

/**
 * What a planner is given: the case, its element and the latest prediction, the time, the read
 * tools, and where the case stands ({@link CaseContext}: nowhere yet, for a first plan).
 */
public record PlanningRequest(
        CaseId caseId,
        Element element,
        Prediction prediction,
        Instant now,
        ToolReader reader,
        CaseContext context) {

    public PlanningRequest {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(context, "context");
    }

    /** A first plan of a case alone. */
    public PlanningRequest(
            CaseId caseId, Element element, Prediction prediction, Instant now, ToolReader reader) {
        this(caseId, element, prediction, now, reader, CaseContext.first());
    }
}
