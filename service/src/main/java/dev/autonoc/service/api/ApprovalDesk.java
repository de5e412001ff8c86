package dev.autonoc.service.api;

import dev.autonoc.core.approval.Actors;
import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalException;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.ApprovalRules;
import dev.autonoc.core.approval.Approver;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.service.api.Views.ApprovalView;
import dev.autonoc.service.api.Views.CustomersView;
import dev.autonoc.service.api.Views.DecisionView;
import dev.autonoc.service.api.Views.ElementView;
import dev.autonoc.service.api.Views.PredictionView;
import dev.autonoc.service.api.Views.YourAnswer;
import dev.autonoc.service.simulation.PredictorHorizon;
import dev.autonoc.service.simulation.Simulation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Where people answer the approval queue. The queue itself enforces who may answer; the desk checks
 * first so that a refusal names its rule ({@code required-role}, {@code four-eyes}, {@code
 * no-agent-approval}, {@code no-system-approval}, {@code already-answered}) and answers with the
 * right status. The answer is stamped with the simulated time, the loop's time.
 */
@Component
class ApprovalDesk {

    static final String RULE_REQUIRED_ROLE = "required-role";
    static final String RULE_FOUR_EYES = "four-eyes";
    static final String RULE_NO_AGENT = "no-agent-approval";
    static final String RULE_NO_SYSTEM = "no-system-approval";
    static final String RULE_ALREADY_ANSWERED = "already-answered";

    private final ApprovalQueue queue;
    private final CaseStore cases;
    private final Simulation simulation;
    private final RoleHierarchy roles;
    private final PredictorHorizon horizon;
    // approval id -> who its element serves, read once; dropped when the request is answered
    private final Map<String, CustomersView> customers = new ConcurrentHashMap<>();

    ApprovalDesk(
            ApprovalQueue queue,
            CaseStore cases,
            Simulation simulation,
            RoleHierarchy roles,
            PredictorHorizon horizon) {
        this.queue = queue;
        this.cases = cases;
        this.simulation = simulation;
        this.roles = roles;
        this.horizon = horizon;
    }

    List<ApprovalView> pending(Approver viewer) {
        List<ApprovalRequest> pending = queue.pending();
        Set<String> ids = pending.stream().map(ApprovalRequest::id).collect(Collectors.toSet());
        customers.keySet().retainAll(ids);
        return pending.stream().map(r -> view(r, viewer)).toList();
    }

    /**
     * Who the action's element serves, read once per request from the live network (the answer of
     * {@code get_affected_customers} when the request was first shown); null when the network
     * cannot say.
     */
    private CustomersView customersOf(ApprovalRequest request) {
        return customers.computeIfAbsent(
                request.id(),
                id -> {
                    try {
                        ToolResult r =
                                simulation.read(
                                        ToolCall.of(
                                                ToolNames.GET_AFFECTED_CUSTOMERS,
                                                Map.of(
                                                        "element_id",
                                                        request.action().element().id().value())));
                        return r.succeeded() ? CustomersView.of(r.output()) : CustomersView.NONE;
                    } catch (RuntimeException e) {
                        return CustomersView.NONE;
                    }
                });
    }

    ApprovalView view(ApprovalRequest request, Approver viewer) {
        ActionRequest action = request.action();
        String purpose =
                cases.find(action.caseId())
                        .flatMap(c -> Views.plannedStep(c, action.step()))
                        .map(s -> s.purpose())
                        .orElse("");
        Element element = action.element();
        return new ApprovalView(
                request.id(),
                action.caseId().value(),
                action.step(),
                purpose,
                action.call().tool(),
                action.call().arguments(),
                action.estimate().costGbp(),
                action.estimate().risk().name(),
                action.estimate().facts(),
                ElementView.of(element),
                action.proposer(),
                request.requestedAt(),
                request.requiredRole(),
                DecisionView.of(request.decision()),
                action.prediction()
                        .map(p -> PredictionView.of(p, Optional.of(element), horizon))
                        .orElse(null),
                customersOf(request).orNull(),
                yourAnswer(request, viewer));
    }

    ApprovalAnswer approve(
            String id, Approver approver, String comment, Optional<Map<String, Object>> arguments) {
        ApprovalRequest request = answerable(id, approver);
        Optional<ToolCall> amended =
                arguments.map(a -> ToolCall.of(request.action().call().tool(), a));
        try {
            return queue.approve(id, approver, comment, simulation.now(), amended);
        } catch (ApprovalException e) {
            throw refusal(request, approver, e);
        }
    }

    ApprovalAnswer reject(String id, Approver approver, String reason) {
        ApprovalRequest request = answerable(id, approver);
        try {
            return queue.reject(id, approver, reason, simulation.now());
        } catch (ApprovalException e) {
            throw refusal(request, approver, e);
        }
    }

    private ApprovalRequest answerable(String id, Approver approver) {
        ApprovalRequest request =
                queue.find(id)
                        .orElseThrow(
                                () ->
                                        ApiProblem.notFound(
                                                "no approval request '"
                                                        + id
                                                        + "'; pending: "
                                                        + queue.pending().stream()
                                                                .map(ApprovalRequest::id)
                                                                .toList()));
        queue.answer(id)
                .ifPresent(
                        a -> {
                            throw alreadyAnswered(a);
                        });
        try {
            ApprovalRules.check(request, approver, roles);
        } catch (ApprovalException e) {
            throw refusal(request, approver, e);
        }
        return request;
    }

    private YourAnswer yourAnswer(ApprovalRequest request, Approver viewer) {
        try {
            String role = ApprovalRules.check(request, viewer, roles);
            return new YourAnswer(true, null, "you may answer as " + role);
        } catch (ApprovalException e) {
            return new YourAnswer(false, rule(request, viewer), e.getMessage());
        }
    }

    private ApiProblem refusal(ApprovalRequest request, Approver approver, ApprovalException e) {
        Optional<ApprovalAnswer> answered = queue.answer(request.id());
        if (answered.isPresent()) {
            return alreadyAnswered(answered.get());
        }
        return ApiProblem.refused(HttpStatus.FORBIDDEN, rule(request, approver), e.getMessage());
    }

    private static ApiProblem alreadyAnswered(ApprovalAnswer a) {
        return ApiProblem.refused(
                HttpStatus.CONFLICT,
                RULE_ALREADY_ANSWERED,
                "approval request '"
                        + a.requestId()
                        + "' is already answered: "
                        + a.verdict().name().toLowerCase(java.util.Locale.ROOT)
                        + " by '"
                        + a.by()
                        + "' at "
                        + a.at());
    }

    /** The rule {@link ApprovalRules#check} applies first, in its order. */
    private String rule(ApprovalRequest request, Approver approver) {
        if (Actors.isAgent(approver.name())) {
            return RULE_NO_AGENT;
        }
        if (approver.name().equals(Actors.SYSTEM)) {
            return RULE_NO_SYSTEM;
        }
        if (Actors.proposedBy(request.action().proposer(), approver.name())) {
            return RULE_FOUR_EYES;
        }
        return RULE_REQUIRED_ROLE;
    }
}
