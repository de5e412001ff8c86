package dev.autonoc.policy;

import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.prediction.Prediction;
import dev.cel.checker.CelStandardDeclarations;
import dev.cel.common.CelOptions;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        types.put("lists", MapType.create(SimpleType.STRING, ListType.create(SimpleType.STRING)));
        types.put("calendars", MapType.create(SimpleType.STRING, SimpleType.BOOL));
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

    /** How many variables there are; {@link #index} gives each its place. */
    static final int COUNT = 12;

    /** The variable's place in an {@link Activation}, or -1 for a name that is not a variable. */
    static int index(String name) {
        return switch (name) {
            case "tool" -> 0;
            case "args" -> 1;
            case "cost" -> 2;
            case "risk" -> 3;
            case "facts" -> 4;
            case "element" -> 5;
            case "time" -> 6;
            case "history" -> 7;
            case "case" -> 8;
            case "proposer" -> 9;
            case "lists" -> 10;
            case "calendars" -> 11;
            default -> -1;
        };
    }

    /** The value of variable {@code i} for one request. */
    static Object value(int i, ActionRequest request, History history, PolicyData data) {
        return switch (i) {
            case 0 -> request.call().tool();
            case 1 -> Values.normaliseMap(request.call().arguments());
            case 2 -> request.estimate().costGbp();
            case 3 -> request.estimate().risk().name();
            case 4 -> Values.normaliseMap(request.estimate().facts());
            case 5 -> element(request);
            case 6 -> time(request.at());
            case 7 -> history.toVariable();
            case 8 -> caseOf(request);
            case 9 -> request.proposer();
            case 10 -> data.listsVariable();
            case 11 -> data.calendarsAt(request.at());
            default -> throw new IllegalArgumentException("not a policy variable: " + i);
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
    static Map<String, Object> of(ActionRequest request, History history, PolicyData data) {
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
        vars.put("lists", data.listsVariable());
        vars.put("calendars", data.calendarsAt(request.at()));
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
