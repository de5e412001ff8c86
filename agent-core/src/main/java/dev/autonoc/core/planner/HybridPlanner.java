package dev.autonoc.core.planner;

import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.casefile.Exclusion;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.plan.PlanningRequest;
import dev.autonoc.core.planner.llm.Consultation;
import dev.autonoc.core.planner.llm.LlmPlanner;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The playbook plans what it knows; a language model is asked only where the playbook is out of its
 * depth (docs/llm-planner.md, "When the model is asked"):
 *
 * <ul>
 *   <li>no way the playbook knows ends before the deadline, or there is no way to mend at all;
 *   <li>the playbook's plan hands the case to a person;
 *   <li>the case is replanned after a refusal (a far side's, the policy's or a person's), learnt in
 *       this very tick;
 *   <li>the playbook could not plan.
 * </ul>
 *
 * The model's plan is taken only when it passes the checks of {@link LlmPlanner} (schema, catalogue
 * tools, arguments, elements that exist, exclusions, standing effects); a model that fails, times
 * out or answers nonsense leaves the playbook's plan in force. Either way the ledger says so: a
 * {@code MODEL_CONSULTED} event with why the model was asked, what it proposed, the playbook's plan
 * beside it, which was taken and why.
 */
public final class HybridPlanner implements Planner {

    public static final String NAME = "hybrid";

    private final PlaybookPlanner playbook;
    private final LlmPlanner model;
    private final Consumer<AuditEvent> ledger;

    public HybridPlanner(PlaybookPlanner playbook, LlmPlanner model, Consumer<AuditEvent> ledger) {
        this.playbook = Objects.requireNonNull(playbook, "playbook");
        this.model = Objects.requireNonNull(model, "model");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1/playbook " + playbook.version() + "/llm " + model.version();
    }

    @Override
    public Plan plan(PlanningRequest request) {
        Optional<PlaybookPlanner.Assessment> assessed;
        String playbookFailure = "";
        try {
            assessed = Optional.of(playbook.assess(request));
        } catch (RuntimeException e) {
            assessed = Optional.empty();
            playbookFailure = "the playbook could not plan: " + e.getMessage();
        }
        Optional<String> why =
                assessed.isEmpty()
                        ? Optional.of(playbookFailure)
                        : reasonToAsk(request, assessed.get());
        if (why.isEmpty()) {
            return assessed.get().plan();
        }
        Optional<Plan> fallback = assessed.map(PlaybookPlanner.Assessment::plan);
        Consultation c = model.consult(request);
        if (c.plan().isPresent()) {
            ledger.accept(c.event(request, NAME, why.get(), Consultation.Use.ADOPTED, fallback));
            Plan p = c.plan().get();
            return withRationale(p, "asked the model (" + why.get() + "); " + p.rationale());
        }
        if (fallback.isEmpty()) {
            ledger.accept(c.event(request, NAME, why.get(), Consultation.Use.FAILED, fallback));
            throw new IllegalStateException(
                    playbookFailure + "; nor could the model: " + c.failure().get());
        }
        ledger.accept(c.event(request, NAME, why.get(), Consultation.Use.FELL_BACK, fallback));
        Plan p = fallback.get();
        return withRationale(
                p,
                p.rationale()
                        + " (the model was asked, since "
                        + why.get()
                        + ", and not followed: "
                        + c.failure().get()
                        + ")");
    }

    /** Why the model should be asked about this case, if it should. */
    static Optional<String> reasonToAsk(
            PlanningRequest request, PlaybookPlanner.Assessment assessed) {
        if (assessed.doubt().isPresent()) {
            return assessed.doubt();
        }
        if (assessed.plan().escalation().isPresent()) {
            return Optional.of(
                    "the playbook hands the case to a person: "
                            + assessed.plan().escalation().get());
        }
        if (request.context().isReplan()) {
            for (Exclusion e : request.context().exclusions()) {
                if (e.at().equals(request.now())) {
                    return Optional.of(
                            "replanning after a refusal of " + e.tool() + ": " + e.reason());
                }
            }
        }
        return Optional.empty();
    }

    private static Plan withRationale(Plan p, String rationale) {
        return new Plan(
                p.caseId(),
                p.planner(),
                p.plannerVersion(),
                p.steps(),
                rationale,
                p.revision(),
                p.keeps(),
                p.assumptions(),
                p.takes(),
                p.escalation());
    }
}
