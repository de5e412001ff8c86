package dev.autonoc.evals.run;

import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.planner.llm.ModelChannel;
import dev.autonoc.core.planner.llm.Price;
import dev.autonoc.evals.report.EvalReport;
import dev.autonoc.evals.report.RunReport;
import dev.autonoc.evals.scenario.Scenario;
import dev.autonoc.policy.CelPolicyGate;
import dev.autonoc.predictor.ModelBundle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Runs scenarios × seeds × planners, each run in a fresh world, spread over a fixed pool of
 * threads, and gathers the results in a fixed order (scenario, planner, seed) whatever order they
 * finish in. When the capture ratio needs the reactive or oracle baseline and it was not asked for,
 * it runs too and is reported apart.
 */
public final class EvalRunner {

    /**
     * @param seeds k: each scenario runs with seed, seed+1, ..., seed+k-1
     * @param threads how many runs at once
     * @param baselines whether to run the reactive and oracle baselines the capture ratio needs
     * @param trails a folder to export each run's audit trail to (JSON Lines), if any
     */
    public record Options(
            List<PlannerName> planners,
            int seeds,
            int threads,
            boolean baselines,
            Optional<Path> trails) {

        public Options {
            planners = List.copyOf(planners);
            Objects.requireNonNull(trails, "trails");
            if (planners.isEmpty()) {
                throw new IllegalArgumentException(
                        "name at least one planner; known: " + PlannerName.keys());
            }
            if (seeds < 1) {
                throw new IllegalArgumentException("--seeds must be at least 1, got " + seeds);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
            }
        }

        /** The given planners, k seeds, one thread per core, baselines on, no trails. */
        public static Options of(List<PlannerName> planners, int seeds) {
            return new Options(
                    planners,
                    seeds,
                    Runtime.getRuntime().availableProcessors(),
                    true,
                    Optional.empty());
        }
    }

    private final Options options;
    private final Supplier<ModelBundle> model;
    private final Progress progress;
    private final UnaryOperator<Planner> plannerVariant;
    private final Optional<RunWiring.LanguageModel> llm;

    public EvalRunner(Options options) {
        this(options, ModelBundle::loadDefault);
    }

    /**
     * A runner whose playbook planner uses the given failure model rather than the default.
     *
     * @param model supplies the model; called at most once, when the first run needs it
     */
    public EvalRunner(Options options, Supplier<ModelBundle> model) {
        this(
                options,
                memoize(Objects.requireNonNull(model, "model")),
                Progress.NONE,
                p -> p,
                Optional.empty());
    }

    private EvalRunner(
            Options options,
            Supplier<ModelBundle> model,
            Progress progress,
            UnaryOperator<Planner> plannerVariant,
            Optional<RunWiring.LanguageModel> llm) {
        this.options = Objects.requireNonNull(options, "options");
        this.model = model;
        this.progress = Objects.requireNonNull(progress, "progress");
        this.plannerVariant = Objects.requireNonNull(plannerVariant, "plannerVariant");
        this.llm = Objects.requireNonNull(llm, "llm");
    }

    /** The same runner, telling {@code progress} how the runs go. */
    public EvalRunner withProgress(Progress progress) {
        return new EvalRunner(options, model, progress, plannerVariant, llm);
    }

    /**
     * The same runner with a language model for the llm and hybrid planners: live, recording, or
     * replaying a recording ({@code dev.autonoc.core.planner.llm}).
     *
     * @param maxTurns how many answers the model gets per plan
     * @param price what its tokens cost ({@link Price#NONE}: not priced)
     */
    public EvalRunner withLanguageModel(ModelChannel channel, int maxTurns, Price price) {
        return new EvalRunner(
                options,
                model,
                progress,
                plannerVariant,
                Optional.of(new RunWiring.LanguageModel(channel, maxTurns, price)));
    }

    /**
     * The same runner with a changed planner: every run that plans gets {@code variant} applied to
     * the planner it would have had. For measuring a planner change against the shipped planner
     * with {@code autonoc eval compare}; the runs still report the planner names they were asked
     * by.
     */
    public EvalRunner withPlannerVariant(UnaryOperator<Planner> variant) {
        return new EvalRunner(options, model, progress, variant, llm);
    }

    /** The planners run beside those asked for, so the capture ratio can be computed. */
    public List<PlannerName> baselinesNeeded() {
        List<PlannerName> extra = new ArrayList<>();
        if (options.baselines()) {
            for (PlannerName b : List.of(PlannerName.REACTIVE, PlannerName.ORACLE)) {
                if (!options.planners().contains(b)) {
                    extra.add(b);
                }
            }
        }
        return extra;
    }

    /**
     * Runs every (scenario, seed, planner). Loads the failure model first when a planner needs it,
     * so a model that does not load stops the eval before any run.
     *
     * @throws IllegalStateException when the failure model does not load
     */
    public EvalReport run(List<Scenario> scenarios) {
        long started = System.nanoTime(); // wall time, only to report how long the eval took
        if (llm.isEmpty()) {
            for (PlannerName p : options.planners()) {
                if (p.needsModel()) {
                    throw new IllegalStateException(
                            "the "
                                    + p.key()
                                    + " planner needs a language model: --llm-base-url and --llm-model, --llm-config FILE, or --llm-replay DIR");
                }
            }
        }
        warmUp(scenarios);
        if (options.planners().stream().anyMatch(PlannerName::usesFailureModel)) {
            try {
                model.get();
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "the playbook planner's failure model does not load: " + e.getMessage(), e);
            }
        }
        RunWiring wiring = new RunWiring(model, llm);
        List<Planned> asked = plan(scenarios, options.planners(), wiring);
        List<Planned> baselines = plan(scenarios, baselinesNeeded(), wiring);
        progress.started(asked.size() + baselines.size(), options.threads());
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), EvalRunner::daemon);
        try {
            List<Future<RunReport>> askedRuns = submit(pool, asked);
            List<Future<RunReport>> baselineRuns = submit(pool, baselines);
            List<RunReport> runs = collect(askedRuns);
            List<RunReport> baselineReports = collect(baselineRuns);
            progress.finished();
            return new EvalReport(
                    options.planners().stream().map(PlannerName::key).toList(),
                    options.seeds(),
                    runs,
                    baselineReports,
                    (System.nanoTime() - started) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Starts, on a thread of its own, the one-off work every eval's first run would otherwise do on
     * its own thread before its first tick: the ledger's database and migrations (H2 and Flyway
     * load and compile hundreds of classes), and the default policy's compilation when a scenario
     * uses it. Meanwhile this thread loads the failure model: on two cores a one-run eval's start
     * is then the longer of the two, not their sum. Nothing it makes is kept or seen by a run: the
     * throw-away ledger has its own name and is dropped, the policy is compiled once per JVM
     * whoever asks first.
     */
    private static void warmUp(List<Scenario> scenarios) {
        boolean defaultPolicy =
                scenarios.stream().anyMatch(s -> !(s.policy() instanceof Scenario.PolicyRef.File));
        Thread t =
                new Thread(
                        () -> {
                            try (RunWiring.Ledger ledger = RunWiring.warmUpLedger()) {
                                ledger.log().entries();
                            }
                            if (defaultPolicy) {
                                CelPolicyGate.defaultPolicy();
                            }
                        },
                        "autonoc-eval-warm-up");
        t.setDaemon(true);
        // a warm-up that fails costs nothing but its time: the run that needs the same thing
        // meets the same error and reports it as its own
        t.setUncaughtExceptionHandler((thread, e) -> {});
        t.start();
    }

    /** A run to do, and what it is called in the progress. */
    private record Planned(SingleRun run, String scenario, String planner, long seed) {}

    private List<Planned> plan(
            List<Scenario> scenarios, List<PlannerName> planners, RunWiring wiring) {
        List<Planned> runs = new ArrayList<>();
        for (Scenario s : scenarios) {
            for (PlannerName p : planners) {
                for (int i = 0; i < options.seeds(); i++) {
                    runs.add(
                            new Planned(
                                    new SingleRun(s, s.seed(i), p, wiring, options.trails()),
                                    s.id(),
                                    p.key(),
                                    s.seed(i)));
                }
            }
        }
        return runs;
    }

    private List<Future<RunReport>> submit(ExecutorService pool, List<Planned> runs) {
        return runs.stream().map(r -> pool.submit(() -> runOne(r))).toList();
    }

    /** One run with its hooks bound: the planner variant in, the faulted elements recorded. */
    private RunReport runOne(Planned planned) {
        progress.runStarted(planned.scenario(), planned.planner(), planned.seed());
        RunHooks hooks = new RunHooks(plannerVariant, true);
        RunReport report = hooks.around(planned.run()::run);
        RunReport recorded = hooks.telemetry().map(report::withTelemetry).orElse(report);
        progress.runFinished(recorded);
        return recorded;
    }

    private static List<RunReport> collect(List<Future<RunReport>> futures) {
        List<RunReport> reports = new ArrayList<>();
        for (Future<RunReport> f : futures) {
            try {
                reports.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the eval was interrupted", e);
            } catch (ExecutionException e) {
                // SingleRun turns every exception into a failed run; this is an Error
                throw new IllegalStateException("a run died: " + e.getCause(), e.getCause());
            }
        }
        return reports;
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "autonoc-eval");
        t.setDaemon(true);
        return t;
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
