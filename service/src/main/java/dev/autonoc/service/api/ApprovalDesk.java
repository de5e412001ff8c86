package dev.autonoc.service.api;

import dev.autonoc.core.approval.AbstractApprovalQueue;
import dev.autonoc.core.approval.Actors;
import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalException;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.ApprovalRules;
import dev.autonoc.core.approval.Approver;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.loop.AnswerLog;
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
import dev.autonoc.service.mcp.McpToolGateway;
import dev.autonoc.service.simulation.PredictorHorizon;
import dev.autonoc.service.simulation.Simulation;
import dev.autonoc.service.simulation.SimulationUnavailableException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Where people answer the approval queue. The queue itself enforces who may answer; the desk checks
 * first so that a refusal names its rule ({@code required-role}, {@code four-eyes}, {@code
 * no-agent-approval}, {@code no-system-approval}, {@code already-answered}) and answers with the
 * right status. The answer is stamped with the simulated time, the loop's time.
 *
 * <p>An answer is in the ledger ({@code APPROVAL_ANSWERED}) before the desk reports it done, for
 * the loop's requests and for MCP clients' alike (safety property 4): the queue holds it, then the
 * ledger, both on the simulation's thread so that the loop, reading the answer, never writes it a
 * second time ({@link AnswerLog}). At start, an answer the queue holds and the ledger does not (a
 * stop between the two) is written.
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
    private final AuditLog audit;
    // the events of an MCP client's request carry via=mcp, as its other events do
    private final AnswerLog loopAnswers;
    private final AnswerLog mcpAnswers;
    // approval id -> who its element serves, read once; dropped when the request is answered
    private final Map<String, CustomersView> customers = new ConcurrentHashMap<>();

    ApprovalDesk(
            ApprovalQueue queue,
            CaseStore cases,
            Simulation simulation,
            RoleHierarchy roles,
            PredictorHorizon horizon,
            AuditLog audit) {
        this.queue = queue;
        this.cases = cases;
        this.simulation = simulation;
        this.roles = roles;
        this.horizon = horizon;
        this.audit = audit;
        this.loopAnswers = new AnswerLog(audit, Map.of());
        this.mcpAnswers = new AnswerLog(audit, McpToolGateway.TAGS);
    }

    private AnswerLog answerLogOf(ApprovalRequest request) {
        return request.action().proposer().startsWith(McpToolGateway.ACTOR_PREFIX)
                ? mcpAnswers
                : loopAnswers;
    }

    /**
     * Writes the answers the queue holds and the ledger does not: a stop between the two when an
     * answer was given. On the simulation's thread, as answers are.
     */
    @EventListener(ApplicationReadyEvent.class)
    void logAnswersMissingFromTheLedger() {
        if (!(queue instanceof AbstractApprovalQueue all)) {
            return;
        }
        Runnable sweep =
                () -> {
                    Set<Object> logged = new HashSet<>();
                    long after = 0;
                    while (true) {
                        List<AuditEntry> page =
                                audit.query(
                                        new AuditQuery(
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.of(AuditEventType.APPROVAL_ANSWERED),
                                                Optional.empty(),
                                                Optional.empty(),
                                                after,
                                                10_000));
                        page.forEach(e -> logged.add(e.event().payload().get("approval_id")));
                        if (page.size() < 10_000) {
                            break;
                        }
                        after = page.get(page.size() - 1).sequence();
                    }
                    for (ApprovalRequest r : all.requests()) {
                        if (!logged.contains(r.id())) {
                            queue.answer(r.id()).ifPresent(a -> answerLogOf(r).record(r, a));
                        }
                    }
                };
        try {
            simulation.exclusively(
                    () -> {
                        sweep.run();
                        return null;
                    });
        } catch (SimulationUnavailableException e) {
            sweep.run(); // nothing else answers or reads answers while it is stopped
        }
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
        return answered(
                request,
                approver,
                () -> queue.approve(id, approver, comment, simulation.now(), amended));
    }

    ApprovalAnswer reject(String id, Approver approver, String reason) {
        ApprovalRequest request = answerable(id, approver);
        return answered(
                request, approver, () -> queue.reject(id, approver, reason, simulation.now()));
    }

    /**
     * Gives the answer and writes it to the ledger, on the simulation's thread, before returning.
     */
    private ApprovalAnswer answered(
            ApprovalRequest request, Approver approver, Supplier<ApprovalAnswer> answer) {
        return simulation.exclusively(
                () -> {
                    ApprovalAnswer a;
                    try {
                        a = answer.get();
                    } catch (ApprovalException e) {
                        throw refusal(request, approver, e);
                    }
                    answerLogOf(request).record(request, a);
                    return a;
                });
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
