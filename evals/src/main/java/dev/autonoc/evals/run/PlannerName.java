package dev.autonoc.evals.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The planners an eval can run, by the names {@code --planner} takes.
 *
 * <ul>
 *   <li>{@code playbook}: the Tribuo failure predictor with the default model, and the playbook
 *       planner: the system as it ships
 *   <li>{@code none}: no loop at all; the network is left alone
 *   <li>{@code reactive}: acts only once an element is down (an alarm-driven predictor), with the
 *       playbook planner
 *   <li>{@code oracle}: the playbook planner fed the true fault mode and time to failure from the
 *       moment of onset
 *   <li>{@code llm}: the Tribuo predictor, and a language model as the planner (its plans checked
 *       against the catalogue only, so that what a model would do reaches the gate)
 *   <li>{@code hybrid}: the Tribuo predictor, the playbook, and a language model where the playbook
 *       is out of its depth (docs/llm-planner.md)
 *   <li>{@code chaos}: the Tribuo predictor and seeded random well-formed plans from the catalogue:
 *       a fuzzer of the gate, never a planner to ship
 * </ul>
 */
public enum PlannerName {
    PLAYBOOK,
    NONE,
    REACTIVE,
    ORACLE,
    LLM,
    HYBRID,
    CHAOS;

    /** Whether the planner needs a language model (--llm-* options). */
    public boolean needsModel() {
        return this == LLM || this == HYBRID;
    }

    /** Whether the planner's runs use the trained failure model. */
    public boolean usesFailureModel() {
        return this == PLAYBOOK || this == LLM || this == HYBRID || this == CHAOS;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PlannerName> fromKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key().equals(key)).findFirst();
    }

    public static String keys() {
        return Arrays.stream(values()).map(PlannerName::key).collect(Collectors.joining(", "));
    }

    /**
     * Parses a comma-separated list ({@code playbook,oracle}), keeping the order given and dropping
     * repeats.
     *
     * @throws IllegalArgumentException naming each unknown name and the known ones
     */
    public static List<PlannerName> parseList(String csv) {
        List<PlannerName> planners = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String raw : csv.split(",", -1)) {
            String name = raw.trim();
            Optional<PlannerName> planner = fromKey(name);
            if (planner.isEmpty()) {
                unknown.add("'" + name + "'");
            } else if (!planners.contains(planner.get())) {
                planners.add(planner.get());
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown planner " + String.join(", ", unknown) + "; known: " + keys());
        }
        return planners;
    }
}
