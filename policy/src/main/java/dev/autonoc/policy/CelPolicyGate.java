package dev.autonoc.policy;

import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.tool.ToolResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The policy gate: a YAML file of rules with CEL conditions (see the module's README.md for the
 * format and the variables).
 *
 * <p>Every rule that matches the request's tool (and element kind and region, when the rule names
 * them) and whose condition holds contributes its effect; the strongest wins, DENY over
 * REQUIRE_APPROVAL over ALLOW. With several REQUIRE_APPROVAL the role that includes the others
 * wins. A rule whose condition cannot be evaluated contributes DENY (fail closed). No contributing
 * rule at all is a DENY: "no rule allows &lt;tool&gt;; default deny".
 *
 * <p>The decision names the policy version ({@code sha256:} of the file), the ids and messages of
 * the rules that produced the winning effect, and an id {@code dec-000001}, {@code dec-000002}, ...
 * counted per gate, so a run is deterministic.
 *
 * <p>The gate keeps the guards' counters ({@code history} in the rules) from {@link
 * #recordExecution}. It is thread-safe; two requests evaluated at the same time both see the
 * counters as they were before either ran.
 *
 * <p>{@link #explain} gives the same decision with every rule's verdict, and changes nothing: see
 * there.
 */
public final class CelPolicyGate implements PolicyGate {

    private static final String DEFAULT_RESOURCE = "policies/default.yaml";

    /**
     * The decision id of an explanation's decision: not a number of the gate's count, which only
     * {@link #evaluate} takes.
     */
    public static final String EXPLANATION_ID = "explain";

    private final PolicyStore store;
    private final GuardState guards = new GuardState();
    private final AtomicLong decisions = new AtomicLong();

    private CelPolicyGate(PolicyStore store) {
        this.store = store;
    }

    /**
     * A gate that decides with whatever version is current in {@code store}: a {@link
     * PolicyStore#replace reload} takes effect at the next evaluation, and each decision names the
     * version it used.
     */
    public static CelPolicyGate over(PolicyStore store) {
        return new CelPolicyGate(Objects.requireNonNull(store, "store"));
    }

    /** Loads a policy file, checking its roles against the operator's default hierarchy. */
    public static CelPolicyGate load(Path file) {
        return load(file, RoleHierarchy.operatorDefault());
    }

    /**
     * Loads a policy file.
     *
     * @throws PolicyLoadException naming the file, the line and the reason when the file is refused
     * @throws UncheckedIOException when the file cannot be read
     */
    public static CelPolicyGate load(Path file, RoleHierarchy roles) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(roles, "roles");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy file " + file, e);
        }
        Path name = file.getFileName();
        return new CelPolicyGate(
                PolicyStore.of(
                        PolicyLoader.load(
                                name == null ? file.toString() : name.toString(), bytes, roles),
                        bytes));
    }

    /** A policy from text; {@code name} stands for the file name in errors and decisions. */
    public static CelPolicyGate fromText(String name, String yaml) {
        return fromText(name, yaml, RoleHierarchy.operatorDefault());
    }

    public static CelPolicyGate fromText(String name, String yaml, RoleHierarchy roles) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(roles, "roles");
        byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
        return new CelPolicyGate(PolicyStore.of(PolicyLoader.load(name, bytes, roles), bytes));
    }

    /**
     * The operator's default policy (OPERATOR.md), from the classpath. Each call gives a new gate
     * with its own counters and decision ids; the compiled rules are shared.
     */
    public static CelPolicyGate defaultPolicy() {
        return new CelPolicyGate(PolicyStore.of(DefaultPolicy.POLICY, DefaultPolicy.BYTES));
    }

    /** The text of the default policy file, as shipped. */
    public static String defaultPolicyText() {
        return new String(DefaultPolicy.BYTES, StandardCharsets.UTF_8);
    }

    /** The default policy, compiled once per JVM. */
    static Policy defaultCompiled() {
        return DefaultPolicy.POLICY;
    }

    /** Loaded on first use, once: the default policy is part of the build and cannot be refused. */
    private static final class DefaultPolicy {
        static final byte[] BYTES = read();
        static final Policy POLICY =
                PolicyLoader.load("default.yaml", BYTES, RoleHierarchy.operatorDefault());

        private static byte[] read() {
            try (InputStream in =
                    CelPolicyGate.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(
                            "the default policy " + DEFAULT_RESOURCE + " is not on the classpath");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
            }
        }
    }

    @Override
    public String version() {
        return store.current().version();
    }

    /** The file name the policy was loaded from, or the name given with its text. */
    public String policyName() {
        return store.current().name();
    }

    /** The rule ids, in file order. */
    public List<String> ruleIds() {
        return store.current().rules().stream().map(CompiledRule::id).toList();
    }

    /** The rules of the version in force as its file wrote them, in file order. */
    public List<PolicyRule> rules() {
        return store.current().written();
    }

    /** The store this gate reads its policy from. */
    public PolicyStore store() {
        return store;
    }

    @Override
    public Decision evaluate(ActionRequest request) {
        return evaluateInDetail(request).decision();
    }

    /** The decision with every rule that fired, for an explanation or the audit trail. */
    public PolicyEvaluation evaluateInDetail(ActionRequest request) {
        Objects.requireNonNull(request, "request");
        String decisionId = decisionId(decisions.incrementAndGet());
        // read once: a reload during this evaluation does not mix two versions
        Policy policy = store.current();
        return evaluate(policy, decisionId, request, guards.historyAt(request));
    }

    /**
     * What the version in force makes of {@code request}: the decision {@link #evaluate} would give
     * now, and every rule's verdict in file order (not matched, condition false, fired, or could
     * not be evaluated), from the compiled rules that decide.
     *
     * <p>An explanation is a question, not a decision, and leaves the gate as it was: it takes no
     * decision id from the gate's count (its decision's id is {@value #EXPLANATION_ID}), so a loop
     * whose gate is also asked for explanations numbers its decisions, and so writes its audit
     * trail, exactly as it would without them; and it records nothing in the guards. It reads the
     * guards' counters as they are, so on the loop's own gate it shows what the loop would be told
     * at this moment, and on a gate that has run nothing (the {@code autonoc policy explain}
     * command, the service's explainer) {@code history} reads as a day on which nothing has run.
     */
    public PolicyExplanation explain(ActionRequest request) {
        Objects.requireNonNull(request, "request");
        return explain(store.current(), request, guards.historyAt(request));
    }

    /**
     * As {@link #explain(ActionRequest)}, with a version of the store other than (or the same as)
     * the one in force, without putting it in force.
     *
     * @throws IllegalArgumentException naming the kept versions when no version has this hash
     */
    public PolicyExplanation explain(ActionRequest request, String version) {
        Objects.requireNonNull(request, "request");
        return explain(store.keptOrThrow(version), request, guards.historyAt(request));
    }

    /**
     * Explains {@code request} with {@code policy} as if the guards had counted {@code history}.
     * Every rule is visited in file order; the rules that match are fired exactly as {@link
     * #evaluate(Policy, String, ActionRequest, History)} fires them (the same rules, in the same
     * order), so the decision is the same but for its id.
     */
    static PolicyExplanation explain(Policy policy, ActionRequest request, History history) {
        String tool = request.call().tool();
        Activation variables = new Activation(request, history, policy.data());
        List<CompiledRule> rules = policy.rules();
        boolean[] matched = new boolean[rules.size()];
        FiredRule[] firedAt = new FiredRule[rules.size()];
        List<FiredRule> fired = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            CompiledRule rule = rules.get(i);
            matched[i] = rule.match().matches(tool, request.element());
            if (matched[i]) {
                Optional<FiredRule> f = rule.fire(variables);
                if (f.isPresent()) {
                    firedAt[i] = f.get();
                    fired.add(f.get());
                }
            }
        }
        Decision decision =
                decide(policy, EXPLANATION_ID, tool, fired).withContext(context(policy, variables));
        Set<String> decided = Set.copyOf(decision.ruleIds());
        List<RuleVerdict> verdicts = new ArrayList<>(rules.size());
        for (int i = 0; i < rules.size(); i++) {
            PolicyRule written = policy.written().get(i);
            FiredRule f = firedAt[i];
            if (f == null) {
                verdicts.add(
                        new RuleVerdict(
                                written,
                                matched[i]
                                        ? RuleVerdict.Verdict.CONDITION_FALSE
                                        : RuleVerdict.Verdict.NOT_MATCHED,
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                false));
            } else {
                verdicts.add(
                        new RuleVerdict(
                                written,
                                f.evaluationError()
                                        ? RuleVerdict.Verdict.ERROR
                                        : RuleVerdict.Verdict.FIRED,
                                Optional.of(f.effect()),
                                f.role(),
                                Optional.of(f.message()),
                                decided.contains(f.ruleId())));
            }
        }
        return new PolicyExplanation(policy.name(), policy.version(), decision, verdicts);
    }

    /**
     * Decides {@code request} with {@code policy} as if the guards had counted {@code history}: the
     * gate's own evaluation, and the policy tests' (which give the history by hand).
     */
    static PolicyEvaluation evaluate(
            Policy policy, String decisionId, ActionRequest request, History history) {
        String tool = request.call().tool();
        Activation variables = new Activation(request, history, policy.data());
        List<FiredRule> fired = new ArrayList<>();
        for (CompiledRule rule : policy.rulesFor(tool)) {
            if (rule.match().matches(tool, request.element())) {
                rule.fire(variables).ifPresent(fired::add);
            }
        }
        Decision decision =
                decide(policy, decisionId, tool, fired).withContext(context(policy, variables));
        return new PolicyEvaluation(decision, fired);
    }

    /**
     * What the decision read besides the request, for the decision log: the guards' counters, and
     * which of the policy's calendars were open. (The lists are part of the policy's version.)
     */
    private static Map<String, Object> context(Policy policy, Activation variables) {
        Object history = variables.get(PolicyVariables.index("history"));
        if (policy.data().calendars().isEmpty()) {
            return Map.of("history", history);
        }
        return Map.of(
                "history", history, "calendars", variables.get(PolicyVariables.index("calendars")));
    }

    /** {@code dec-000042}: six digits at least, more when a gate makes a million decisions. */
    private static String decisionId(long n) {
        String digits = Long.toString(n);
        return "dec-" + "0".repeat(Math.max(0, 6 - digits.length())) + digits;
    }

    /**
     * A DENY of the policy in force whose deciding rules are all denials of the moment ({@code
     * retry: later}, written or derived: see {@link PolicyRule.Retry}): too much work in the
     * region, the day's act calls, a change freeze, a reroute that would isolate a site while a
     * neighbour is out. The default deny (no rule allows the tool), a rule that failed closed and a
     * denial under another policy version are not.
     */
    @Override
    public boolean deniedForTheMoment(Decision decision) {
        return decidedForTheMoment(decision, Effect.DENY);
    }

    /**
     * A REQUIRE_APPROVAL of the policy in force whose deciding rules all say {@code retry: later}:
     * the approval was asked for because of the moment (the element's data cannot be trusted now,
     * the day's spend), so a person's refusal answers that question only. An approval asked for
     * under another policy version is not.
     */
    @Override
    public boolean askedForTheMoment(Decision decision) {
        return decidedForTheMoment(decision, Effect.REQUIRE_APPROVAL);
    }

    /**
     * No rule of the policy in force that names {@code tool} allows it or asks a person for it, and
     * no rule for every act tool ({@code "*"}) allows it. A rule for every tool that asks a person
     * (the day's spend) is a guard on what other rules allow, not a permission of its own, so it
     * does not count: the answer may then be yes where such a rule alone would have let the call
     * through with an approval, which only keeps a planner from counting on that call.
     */
    @Override
    public boolean refusesAlways(String tool) {
        Objects.requireNonNull(tool, "tool");
        return store.current().rules().stream()
                .filter(r -> r.match().tools().contains(tool))
                .noneMatch(
                        r ->
                                r.effect() == Effect.ALLOW
                                        || r.effect() == Effect.REQUIRE_APPROVAL
                                                && r.match().written().tools().contains(tool));
    }

    /**
     * The next UTC midnight after {@code at} when every deciding rule of a denial of the moment
     * reads nothing of the moment but the day's counts ({@code history.*_today}): the guards count
     * by UTC day, so the same call is not denied by them again before then.
     */
    @Override
    public Optional<Instant> deniedUntil(Decision decision, Instant at) {
        Objects.requireNonNull(at, "at");
        if (!deniedForTheMoment(decision)) {
            return Optional.empty();
        }
        Map<String, CompiledRule> byId = new HashMap<>();
        store.current().rules().forEach(r -> byId.put(r.id(), r));
        boolean ofTheDay =
                decision.ruleIds().stream().map(byId::get).allMatch(CompiledRule::endsWithTheDay);
        return ofTheDay
                ? Optional.of(
                        LocalDate.ofInstant(at, ZoneOffset.UTC)
                                .plusDays(1)
                                .atStartOfDay(ZoneOffset.UTC)
                                .toInstant())
                : Optional.empty();
    }

    private boolean decidedForTheMoment(Decision decision, Effect effect) {
        Objects.requireNonNull(decision, "decision");
        Policy policy = store.current();
        if (decision.effect() != effect
                || decision.ruleIds().isEmpty()
                || !decision.policyVersion().equals(policy.version())) {
            return false;
        }
        Map<String, CompiledRule> byId = new HashMap<>();
        policy.rules().forEach(r -> byId.put(r.id(), r));
        return decision.ruleIds().stream()
                .map(byId::get)
                .allMatch(
                        r ->
                                r != null
                                        && r.effect() == effect
                                        && r.retry() == PolicyRule.Retry.LATER);
    }

    @Override
    public void recordExecution(ActionRequest request, ToolResult result) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(result, "result");
        guards.record(request, result);
    }

    private static Decision decide(Policy policy, String id, String tool, List<FiredRule> fired) {
        String version = policy.version();
        if (fired.isEmpty()) {
            return Decision.deny(
                    id, List.of(), List.of("no rule allows " + tool + "; default deny"), version);
        }
        Effect winner = Effect.ALLOW;
        for (FiredRule f : fired) {
            winner = winner.strongest(f.effect());
        }
        Effect effect = winner;
        List<FiredRule> deciding = new ArrayList<>(fired.size());
        List<String> ids = new ArrayList<>(fired.size());
        List<String> reasons = new ArrayList<>(fired.size());
        for (FiredRule f : fired) {
            if (f.effect() == effect) {
                deciding.add(f);
                ids.add(f.ruleId());
                reasons.add(f.message());
            }
        }
        return switch (effect) {
            case ALLOW -> Decision.allow(id, ids, reasons, version);
            case DENY -> Decision.deny(id, ids, reasons, version);
            case REQUIRE_APPROVAL -> {
                List<String> asked =
                        deciding.stream().map(f -> f.role().orElseThrow()).distinct().toList();
                Optional<String> highest = highestRole(policy.roles(), asked);
                if (highest.isPresent()) {
                    yield Decision.requireApproval(id, highest.get(), ids, reasons, version);
                }
                // no one role stands for all the others: no single approver can be named
                List<String> withConflict = new ArrayList<>(reasons);
                withConflict.add(
                        "the rules ask for roles "
                                + asked
                                + ", none of which includes the others; no single approver can"
                                + " be named (fail closed)");
                yield Decision.deny(id, ids, withConflict, version);
            }
        };
    }

    /** The role that includes every other asked-for role, if there is one. */
    private static Optional<String> highestRole(RoleHierarchy roles, List<String> asked) {
        for (String candidate : asked) {
            boolean coversAll =
                    asked.stream().allMatch(other -> roles.satisfies(Set.of(candidate), other));
            if (coversAll) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
