package dev.autonoc.policy;

import dev.autonoc.core.tool.ToolNames;
import java.util.List;

/**
 * Generated rules to add to the default policy, for the load and decision benchmarks: each matches
 * one act tool (in turn), and its condition reads a different part of the variables (cost and risk,
 * facts, the element, the time, the case's prediction, the history). None of them fires for the
 * benchmarks' requests, so the default table still decides; none is shadowed by a broader DENY.
 */
final class ExtraRules {

    private ExtraRules() {}

    private static final List<String> CONDITIONS =
            List.of(
                    "risk == 'HIGH' && cost > %d.0",
                    "has(facts.region) && facts.region == 'zone-%d'",
                    "element.site == 'site-x%d' && time.hour >= 1",
                    "case.predicted && has(case.probability) && case.probability > 0.99 && cost > %d.0",
                    "history.act_calls_today > %d && time.weekend",
                    "has(args.part) && args.part == 'PART-%d' && cost > 100.0");

    /** The default policy's text with {@code n} generated rules appended. */
    static String defaultPlus(int n) {
        return CelPolicyGate.defaultPolicyText() + "\n" + rules(n);
    }

    /** {@code n} generated rules, as items of a policy's {@code rules:} list. */
    static String rules(int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String tool = ToolNames.ACT.get(i % ToolNames.ACT.size());
            String condition = String.format(CONDITIONS.get(i % CONDITIONS.size()), 1000 + i);
            boolean deny = i % 2 == 0;
            out.append("  - id: extra-").append(i).append('\n');
            out.append("    match: {tools: [").append(tool).append("]}\n");
            out.append("    condition: \"").append(condition).append("\"\n");
            out.append("    effect: ").append(deny ? "DENY" : "REQUIRE_APPROVAL").append('\n');
            if (!deny) {
                out.append("    role: noc_supervisor\n");
            }
            out.append("    message: \"extra rule ")
                    .append(i)
                    .append(" on ${tool} at ${cost} GBP\"\n");
        }
        return out.toString();
    }
}
