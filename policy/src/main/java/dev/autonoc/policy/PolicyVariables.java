package dev.autonoc.policy;

import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.prediction.Prediction;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
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
     * One CEL environment for every policy: built once (the standard library's declarations are the
     * expensive part) and immutable, so programs compiled from it are shared across threads.
     * Heterogeneous numeric comparisons let {@code cost > 1000} and {@code history.spend_today >
     * 50000} type-check and run as a reader expects.
     */
    static final Cel CEL = build();

    private PolicyVariables() {}

    private static Cel build() {
        var builder =
                CelFactory.standardCelBuilder()
                        .setOptions(
                                CelOptions.current()
                                        .enableHeterogeneousNumericComparisons(true)
                                        .build())
                        .setStandardMacros(CelStandardMacro.STANDARD_MACROS);
        TYPES.forEach(builder::addVar);
        return builder.build();
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
