package dev.autonoc.evals.cli;

import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.policy.ActionInput;
import dev.autonoc.policy.CelPolicyGate;
import dev.autonoc.policy.InvalidActionException;
import dev.autonoc.policy.PolicyExplanation;
import dev.autonoc.policy.PolicyLoadException;
import dev.autonoc.policy.PolicyTestReport;
import dev.autonoc.policy.PolicyTests;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.Preset;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
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
            err.println(
                    "autonoc policy "
                            + command
                            + ": "
                            + AutonocCli.notAFile(file.get(), "a policy YAML file"));
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
                "Puts one act-tool call before the gate and shows its decision and every rule's"
                        + " verdict, in file order: NOT_MATCHED (another tool, kind or region),"
                        + " CONDITION_FALSE, FIRED (with the effect it contributed and its message),"
                        + " or ERROR (its condition could not be evaluated: counted as DENY).",
                "Give the action as JSON with --action FILE (- for stdin), or with the options"
                        + " --tool, --element, --cost, ... The JSON (the same as POST"
                        + " /api/policy/explain takes; only tool is required):",
                "  {\"tool\": \"order_part\", \"element\": \"core-rtr-01\", \"cost\": 2800,"
                        + " \"risk\": \"LOW\", \"arguments\": {\"part\": \"PSU\"}, \"facts\":"
                        + " {\"in_shift\": true}, \"at\": \"2025-01-06T10:00:00Z\", \"proposer\":"
                        + " \"agent:autonoc\"}",
                "The element is looked up in the preset's generated network (seed 1). Facts are what"
                        + " the tool's estimate would carry (docs/tools.md); element_id and region are"
                        + " filled in. The gate has run nothing, so the guards' history reads as a"
                        + " day on which nothing has run."
            },
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:explained",
                "2:bad input (bad JSON or field, unknown tool or element, refused policy, bad value)"
            })
    static final class Explain implements Callable<Integer> {

        /** When the action does not say: a Monday in shift, the first day of every run. */
        static final String DEFAULT_AT = "2025-01-06T10:00:00Z";

        /** The options that give the action field by field, instead of --action. */
        private static final List<String> ACTION_OPTIONS =
                List.of(
                        "--tool",
                        "--element",
                        "--cost",
                        "--risk",
                        "--fact",
                        "--arg",
                        "--at",
                        "--proposer");

        @Spec CommandSpec spec;

        @Option(
                names = "--policy",
                paramLabel = "FILE",
                description = "A policy file (default: the shipped default policy).")
        Optional<Path> policy;

        @Option(
                names = "--action",
                paramLabel = "FILE",
                description =
                        "The action as JSON (format above), from a file or - for stdin; instead of"
                                + " --tool and the options that follow it.")
        Optional<String> action;

        @Option(names = "--json", description = "Print the explanation as JSON instead of a table.")
        boolean json;

        @Option(
                names = "--tool",
                paramLabel = "TOOL",
                description = "An act tool (order_part, reroute_traffic, ...).")
        Optional<String> tool;

        @Option(
                names = "--element",
                defaultValue = ActionInput.DEFAULT_ELEMENT,
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
                defaultValue = DEFAULT_AT,
                paramLabel = "INSTANT",
                description =
                        "When, in UTC (default: ${DEFAULT-VALUE}, a Monday in shift; also when"
                                + " --action's JSON has no at).")
        String at;

        @Option(
                names = "--proposer",
                defaultValue = ActionInput.DEFAULT_PROPOSER,
                paramLabel = "NAME",
                description = "Who proposes it (default: ${DEFAULT-VALUE}).")
        String proposer;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<ActionInput> input = input(err);
            if (input.isEmpty()) {
                return AutonocCli.BAD_INPUT;
            }
            ActionInput a = input.get();
            Optional<Preset> network = Preset.fromKey(preset);
            if (network.isEmpty()) {
                err.println(
                        "autonoc policy explain: unknown preset '"
                                + preset
                                + "'; accepted: metro, regional, national");
                return AutonocCli.BAD_INPUT;
            }
            List<Element> elements = OperatorTwin.topology(network.get(), OptionalInt.empty(), 1);
            Optional<Element> target =
                    elements.stream().filter(e -> e.id().value().equals(a.element())).findFirst();
            if (target.isEmpty()) {
                err.println(
                        "autonoc policy explain: no element '"
                                + a.element()
                                + "' in the "
                                + preset
                                + " network (seed 1); e.g. "
                                + elements.stream()
                                        .limit(5)
                                        .map(e -> e.id().value())
                                        .collect(Collectors.joining(", ")));
                return AutonocCli.BAD_INPUT;
            }
            Optional<CelPolicyGate> gate = gate(policy, err, "explain");
            if (gate.isEmpty()) {
                return AutonocCli.BAD_INPUT;
            }
            ActionRequest request = a.toRequest(target.get(), Instant.parse(DEFAULT_AT));
            PolicyExplanation explanation = gate.get().explain(request);
            if (json) {
                out.print(ExplanationJson.write(request, explanation));
            } else {
                ExplanationTable.print(out, request, explanation);
            }
            out.flush();
            return 0;
        }

        /** The action from --action's JSON or from the options; empty with the reason printed. */
        private Optional<ActionInput> input(PrintWriter err) {
            var parsed = spec.commandLine().getParseResult();
            List<String> given = ACTION_OPTIONS.stream().filter(parsed::hasMatchedOption).toList();
            if (action.isPresent() && !given.isEmpty()) {
                err.println(
                        "autonoc policy explain: give the action either as --action FILE or with"
                                + " options, not both; --action came with "
                                + String.join(", ", given));
                return Optional.empty();
            }
            if (action.isPresent()) {
                return fromJson(action.get(), err);
            }
            if (tool.isEmpty()) {
                err.println(
                        "autonoc policy explain: no action; give --action FILE (JSON, - for stdin)"
                                + " or --tool TOOL with its options (see --help)");
                return Optional.empty();
            }
            try {
                Map<String, Object> f = new LinkedHashMap<>();
                facts.forEach((k, v) -> f.put(k, value(v)));
                Map<String, Object> arguments = new LinkedHashMap<>();
                args.forEach((k, v) -> arguments.put(k, value(v)));
                return Optional.of(
                        new ActionInput(
                                tool.get(),
                                element,
                                arguments,
                                cost,
                                risk,
                                f,
                                Optional.of(ActionInput.instant(at)),
                                proposer));
            } catch (InvalidActionException e) {
                err.println("autonoc policy explain: --" + e.field() + " " + e.problem());
                return Optional.empty();
            }
        }

        private static Optional<ActionInput> fromJson(String source, PrintWriter err) {
            String text;
            String name = source.equals("-") ? "stdin" : source;
            try {
                if (source.equals("-")) {
                    text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
                } else {
                    Path file = Path.of(source);
                    if (!Files.isRegularFile(file)) {
                        err.println(
                                "autonoc policy explain: --action "
                                        + AutonocCli.notAFile(file, "a JSON action file, or -"));
                        return Optional.empty();
                    }
                    text = Files.readString(file, StandardCharsets.UTF_8);
                }
            } catch (IOException | UncheckedIOException e) {
                err.println("autonoc policy explain: cannot read " + name + ": " + e.getMessage());
                return Optional.empty();
            }
            try {
                return Optional.of(ActionInput.fromJson(text));
            } catch (InvalidActionException e) {
                err.println("autonoc policy explain: " + name + ": " + e.getMessage());
                return Optional.empty();
            }
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
                err.println(
                        "autonoc policy test: --policy "
                                + AutonocCli.notAFile(policy.get(), "a policy YAML file"));
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
                    err.println(
                            "autonoc policy test: "
                                    + AutonocCli.notAFile(
                                            file, "a policy test file (*.tests.yaml)"));
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
