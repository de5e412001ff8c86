package dev.autonoc.policy;

import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.policy.Decision;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs policy test files: cases of an action and its context, each with the effect, role and rule
 * ids the policy must decide (README.md, "Policy tests"). A test file names its policy ({@code
 * policy: default.yaml}, relative to the test file); the shipped default policy's tests are on the
 * classpath beside it.
 *
 * <p>A test file that does not parse, or names an unknown key, tool, effect, role, element kind,
 * failure mode or history counter, is refused with a {@link PolicyLoadException} naming the file,
 * the line and the reason, like a policy file.
 */
public final class PolicyTests {

    static final String KIND = "PolicyTest";

    /** The test files shipped in {@code policies/} on the classpath, each beside its policy. */
    public static final List<String> SHIPPED = List.of("default.tests.yaml");

    /** The start of every simulated run (OPERATOR.md): Monday 6 January 2025, 00:00 UTC. */
    static final Instant RUN_START = Instant.parse("2025-01-06T00:00:00Z");

    private PolicyTests() {}

    /** Runs the shipped tests of the default policy. */
    public static List<PolicyTestReport> runShipped() {
        List<PolicyTestReport> out = new ArrayList<>();
        for (String name : SHIPPED) {
            byte[] bytes = classpath("policies/" + name);
            out.add(
                    run(
                            name,
                            bytes,
                            policyName -> {
                                if (policyName.equals("default.yaml")) {
                                    return CelPolicyGate.defaultCompiled();
                                }
                                return PolicyLoader.load(
                                        policyName,
                                        classpath("policies/" + policyName),
                                        RoleHierarchy.operatorDefault());
                            },
                            RoleHierarchy.operatorDefault()));
        }
        return out;
    }

    /**
     * Runs one test file against the policy it names (relative to the test file).
     *
     * @throws PolicyLoadException when the test file or its policy is refused
     * @throws UncheckedIOException when a file cannot be read
     */
    public static PolicyTestReport run(Path testFile) {
        return run(testFile, Optional.empty(), RoleHierarchy.operatorDefault());
    }

    /**
     * Runs one test file against {@code policy} when given (whatever the file names), else against
     * the policy the file names. A file that names {@code default.yaml} with no such file beside it
     * gets the shipped default policy.
     */
    public static PolicyTestReport run(Path testFile, Optional<Path> policy, RoleHierarchy roles) {
        Objects.requireNonNull(testFile, "testFile");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(roles, "roles");
        Path dir = testFile.toAbsolutePath().getParent();
        return run(
                name(testFile),
                read(testFile),
                policyName -> {
                    Path file = policy.orElseGet(() -> dir.resolve(policyName));
                    if (policy.isEmpty()
                            && policyName.equals("default.yaml")
                            && !Files.exists(file)) {
                        return CelPolicyGate.defaultCompiled();
                    }
                    return PolicyLoader.load(name(file), read(file), roles);
                },
                roles);
    }

    /**
     * Runs test cases from text against a compiled gate's policy: for tests of the runner itself.
     */
    public static PolicyTestReport run(String name, String yaml, CelPolicyGate gate) {
        return run(
                name,
                yaml.getBytes(StandardCharsets.UTF_8),
                ignored -> gate.store().current(),
                gate.store().current().roles());
    }

    interface PolicyResolver {
        Policy resolve(String policyName);
    }

    static PolicyTestReport run(
            String file, byte[] bytes, PolicyResolver policies, RoleHierarchy roles) {
        PolicyTestParser.Parsed parsed = new PolicyTestParser(file, roles).parse(bytes);
        Policy policy = policies.resolve(parsed.policy());
        List<PolicyTestReport.CaseResult> results = new ArrayList<>();
        Set<String> decided = new LinkedHashSet<>();
        int n = 0;
        for (PolicyTestCase c : parsed.cases()) {
            n++;
            Decision d =
                    CelPolicyGate.evaluate(policy, "test-" + n, c.request(), c.history())
                            .decision();
            decided.addAll(d.ruleIds());
            results.add(new PolicyTestReport.CaseResult(c.name(), c.line(), d, failures(c, d)));
        }
        List<String> undecided =
                policy.rules().stream()
                        .map(CompiledRule::id)
                        .filter(id -> !decided.contains(id))
                        .toList();
        return new PolicyTestReport(file, policy.name(), policy.version(), results, undecided);
    }

    private static List<String> failures(PolicyTestCase c, Decision d) {
        List<String> out = new ArrayList<>();
        if (d.effect() != c.effect()) {
            out.add("expected effect " + c.effect() + ", got " + d.effect());
        }
        if (c.role().isPresent() && !c.role().equals(d.requiredRole())) {
            out.add("expected role " + c.role().get() + ", got " + d.requiredRole().orElse("none"));
        }
        if (c.rules().isPresent() && !c.rules().get().equals(d.ruleIds())) {
            out.add("expected rules " + c.rules().get() + ", got " + d.ruleIds());
        }
        for (String part : c.reasonsContain()) {
            if (d.reasons().stream().noneMatch(r -> r.contains(part))) {
                out.add("expected a reason containing '" + part + "', got " + d.reasons());
            }
        }
        return out;
    }

    /** The cases of the shipped test file {@code name}, read but not run. */
    static List<PolicyTestCase> shippedCases(String name) {
        return new PolicyTestParser(name, RoleHierarchy.operatorDefault())
                .parse(classpath("policies/" + name))
                .cases();
    }

    private static byte[] classpath(String resource) {
        try (InputStream in = PolicyTests.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String name(Path file) {
        Path n = file.getFileName();
        return n == null ? file.toString() : n.toString();
    }
}
