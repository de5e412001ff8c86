package dev.autonoc.evals.run;

import dev.autonoc.core.approval.ApprovalException;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.Approver;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.evals.scenario.Scenario.Approvals;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The NOC staff of a scenario: one supervisor who answers each pending approval request once its
 * {@code delay} has passed, as the scenario's {@code approvals} says: a request for a tool of
 * {@code reject_tools} is rejected whatever the mode (also with {@code never_answer}), the others
 * are answered per the mode. They answer through the queue, so the queue's rules (four eyes, the
 * required role) apply to them as to anyone.
 */
final class SimulatedNoc {

    static final Approver SUPERVISOR =
            new Approver("sim:noc-supervisor", Set.of(RoleHierarchy.NOC_SUPERVISOR));

    private final Approvals settings;
    private final ApprovalQueue queue;
    private final Map<String, String> refused = new LinkedHashMap<>();

    SimulatedNoc(Approvals settings, ApprovalQueue queue) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.queue = Objects.requireNonNull(queue, "queue");
    }

    /** Answers every request whose delay has passed by {@code now}; returns how many. */
    int answerDue(Instant now) {
        if (settings.mode() == Approvals.Mode.NEVER_ANSWER && settings.rejectTools().isEmpty()) {
            return 0;
        }
        int answered = 0;
        for (ApprovalRequest request : queue.pending()) {
            if (refused.containsKey(request.id())
                    || request.requestedAt().plus(settings.delay()).isAfter(now)) {
                continue;
            }
            boolean rejectedTool = settings.rejectTools().contains(request.action().call().tool());
            if (settings.mode() == Approvals.Mode.NEVER_ANSWER && !rejectedTool) {
                continue;
            }
            try {
                if (rejectedTool) {
                    queue.reject(
                            request.id(),
                            SUPERVISOR,
                            "simulated NOC: reject_tools (" + request.action().call().tool() + ")",
                            now);
                } else if (approves(request)) {
                    queue.approve(
                            request.id(),
                            SUPERVISOR,
                            "simulated NOC: " + settings.mode().key(),
                            now,
                            Optional.empty());
                } else {
                    queue.reject(
                            request.id(),
                            SUPERVISOR,
                            "simulated NOC: " + settings.mode().key(),
                            now);
                }
                answered++;
            } catch (ApprovalException e) {
                // a request the supervisor may not answer (a role above theirs) stays pending, as
                // it would
                refused.put(request.id(), e.getMessage());
            }
        }
        return answered;
    }

    /** Requests the supervisor could not answer, with why. */
    List<String> refused() {
        return refused.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
    }

    private boolean approves(ApprovalRequest request) {
        return switch (settings.mode()) {
            case APPROVE_ALL -> true;
            case REJECT_ALL -> false;
            case APPROVE_BELOW ->
                    request.action().estimate().costGbp() < settings.belowGbp().orElseThrow();
            case NEVER_ANSWER -> throw new IllegalStateException("never_answer answers nothing");
        };
    }
}
