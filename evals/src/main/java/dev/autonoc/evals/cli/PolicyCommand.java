package dev.autonoc.evals.cli;

import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.cases.CaseId;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.policy.CelPolicyGate;
import dev.autonoc.policy.FiredRule;
import dev.autonoc.policy.PolicyEvaluation;
import dev.autonoc.policy.PolicyLoadException;
import dev.autonoc.policy.PolicyTestReport;
import dev.autonoc.policy.PolicyTests;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.Preset;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "policy",
        mixinStandardHelpOptions = true,
        description = "Works with policy files (format: the policy module's README.md).",
        subcommands = {
            PolicyCommand.Check.class,
            PolicyCommand.Explain.class,
            PolicyCommand.RunTests.class
        })
final class PolicyCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The default policy, or a file; empty (with the reason printed) when the file is refused. */
    static Optional<CelPolicyGate> gate(Optional<Path> file, PrintWriter err, String command) {
        if (file.isEmpty()) {
            return Optional.of(CelPolicyGate.defaultPolicy());
        }
        if (!Files.isRegularFile(file.get())) {
            err.println("autonoc policy " + command + ": no such file " + file.get());
            return Optional.empty();
        }
        try {
            return Optional.of(CelPolicyGate.load(file.get()));
        } catch (PolicyLoadException | UncheckedIOException e) {
            err.println("autonoc policy " + command + ": refused: " + e.getMessage());
            return Optional.empty();
        }
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description =
                    "Loads a policy file as the gate would and lists its rules, or says why it is refused.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:the policy loads",
                "2:it is refused (file, line and reason printed), or there is no such file"
            })
    static final class Check implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Parameters(
                arity = "0..1",
                paramLabel = "FILE",
                description = "A policy file (default: the shipped default policy).")
        Optional<Path> file;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Optional<CelPolicyGate> gate = gate(file, spec.commandLine().getErr(), "check");
            if (gate.isEmpty()) {
                return AutonocCli.BAD_INPUT;
            }
            CelPolicyGate g = gate.get();
            out.println(
                    "OK: "
                            + g.policyName()
                            + " ("
                            + g.version()
                            + "), "
                            + g.ruleIds().size()
                            + " rules:");
            g.ruleIds().forEach(id -> out.println("  " + id));
            return 0;
        }
    }

    @Command(
            name = "explain",
            mixinStandardHelpOptions = true,
            description = {
                "Puts one act-tool call before the gate and shows its decision, the required role, and"
                        + " every rule that fired with its message.",
                "The element is looked up in the preset's generated network (seed 1). Facts are what the"
                        + " tool's estimate would carry (docs/tools.md); element_id and region are filled in."
            },
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:explained",
                "2:bad input (unknown tool or element, refused policy, bad value)"
            })
    static final class Explain implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Option(
                names = "--policy",
                paramLabel = "FILE",
                description = "A policy file (default: the shipped default policy).")
        Optional<Path> policy;

        @Option(
                names = "--tool",
                required = true,
                paramLabel = "TOOL",
                description = "An act tool (order_part, reroute_traffic, ...).")
        String tool;

        @Option(
                names = "--element",
                defaultValue = "core-rtr-01",
                paramLabel = "ID",
                description = "The element (default: ${DEFAULT-VALUE}).")
        String element;

        @Option(
                names = "--preset",
                defaultValue = "metro",
                paramLabel = "PRESET",
                description = "metro | regional | national (default: ${DEFAULT-VALUE}).")
        String preset;

        @Option(
                names = "--cost",
                defaultValue = "0",
                paramLabel = "GBP",
                description = "The estimate's cost (default: ${DEFAULT-VALUE}).")
        double cost;

        @Option(
                names = "--risk",
                defaultValue = "LOW",
                paramLabel = "RISK",
                description = "LOW | MEDIUM | HIGH (default: ${DEFAULT-VALUE}).")
        Risk risk;

        @Option(
                names = "--fact",
                paramLabel = "KEY=VALUE",
                description =
                        "An estimate fact (in_shift=true, max_utilization_after=0.9); repeatable.")
        Map<String, String> facts = new LinkedHashMap<>();

        @Option(
                names = "--arg",
                paramLabel = "KEY=VALUE",
                description = "A call argument (part=PSU); repeatable.")
        Map<String, String> args = new LinkedHashMap<>();

        @Option(
                names = "--at",
                defaultValue = "2025-01-06T10:00:00Z",
                paramLabel = "INSTANT",
                description = "When, in UTC (default: ${DEFAULT-VALUE}, a Monday in shift).")
        String at;

        @Option(
                names = "--proposer",
                defaultValue = "agent:autonoc",
                paramLabel = "NAME",
                description = "Who proposes it (default: ${DEFAULT-VALUE}).")
        String proposer;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!ToolNames.ACT.contains(tool)) {
                err.println(
                        "autonoc policy explain: '"
                                + tool
                                + "' is not an act tool; accepted: "
                                + String.join(", ", ToolNames.ACT));
                return AutonocCli.BAD_INPUT;
            }
            Optional<Preset> network = Preset.fromKey(preset);
            if (network.isEmpty()) {
                err.println(
                        "autonoc policy explain: unknown preset '"
                                + preset
                                + "'; accepted: metro, regional, national");
                return AutonocCli.BAD_INPUT;
            }
            Optional<Element> target =
                    OperatorTwin.topology(network.get(), OptionalInt.empty(), 1).stream()
                            .filter(e -> e.id().value().equals(element))
                            .findFirst();
            if (target.isEmpty()) {
                err.println(
                        "autonoc policy explain: no element '"
                                + element
                                + "' in the "
                                + preset
                                + " network (seed 1)");
                return AutonocCli.BAD_INPUT;
            }
            Instant when;
            try {
                when = Instant.parse(at);
            } catch (DateTimeParseException e) {
                err.println(
                        "autonoc policy explain: --at '"
                                + at
                                + "' is not an instant such as 2025-01-06T10:00:00Z");
                return AutonocCli.BAD_INPUT;
            }
            if (!(cost >= 0)) {
                err.println("autonoc policy explain: --cost must be >= 0");
                return AutonocCli.BAD_INPUT;
            }
            Optional<CelPolicyGate> gate = gate(policy, err, "explain");
            if (gate.isEmpty()) {
                return AutonocCli.BAD_INPUT;
            }
            Map<String, Object> estimateFacts = new LinkedHashMap<>();
            estimateFacts.put("element_id", element);
            estimateFacts.put("region", target.get().region());
            facts.forEach((k, v) -> estimateFacts.put(k, value(v)));
            Map<String, Object> arguments = new LinkedHashMap<>();
            arguments.put("element_id", element);
            args.forEach((k, v) -> arguments.put(k, value(v)));
            ActionRequest request =
                    new ActionRequest(
                            new CaseId("explain"),
                            0,
                            ToolCall.of(tool, arguments),
                            new Estimate(cost, risk, estimateFacts),
                            target.get(),
                            when,
                            proposer,
                            Optional.empty());
            PolicyEvaluation evaluation = gate.get().evaluateInDetail(request);
            Decision d = evaluation.decision();
            Element e = target.get();
            out.printf(
                    Locale.ROOT,
                    "%s on %s (%s %s, %s) at %s, cost %s GBP, risk %s%n",
                    tool,
                    element,
                    e.kind(),
                    e.role(),
                    e.region(),
                    when,
                    cost == Math.rint(cost) ? Long.toString((long) cost) : Double.toString(cost),
                    risk);
            out.println("policy: " + gate.get().policyName() + " (" + d.policyVersion() + ")");
            out.println(
                    "decision: "
                            + d.effect()
                            + d.requiredRole()
                                    .map(r -> ", by a person with the role " + r)
                                    .orElse(""));
            for (int i = 0; i < d.ruleIds().size(); i++) {
                out.println(
                        "  because "
                                + d.ruleIds().get(i)
                                + ": "
                                + (i < d.reasons().size() ? d.reasons().get(i) : ""));
            }
            if (d.ruleIds().isEmpty()) {
                d.reasons().forEach(r -> out.println("  because " + r));
            }
            // what the decision read besides the action: the guards' counters, the open calendars
            new java.util.TreeMap<>(d.context())
                    .forEach((k, v) -> out.println("read " + k + ": " + v));
            List<FiredRule> fired = evaluation.fired();
            out.println(fired.isEmpty() ? "rules that fired: none" : "rules that fired:");
            for (FiredRule f : fired) {
                out.println(
                        "  "
                                + f.effect()
                                + f.role().map(r -> " (" + r + ")").orElse("")
                                + " "
                                + f.ruleId()
                                + (f.evaluationError() ? " [could not be evaluated]" : "")
                                + ": "
                                + f.message());
            }
            return 0;
        }

        /** true/false, a number (as a double, as the policy reads numbers), or text. */
        static Object value(String text) {
            if (text.equals("true") || text.equals("false")) {
                return Boolean.parseBoolean(text);
            }
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                return text;
            }
        }
    }

    @Command(
            name = "test",
            mixinStandardHelpOptions = true,
            description = {
                "Runs policy test files: each case is an act-tool call and its context with the"
                        + " effect, role and rule ids the policy must decide (format: the policy"
                        + " module's README.md, \"Policy tests\").",
                "With no FILES, runs the tests shipped with the default policy."
            },
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:every case passed",
                "1:a case failed (each failure printed with its line and what differed)",
                "2:a test file or its policy is refused (file, line and reason printed), or there"
                        + " is no such file"
            })
    static final class RunTests implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Parameters(
                arity = "0..*",
                paramLabel = "FILES",
                description =
                        "Policy test files (*.tests.yaml); each names its policy, found beside it"
                                + " (default: the default policy's shipped tests).")
        List<Path> files = new ArrayList<>();

        @Option(
                names = "--policy",
                paramLabel = "FILE",
                description =
                        "Decide every file's cases with this policy instead of the one each file"
                                + " names.")
        Optional<Path> policy;

        @Option(
                names = {"-v", "--verbose"},
                description = "Print every case, not only the failed ones.")
        boolean verbose;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (policy.isPresent() && !Files.isRegularFile(policy.get())) {
                err.println("autonoc policy test: no such file " + policy.get());
                return AutonocCli.BAD_INPUT;
            }
            List<PolicyTestReport> reports = new ArrayList<>();
            boolean bad = false;
            if (files.isEmpty() && policy.isEmpty()) {
                reports.addAll(PolicyTests.runShipped());
            } else if (files.isEmpty()) {
                err.println("autonoc policy test: --policy needs the test FILES to run against it");
                return AutonocCli.BAD_INPUT;
            }
            for (Path file : files) {
                if (!Files.isRegularFile(file)) {
                    err.println("autonoc policy test: no such file " + file);
                    bad = true;
                    continue;
                }
                try {
                    reports.add(PolicyTests.run(file, policy, RoleHierarchy.operatorDefault()));
                } catch (PolicyLoadException | UncheckedIOException e) {
                    err.println("autonoc policy test: refused: " + e.getMessage());
                    bad = true;
                }
            }
            int cases = 0;
            int failed = 0;
            for (PolicyTestReport r : reports) {
                cases += r.cases().size();
                failed += r.failed().size();
                print(out, r);
            }
            out.printf(
                    Locale.ROOT,
                    "%d file(s), %d case(s): %d passed, %d failed%s%n",
                    reports.size(),
                    cases,
                    cases - failed,
                    failed,
                    bad ? "; some files could not run" : "");
            if (bad) {
                return AutonocCli.BAD_INPUT;
            }
            return failed == 0 ? 0 : AutonocCli.FAILED;
        }

        private void print(PrintWriter out, PolicyTestReport r) {
            out.printf(
                    Locale.ROOT,
                    "%s %s: %d case(s), %d failed, against %s (%s)%n",
                    r.passed() ? "PASS" : "FAIL",
                    r.file(),
                    r.cases().size(),
                    r.failed().size(),
                    r.policyName(),
                    r.policyVersion());
            for (PolicyTestReport.CaseResult c : r.cases()) {
                if (c.passed() && !verbose) {
                    continue;
                }
                out.printf(
                        Locale.ROOT,
                        "  %s line %d: %s -> %s%s %s%n",
                        c.passed() ? "ok  " : "FAIL",
                        c.line(),
                        c.name(),
                        c.decision().effect(),
                        c.decision().requiredRole().map(role -> " (" + role + ")").orElse(""),
                        c.decision().ruleIds());
                c.failures().forEach(f -> out.println("        " + f));
            }
            if (!r.undecidedRules().isEmpty()) {
                out.println(
                        "  rules that decided no case (untested): "
                                + String.join(", ", r.undecidedRules()));
            }
        }
    }
}
