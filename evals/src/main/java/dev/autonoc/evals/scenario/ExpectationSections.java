package dev.autonoc.evals.scenario;

import static dev.autonoc.evals.scenario.CheckedReads.optional;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.evals.scenario.Scenario.Approvals;
import dev.autonoc.evals.scenario.Scenario.Expect;
import dev.autonoc.evals.scenario.Scenario.PolicyRef;
import dev.autonoc.evals.scenario.YamlNode.Mapping;
import dev.autonoc.evals.scenario.YamlNode.Scalar;
import dev.autonoc.policy.CelPolicyGate;
import dev.autonoc.policy.PolicyLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The keys that judge a run and govern it: {@code approvals} (how the simulated NOC answers),
 * {@code policy} (loaded now, so a broken one is refused with the scenario) and {@code expect}.
 */
final class ExpectationSections {

    private final CheckedReads reads;

    ExpectationSections(CheckedReads reads) {
        this.reads = reads;
    }

    Approvals approvals(YamlNode node) {
        Optional<Mapping> m = reads.mapping(node, "approvals");
        if (m.isEmpty()) {
            return Approvals.DEFAULT;
        }
        reads.onlyKeys(m.get(), "approvals", List.of("mode", "below_gbp", "delay", "reject_tools"));
        List<String> rejectTools = rejectTools(m.get());
        List<String> modes =
                Arrays.stream(Approvals.Mode.values()).map(Approvals.Mode::key).toList();
        Approvals.Mode mode =
                optional(m.get(), "mode")
                        .map(
                                f ->
                                        reads.choice(
                                                f.value(),
                                                "approvals.mode",
                                                "approvals mode",
                                                modes,
                                                k ->
                                                        Arrays.stream(Approvals.Mode.values())
                                                                .filter(x -> x.key().equals(k))
                                                                .findFirst()))
                        .orElse(Optional.of(Approvals.DEFAULT.mode()))
                        .orElse(Approvals.DEFAULT.mode());
        OptionalDouble below =
                optional(m.get(), "below_gbp")
                        .map(
                                f ->
                                        reads.number(
                                                f.value(),
                                                "approvals.below_gbp",
                                                0,
                                                Double.MAX_VALUE))
                        .orElse(OptionalDouble.empty());
        if (mode == Approvals.Mode.APPROVE_BELOW
                && below.isEmpty()
                && !m.get().fields().containsKey("below_gbp")) {
            reads.problem(
                    "approvals.below_gbp",
                    m.get().line(),
                    "missing; approve_below needs below_gbp, the estimate in GBP under which the NOC"
                            + " approves");
        }
        if (mode != Approvals.Mode.APPROVE_BELOW && m.get().fields().containsKey("below_gbp")) {
            reads.problem(
                    "approvals.below_gbp",
                    m.get().fields().get("below_gbp").line(),
                    "applies only with mode approve_below; this block's mode is " + mode.key());
            below = OptionalDouble.empty();
        }
        Duration delay =
                optional(m.get(), "delay")
                        .map(f -> reads.duration(f.value(), "approvals.delay", true))
                        .orElse(Optional.of(Approvals.DEFAULT.delay()))
                        .orElse(Approvals.DEFAULT.delay());
        if (mode == Approvals.Mode.APPROVE_BELOW && below.isEmpty()) {
            return Approvals
                    .DEFAULT; // already reported; keep going to find the file's other problems
        }
        return new Approvals(mode, below, delay, rejectTools);
    }

    /** {@code reject_tools}: act tools whose every request the simulated NOC rejects. */
    private List<String> rejectTools(Mapping approvals) {
        List<String> names = new ArrayList<>();
        optional(approvals, "reject_tools")
                .ifPresent(
                        f -> {
                            List<YamlNode> items = reads.list(f.value(), "approvals.reject_tools");
                            for (int i = 0; i < items.size(); i++) {
                                String path = "approvals.reject_tools[" + i + "]";
                                YamlNode item = items.get(i);
                                if (item instanceof Scalar sc
                                        && sc.value() instanceof String t
                                        && ToolNames.READ.contains(t)) {
                                    reads.problem(
                                            path,
                                            item.line(),
                                            "'"
                                                    + t
                                                    + "' is a read tool: it never waits for"
                                                    + " approval; accepted: "
                                                    + String.join(", ", ToolNames.ACT));
                                    continue;
                                }
                                reads.oneOf(item, path, "act tool", ToolNames.ACT)
                                        .ifPresent(names::add);
                            }
                        });
        return names;
    }

    PolicyRef policy(YamlNode node) {
        if (!(node instanceof Scalar s) || !(s.value() instanceof String text) || text.isBlank()) {
            reads.problem(
                    "policy",
                    node.line(),
                    "expected `default` or the path of a policy file relative to this file; got "
                            + node.describe());
            return new PolicyRef.Default();
        }
        if (text.equals("default")) {
            return new PolicyRef.Default();
        }
        Path base = reads.file().toAbsolutePath().getParent();
        Path resolved = (base == null ? Path.of(text) : base.resolve(text)).normalize();
        if (!Files.isRegularFile(resolved)) {
            reads.problem(
                    "policy",
                    node.line(),
                    "no policy file '"
                            + text
                            + "' (looked for "
                            + resolved
                            + "); accepted: `default`, or a path relative to this scenario file");
            return new PolicyRef.File(resolved);
        }
        try {
            // load it now, so a broken policy is refused with the scenario rather than mid-eval
            CelPolicyGate.load(resolved);
        } catch (PolicyLoadException e) {
            reads.problem("policy", node.line(), "the policy file is refused: " + e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            reads.problem(
                    "policy", node.line(), "the policy file cannot be read: " + e.getMessage());
        }
        return new PolicyRef.File(resolved);
    }

    Optional<Expect> expect(YamlNode node, Optional<ElementIndex> elements) {
        Optional<Mapping> m = reads.mapping(node, "expect");
        if (m.isEmpty()) {
            return Optional.empty();
        }
        List<String> keys =
                List.of(
                        "failures_prevented",
                        "max_failures",
                        "max_customer_impact_minutes",
                        "max_ops_cost_gbp",
                        "max_false_dispatches",
                        "tools_used",
                        "tools_not_used",
                        "max_credit_gbp_per_customer");
        reads.onlyKeys(m.get(), "expect", keys);
        List<ElementId> prevented = new ArrayList<>();
        optional(m.get(), "failures_prevented")
                .ifPresent(
                        f -> {
                            List<YamlNode> items =
                                    reads.list(f.value(), "expect.failures_prevented");
                            for (int i = 0; i < items.size(); i++) {
                                String path = "expect.failures_prevented[" + i + "]";
                                Optional<String> id = reads.text(items.get(i), path);
                                if (id.isEmpty()) {
                                    continue;
                                }
                                if (elements.isPresent()
                                        && elements.get().kindOf(id.get()).isEmpty()) {
                                    reads.problem(
                                            path,
                                            items.get(i).line(),
                                            elements.get().unknown(id.get()));
                                    continue;
                                }
                                prevented.add(ElementId.of(id.get()));
                            }
                        });
        List<String> used = tools(m.get(), "tools_used");
        List<String> notUsed = tools(m.get(), "tools_not_used");
        Set<String> both = new LinkedHashSet<>(used);
        both.retainAll(notUsed);
        if (!both.isEmpty()) {
            reads.problem(
                    "expect.tools_not_used",
                    m.get().fields().get("tools_not_used").line(),
                    both + " are also in tools_used; a tool cannot be both used and not used");
        }
        return Optional.of(
                new Expect(
                        prevented,
                        reads.intKey(m.get(), "expect", "max_failures", 0, Integer.MAX_VALUE),
                        reads.numberKey(m.get(), "expect", "max_customer_impact_minutes"),
                        reads.numberKey(m.get(), "expect", "max_ops_cost_gbp"),
                        reads.intKey(
                                m.get(), "expect", "max_false_dispatches", 0, Integer.MAX_VALUE),
                        used,
                        notUsed,
                        reads.numberKey(m.get(), "expect", "max_credit_gbp_per_customer")));
    }

    private List<String> tools(Mapping expect, String key) {
        List<String> names = new ArrayList<>();
        optional(expect, key)
                .ifPresent(
                        f -> {
                            List<YamlNode> items = reads.list(f.value(), "expect." + key);
                            for (int i = 0; i < items.size(); i++) {
                                reads.tool(items.get(i), "expect." + key + "[" + i + "]")
                                        .ifPresent(names::add);
                            }
                        });
        return names;
    }
}
