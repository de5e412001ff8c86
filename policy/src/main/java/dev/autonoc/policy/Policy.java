package dev.autonoc.policy;

import dev.autonoc.core.approval.RoleHierarchy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded, compiled policy: immutable, so one instance may back many gates (each with its own
 * counters and decision ids).
 *
 * @param name the file name, or the name given with the text
 * @param version {@code sha256:} and the hex digest of the file's bytes
 * @param rules in file order
 * @param roles the hierarchy its roles were checked against, used to pick the highest role
 * @param rulesByTool per act tool, the rules that name it, in file order
 * @param data the lists and calendars the file declares
 * @param written {@code rules} as the file wrote them, in the same order: what explanations show
 */
record Policy(
        String name,
        String version,
        List<CompiledRule> rules,
        RoleHierarchy roles,
        Map<String, List<CompiledRule>> rulesByTool,
        PolicyData data,
        List<PolicyRule> written) {

    Policy(
            String name,
            String version,
            List<CompiledRule> rules,
            RoleHierarchy roles,
            PolicyData data) {
        this(
                name,
                version,
                List.copyOf(rules),
                roles,
                byTool(rules),
                data,
                rules.stream().map(CompiledRule::written).toList());
    }

    /** The same policy with every expression evaluated by CEL alone: for tests. */
    Policy celOnly() {
        return new Policy(
                name, version, rules.stream().map(CompiledRule::celOnly).toList(), roles, data);
    }

    Policy {
        rules = List.copyOf(rules);
        rulesByTool = Map.copyOf(rulesByTool);
        written = List.copyOf(written);
    }

    /** The rules that name {@code tool}, in file order: the only ones a request of it can match. */
    List<CompiledRule> rulesFor(String tool) {
        return rulesByTool.getOrDefault(tool, List.of());
    }

    private static Map<String, List<CompiledRule>> byTool(List<CompiledRule> rules) {
        Map<String, List<CompiledRule>> out = new HashMap<>();
        for (CompiledRule rule : rules) {
            for (String tool : rule.match().tools()) {
                out.computeIfAbsent(tool, t -> new ArrayList<>()).add(rule);
            }
        }
        out.replaceAll((tool, list) -> List.copyOf(list));
        return out;
    }
}
