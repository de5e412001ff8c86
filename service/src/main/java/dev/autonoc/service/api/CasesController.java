package dev.autonoc.service.api;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.loop.RemediationLoop;
import dev.autonoc.service.api.CaseViews.CaseSummary;
import dev.autonoc.service.api.CaseViews.CaseView;
import dev.autonoc.service.simulation.PredictorHorizon;
import dev.autonoc.service.simulation.Simulation;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The loop's cases, in the order they were opened, and one case with its plan and steps; and what a
 * person does with a case: take it over (the agent stops acting on it), hand it back (the agent
 * plans it again from where it is) or close it. Each of those runs on the simulation's thread,
 * between two ticks, as the signed-in person at the simulated time; the loop writes its event to
 * the ledger before the answer.
 */
@RestController
@KnownParametersOnly
@RequestMapping("/api/cases")
class CasesController {

    static final int MAX_REASON = 2000;

    /** Why a person takes over, hands back or closes a case. */
    record ReasonBody(String reason) {}

    /** The values of {@code ?status=}, each with the cases it selects. */
    enum Filter {
        ALL("all", "every case", c -> true),
        OPEN("open", "not closed", c -> c.status().isOpen()),
        AGENT(
                "agent",
                "ACTIVE or WAITING_APPROVAL: the agent works it",
                c -> c.status().isAgentWorking()),
        NEEDS_PERSON("needs_person", "the agent asks for a person", CaseStatus.NEEDS_PERSON),
        TAKEN_OVER("taken_over", "a person works it", CaseStatus.TAKEN_OVER),
        CLOSED("closed", "over", CaseStatus.CLOSED),
        ENDED("ended", "the same as closed", CaseStatus.CLOSED);

        final String value;
        final String meaning;
        final Predicate<CaseRecord> selects;

        Filter(String value, String meaning, Predicate<CaseRecord> selects) {
            this.value = value;
            this.meaning = meaning;
            this.selects = selects;
        }

        Filter(String value, String meaning, CaseStatus status) {
            this(value, meaning, c -> c.status() == status);
        }

        static Filter of(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            return Arrays.stream(values())
                    .filter(f -> f.value.equals(v))
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    ApiProblem.invalid(
                                            "status",
                                            "unknown '"
                                                    + value
                                                    + "'; accepted: "
                                                    + Arrays.stream(values())
                                                            .map(
                                                                    f ->
                                                                            f.value + " ("
                                                                                    + f.meaning
                                                                                    + ")")
                                                            .collect(Collectors.joining(", "))));
        }
    }

    /** What a person does to a case, through the loop. */
    @FunctionalInterface
    private interface Action {
        CaseRecord apply(RemediationLoop loop, CaseId id, String person, String why, Instant now);
    }

    private final CaseStore cases;
    private final RemediationLoop loop;
    private final Simulation simulation;
    private final PredictorHorizon horizon;

    CasesController(
            CaseStore cases,
            RemediationLoop loop,
            Simulation simulation,
            PredictorHorizon horizon,
            AuditLog audit) {
        this.audit = audit;
        this.cases = cases;
        this.loop = loop;
        this.simulation = simulation;
        this.horizon = horizon;
    }

    /**
     * @param status {@code all}, {@code open} (not closed), {@code agent} (ACTIVE or
     *     WAITING_APPROVAL), {@code needs_person}, {@code taken_over}, {@code closed}, or {@code
     *     ended} (the same as closed)
     */
    @GetMapping
    List<CaseSummary> list(@RequestParam(defaultValue = "all") String status) {
        Filter filter = Filter.of(status);
        return cases.all().stream().filter(filter.selects).map(CaseSummary::of).toList();
    }

    private final AuditLog audit;

    /** One case, with every time its planner asked a language model about it (the ledger's). */
    @GetMapping("/{id}")
    CaseView one(@PathVariable String id) {
        CaseRecord c = known(id);
        List<Map<String, Object>> consulted =
                audit.query(AuditQuery.forCase(c.id().value())).stream()
                        .map(AuditEntry::event)
                        .filter(e -> e.type() == AuditEventType.MODEL_CONSULTED)
                        .map(AuditEvent::payload)
                        .toList();
        return CaseView.of(c, horizon).withModelConsultations(consulted);
    }

    /**
     * A person takes the case over: the agent stops acting on it (its waiting approval requests are
     * withdrawn) until it is handed back or closed. For a case the agent works or that needs a
     * person.
     */
    @PostMapping("/{id}/take-over")
    CaseView takeOver(
            @PathVariable String id,
            @RequestBody(required = false) ReasonBody body,
            Authentication user) {
        return act(
                id,
                body,
                user,
                "take over",
                "a case the agent works (ACTIVE, WAITING_APPROVAL) or that needs a person"
                        + " (NEEDS_PERSON)",
                RemediationLoop::takeOver);
    }

    /**
     * A person hands a case with a person (NEEDS_PERSON or TAKEN_OVER) back to the agent, which
     * plans it again at its next tick from where it is.
     */
    @PostMapping("/{id}/hand-back")
    CaseView handBack(
            @PathVariable String id,
            @RequestBody(required = false) ReasonBody body,
            Authentication user) {
        return act(
                id,
                body,
                user,
                "hand back",
                "a case with a person (NEEDS_PERSON or TAKEN_OVER)",
                RemediationLoop::handBack);
    }

    /** A person closes an open case: it is over, whatever stands (nothing is undone). */
    @PostMapping("/{id}/close")
    CaseView close(
            @PathVariable String id,
            @RequestBody(required = false) ReasonBody body,
            Authentication user) {
        return act(id, body, user, "close", "any case not closed yet", RemediationLoop::close);
    }

    private CaseView act(
            String id,
            ReasonBody body,
            Authentication user,
            String what,
            String acceptedFor,
            Action action) {
        String why = reason(body);
        CaseId caseId = known(id).id();
        String person = user.getName();
        Optional<CaseRecord> done =
                simulation.exclusively(
                        () -> {
                            try {
                                return Optional.of(
                                        action.apply(loop, caseId, person, why, simulation.now()));
                            } catch (IllegalStateException wrongState) {
                                return Optional.empty();
                            }
                        });
        if (done.isEmpty()) {
            CaseRecord now = known(id);
            throw new ApiProblem(
                    HttpStatus.CONFLICT,
                    "Not possible in this state",
                    "case "
                            + id
                            + " is "
                            + now.status()
                            + now.owner().map(o -> " (taken over by " + o + ")").orElse("")
                            + "; "
                            + what
                            + " is for "
                            + acceptedFor,
                    Map.of("status", now.status().name()));
        }
        return CaseView.of(done.get(), horizon);
    }

    private CaseRecord known(String id) {
        if (id.isBlank()) {
            // a case id is never blank: no such case, rather than a refused CaseId
            throw ApiProblem.notFound("no case '" + id + "': a case id looks like case-0001");
        }
        return cases.find(new CaseId(id))
                .orElseThrow(() -> ApiProblem.notFound("no case '" + id + "'"));
    }

    private static String reason(ReasonBody body) {
        String v = body == null || body.reason() == null ? "" : body.reason().strip();
        if (v.isEmpty()) {
            throw ApiProblem.invalid(
                    "reason",
                    "is required: say why, in words (a JSON body like {\"reason\": \"...\"})");
        }
        if (v.length() > MAX_REASON) {
            throw ApiProblem.invalid(
                    "reason", "is at most " + MAX_REASON + " characters, got " + v.length());
        }
        return v;
    }
}
