package dev.autonoc.evals.run;

import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.planner.HybridPlanner;
import dev.autonoc.core.planner.PlaybookPlanner;
import dev.autonoc.core.planner.llm.LlmPlanner;
import dev.autonoc.core.planner.llm.ModelChannel;
import dev.autonoc.core.planner.llm.Price;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.tool.ToolDescriptor;
import dev.autonoc.evals.scenario.Scenario;
import dev.autonoc.policy.CelPolicyGate;
import dev.autonoc.predictor.ModelBundle;
import dev.autonoc.predictor.TribuoFailurePredictor;
import dev.autonoc.simulators.OperatorTwin;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Where the evals meet the other modules' adapters: the policy gate, the ledger and the failure
 * model. Everything a run builds from another module is built here, so a changed constructor is one
 * edit.
 */
final class RunWiring {

    private static final AtomicLong DATABASES = new AtomicLong();
    private static final AtomicLong WARM_UPS = new AtomicLong();

    private final Supplier<ModelBundle> model;
    private final Optional<LanguageModel> llm;

    /**
     * @param model the default failure model, loaded once per eval and shared by its runs
     * @param llm the language model of the llm and hybrid planners, if any
     */
    RunWiring(Supplier<ModelBundle> model, Optional<LanguageModel> llm) {
        this.model = model;
        this.llm = llm;
    }

    /**
     * A language model for the planners that ask one: how it is reached, its turns, and what its
     * tokens cost.
     */
    public record LanguageModel(ModelChannel channel, int maxTurns, Price price) {
        public LanguageModel {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(price, "price");
            if (maxTurns < 1) {
                throw new IllegalArgumentException("maxTurns must be >= 1, got " + maxTurns);
            }
        }
    }

    /**
     * The planner of one run; the llm and hybrid planners write their consultations to the run's
     * ledger, the chaos planner draws from the run's seed.
     */
    Planner planner(PlannerName planner, AuditLog ledger, List<ToolDescriptor> tools, long seed) {
        return switch (planner) {
            case PLAYBOOK, REACTIVE, ORACLE -> new PlaybookPlanner();
            case LLM ->
                    new LlmPlanner(
                            requireLlm(planner).channel(),
                            tools,
                            requireLlm(planner).maxTurns(),
                            ledger::append,
                            LlmPlanner.Checks.CATALOGUE,
                            requireLlm(planner).price());
            case HYBRID ->
                    new HybridPlanner(
                            new PlaybookPlanner(),
                            new LlmPlanner(
                                    requireLlm(planner).channel(),
                                    tools,
                                    requireLlm(planner).maxTurns(),
                                    ledger::append,
                                    LlmPlanner.Checks.WORLD,
                                    requireLlm(planner).price()),
                            ledger::append);
            case CHAOS -> new ChaosPlanner(tools, seed);
            case NONE ->
                    throw new IllegalArgumentException(
                            "the none baseline runs no loop and has no planner");
        };
    }

    private LanguageModel requireLlm(PlannerName planner) {
        return llm.orElseThrow(
                () ->
                        new IllegalStateException(
                                "the "
                                        + planner.key()
                                        + " planner needs a language model: --llm-base-url and --llm-model, --llm-config FILE, or --llm-replay DIR"));
    }

    /** A fresh gate per run: the gate's guards count what ran, so runs must not share one. */
    static PolicyGate gate(Scenario scenario) {
        if (scenario.policy() instanceof Scenario.PolicyRef.File file) {
            return CelPolicyGate.load(file.path());
        }
        return CelPolicyGate.defaultPolicy();
    }

    /**
     * A throw-away ledger for one run, in its own in-memory H2 database. Its wall clock only stamps
     * {@code recordedAt}, which the ledger keeps out of the hash chain.
     */
    static Ledger ledger(String scenario, String planner, long seed) {
        String name =
                ("evals-"
                                + DATABASES.incrementAndGet()
                                + "-"
                                + planner
                                + "-"
                                + seed
                                + "-"
                                + scenario)
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9_-]", "-");
        if (name.length() > 100) {
            name = name.substring(0, 100);
        }
        return new Ledger(name, JdbcAuditLog.h2InMemory(name, Clock.systemUTC()));
    }

    /**
     * A ledger like {@link #ledger}'s under a name no run's has, to be closed at once: it warms up
     * the database and its migrations before the first run needs them (EvalRunner's warm-up).
     */
    static Ledger warmUpLedger() {
        String name = "evals-warm-up-" + WARM_UPS.incrementAndGet();
        return new Ledger(name, JdbcAuditLog.h2InMemory(name, Clock.systemUTC()));
    }

    FailurePredictor predictor(PlannerName planner, OperatorTwin twin, List<Element> elements) {
        return switch (planner) {
            case PLAYBOOK, LLM, HYBRID, CHAOS -> new TribuoFailurePredictor(elements, model.get());
            case REACTIVE -> new ReactivePredictor();
            case ORACLE -> new OraclePredictor(twin.groundTruth());
            case NONE ->
                    throw new IllegalArgumentException(
                            "the none baseline runs no loop and has no predictor");
        };
    }

    /** A run's ledger and the name of its database, which is dropped when the run ends. */
    record Ledger(String database, JdbcAuditLog log) implements AutoCloseable {
        @Override
        public void close() {
            log.close();
            // an eval of many runs drops each in-memory ledger when its run is measured
            JdbcAuditLog.dropH2InMemory(database);
        }
    }
}
