package dev.autonoc.core.policy;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.ToolCall;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An acting step put before the policy gate: the call, its estimate, the element and case it is
 * for, when, and who proposed it.
 */
public record ActionRequest(
        CaseId caseId,
        int step,
        ToolCall call,
        Estimate estimate,
        Element element,
        Instant at,
        String proposer,
        Optional<Prediction> prediction) {

    public ActionRequest {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(estimate, "estimate");
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(proposer, "proposer");
        Objects.requireNonNull(prediction, "prediction");
    }

    public ActionRequest withCall(ToolCall amended, Estimate newEstimate) {
        return new ActionRequest(
                caseId, step, amended, newEstimate, element, at, proposer, prediction);
    }

    public ActionRequest at(Instant when) {
        return new ActionRequest(caseId, step, call, estimate, element, when, proposer, prediction);
    }
}
