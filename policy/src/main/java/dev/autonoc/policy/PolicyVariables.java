package dev.autonoc.policy;

import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.prediction.Prediction;
import dev.cel.checker.CelStandardDeclarations;
import dev.cel.common.CelOptions;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelVariableResolver;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variables a rule's condition and message may use, their CEL types, and how they are filled
 * from an {@link ActionRequest} and the guards' {@link History}. README.md documents each one.
 */
final class PolicyVariables {

    private static final CelOptions OPTIONS =
            CelOptions.current().enableHeterogeneousNumericComparisons(true).build();

    private static final CelType DYN_MAP = MapType.create(SimpleType.STRING, SimpleType.DYN);

    /** Name and CEL type of every variable, in the order the README lists them. */
    static final Map<String, CelType> TYPES;

    /**
     * The keys of the variables whose keys are fixed by the gate (not by a tool): naming another
     * key of these is a typo, refused at load instead of failing every evaluation.
     */
    static final Map<String, List<String>> FIXED_KEYS =
            Map.of(
                    "element", List.of("id", "kind", "role", "region", "site"),
                    "time", List.of("hour", "minute", "weekday", "weekend", "date"),
                    "history", History.KEYS,
                    "case",
                            List.of(
                                    "id",
                                    "step",
                                    "predicted",
                                    "probability",
                                    "mode",
                                    "time_to_failure_hours"));

    static {
        Map<String, CelType> types = new LinkedHashMap<>();
        types.put("tool", SimpleType.STRING);
        types.put("args", DYN_MAP);
        types.put("cost", SimpleType.DOUBLE);
        types.put("risk", SimpleType.STRING);
        types.put("facts", DYN_MAP);
        types.put("element", MapType.create(SimpleType.STRING, SimpleType.STRING));
        types.put("time", DYN_MAP);
        types.put("history", DYN_MAP);
        types.put("case", DYN_MAP);
        types.put("proposer", SimpleType.STRING);
        TYPES = java.util.Collections.unmodifiableMap(types);
    }

    /**
     * One CEL compiler and one runtime for every policy, built once and immutable, so programs
     * compiled from them are shared across threads. Heterogeneous numeric comparisons let {@code
     * cost > 1000} and {@code history.spend_today > 50000} type-check and run as a reader expects.
     *
     * <p>The standard declarations are built here, once, and handed to the compiler: with the
     * standard environment merely "enabled", CEL 0.14's checker rebuilds every standard function
     * declaration for each expression it checks, which made a policy of 24 rules take 170 ms to
     * load.
     */
    static final CelCompiler COMPILER = compiler();

    static final CelRuntime RUNTIME =
            CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

    private PolicyVariables() {}

    private static CelCompiler compiler() {
        CelStandardDeclarations standard =
                CelStandardDeclarations.newBuilder()
                        .filterFunctions(PolicyVariables::standardOverload)
                        .build();
        var builder =
                CelCompilerFactory.standardCelCompilerBuilder()
                        .setOptions(OPTIONS)
                        .setStandardEnvironmentEnabled(false)
                        .setStandardDeclarations(standard)
                        .setStandardMacros(CelStandardMacro.STANDARD_MACROS);
        TYPES.forEach(builder::addVar);
        return builder.build();
    }

    /**
     * The overloads CEL's own standard environment keeps for {@link #OPTIONS} (its {@code
     * Env.standard} filter): without unsigned longs no int-to-int conversion, without timestamp
     * epochs no int-to-timestamp, and the mixed int/double comparisons only when heterogeneous
     * comparisons are on.
     */
    private static boolean standardOverload(
            CelStandardDeclarations.StandardFunction function,
            CelStandardDeclarations.StandardOverload overload) {
        if (!OPTIONS.enableUnsignedLongs()
                && overload.equals(
                        CelStandardDeclarations.StandardFunction.Overload.Conversions
                                .INT64_TO_INT64)) {
            return false;
        }
        if (!OPTIONS.enableTimestampEpoch()
                && overload.equals(
                        CelStandardDeclarations.StandardFunction.Overload.Conversions
                                .INT64_TO_TIMESTAMP)) {
            return false;
        }
        return OPTIONS.enableHeterogeneousNumericComparisons()
                || !(overload
                                instanceof
                                CelStandardDeclarations.StandardFunction.Overload.Comparison c
                        && c.isHeterogeneousComparison());
    }

    /**
     * The activation for one request, each variable computed when a rule first reads it and then
     * kept: most decisions read a few of the ten. Not thread-safe; one per evaluation.
     */
    static CelVariableResolver resolver(ActionRequest request, History history) {
        Object[] values = new Object[NAMES.size()];
        return name -> {
            int i = NAMES.indexOf(name);
            if (i < 0) {
                return Optional.empty();
            }
            if (values[i] == null) {
                values[i] = value(name, request, history);
            }
            return Optional.of(values[i]);
        };
    }

    private static final List<String> NAMES = List.copyOf(TYPES.keySet());

    private static Object value(String name, ActionRequest request, History history) {
        return switch (name) {
            case "tool" -> request.call().tool();
            case "args" -> Values.normaliseMap(request.call().arguments());
            case "cost" -> request.estimate().costGbp();
            case "risk" -> request.estimate().risk().name();
            case "facts" -> Values.normaliseMap(request.estimate().facts());
            case "element" -> element(request);
            case "time" -> time(request.at());
            case "history" -> history.toVariable();
            case "case" -> caseOf(request);
            case "proposer" -> request.proposer();
            default -> throw new IllegalArgumentException("not a policy variable: " + name);
        };
    }

    private static Map<String, Object> element(ActionRequest request) {
        return Map.of(
                "id", request.element().id().value(),
                "kind", request.element().kind().name(),
                "role", request.element().role(),
                "region", request.element().region(),
                "site", request.element().site());
    }

    /** The activation for one request: every declared variable is bound. */
    static Map<String, Object> of(ActionRequest request, History history) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("tool", request.call().tool());
        vars.put("args", Values.normaliseMap(request.call().arguments()));
        vars.put("cost", request.estimate().costGbp());
        vars.put("risk", request.estimate().risk().name());
        vars.put("facts", Values.normaliseMap(request.estimate().facts()));
        vars.put(
                "element",
                Map.of(
                        "id", request.element().id().value(),
                        "kind", request.element().kind().name(),
                        "role", request.element().role(),
                        "region", request.element().region(),
                        "site", request.element().site()));
        vars.put("time", time(request.at()));
        vars.put("history", history.toVariable());
        vars.put("case", caseOf(request));
        vars.put("proposer", request.proposer());
        return vars;
    }

    private static Map<String, Object> time(Instant at) {
        ZonedDateTime t = at.atZone(ZoneOffset.UTC);
        DayOfWeek day = t.getDayOfWeek();
        return Map.of(
                "hour",
                (long) t.getHour(),
                "minute",
                (long) t.getMinute(),
                "weekday",
                day.name(),
                "weekend",
                day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY,
                "date",
                t.toLocalDate().toString());
    }

    private static Map<String, Object> caseOf(ActionRequest request) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", request.caseId().value());
        c.put("step", (long) request.step());
        c.put("predicted", request.prediction().isPresent());
        if (request.prediction().isPresent()) {
            Prediction p = request.prediction().get();
            c.put("probability", p.probability());
            c.put("mode", p.mode().name());
            c.put("time_to_failure_hours", p.timeToFailure().toSeconds() / 3600.0);
        }
        return c;
    }
}
