package dev.autonoc.service.api;

import dev.autonoc.core.cases.CaseId;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.policy.PolicyLoadException;
import dev.autonoc.policy.PolicyStore;
import dev.autonoc.service.api.Views.DecisionView;
import dev.autonoc.service.policy.PolicyExplainer;
import dev.autonoc.service.policy.PolicyExplainer.Explanation;
import dev.autonoc.service.policy.PolicyRule;
import dev.autonoc.service.policy.PolicyRules;
import dev.autonoc.service.policy.RuleVerdict;
import dev.autonoc.service.simulation.Simulation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * The policy in force, its kept versions, a new version uploaded or an old one put back (a
 * supervisor's), and the explanation of one action, rule by rule (anyone signed in).
 */
@RestController
@RequestMapping("/api/policy")
class PolicyController {

    private static final Logger log = LoggerFactory.getLogger(PolicyController.class);

    static final int MAX_POLICY_BYTES = 1_000_000;
    static final String DEFAULT_ELEMENT = "core-rtr-01";
    static final String DEFAULT_PROPOSER = "agent:autonoc";

    /**
     * An action to explain: the same as {@code ./autonoc policy explain} takes. {@code element_id}
     * and {@code region} are filled into the facts, and {@code element_id} into the arguments, as
     * the tools' estimates do.
     *
     * @param element an element of the running network (default {@code core-rtr-01})
     * @param cost the estimate's cost in GBP (default 0)
     * @param risk LOW, MEDIUM or HIGH (default LOW)
     * @param at when, UTC (default: the simulation's time)
     * @param proposer who proposes it (default {@code agent:autonoc})
     */
    record ExplainBody(
            String tool,
            String element,
            Double cost,
            String risk,
            Map<String, Object> facts,
            Map<String, Object> arguments,
            String at,
            String proposer) {}

    record RuleView(
            String id,
            String description,
            List<String> tools,
            List<String> kinds,
            List<String> regions,
            String condition,
            String effect,
            String role,
            String message) {
        static RuleView of(PolicyRule r) {
            return new RuleView(
                    r.id(),
                    r.description(),
                    r.tools(),
                    r.kinds(),
                    r.regions(),
                    r.condition(),
                    r.effect(),
                    blankToNull(r.role()),
                    r.message());
        }
    }

    /**
     * @param verdict NOT_MATCHED, CONDITION_FALSE, FIRED or ERROR (could not be evaluated: DENY)
     * @param decided whether the rule is among those that produced the decision's effect
     */
    record RuleVerdictView(
            String id,
            String ruleEffect,
            String verdict,
            String contributed,
            String role,
            String message,
            boolean decided) {
        static RuleVerdictView of(RuleVerdict v) {
            return new RuleVerdictView(
                    v.rule().id(),
                    v.rule().effect(),
                    v.verdict().name(),
                    v.contributed().orElse(null),
                    v.role().orElse(null),
                    v.message().orElse(null),
                    v.decided());
        }
    }

    record ActionView(
            String tool,
            String element,
            String region,
            Instant at,
            double cost,
            String risk,
            Map<String, Object> arguments,
            Map<String, Object> facts,
            String proposer) {}

    /**
     * @param history always a fresh day: an explanation does not see the live guards' counters
     */
    record ExplainView(
            String policy,
            String policyVersion,
            ActionView action,
            DecisionView decision,
            List<RuleVerdictView> rules,
            String history) {}

    record VersionView(String version, String name, int ruleCount, boolean current) {}

    record PolicyView(
            String version, String name, int ruleCount, List<RuleView> rules, String text) {}

    private final PolicyStore store;
    private final PolicyExplainer explainer;
    private final Simulation simulation;

    PolicyController(PolicyStore store, PolicyExplainer explainer, Simulation simulation) {
        this.store = store;
        this.explainer = explainer;
        this.simulation = simulation;
    }

    /** The version in force, with its rules and text. */
    @GetMapping
    PolicyView current() {
        return view(store.version(store.currentVersion()).orElseThrow());
    }

    @GetMapping("/versions")
    List<VersionView> versions() {
        String current = store.currentVersion();
        return store.versions().stream()
                .map(
                        v ->
                                new VersionView(
                                        v.version(),
                                        v.name(),
                                        v.ruleCount(),
                                        v.version().equals(current)))
                .toList();
    }

    @GetMapping("/versions/{version}")
    PolicyView version(@PathVariable String version) {
        return view(store.version(version).orElseThrow(() -> unknownVersion(version)));
    }

    /**
     * A new policy file, validated completely before it is put in force; a refused file changes
     * nothing and is answered 422 with the file, line and reason.
     *
     * @param name the file name, for errors and the version list
     */
    @PostMapping
    ResponseEntity<PolicyView> upload(
            @RequestBody(required = false) byte[] body,
            @RequestParam(defaultValue = "uploaded.yaml") String name,
            Authentication user) {
        if (body == null || body.length == 0) {
            throw ApiProblem.invalid(
                    "body", "is empty: send the policy file's YAML as the request body");
        }
        if (body.length > MAX_POLICY_BYTES) {
            throw ApiProblem.invalid(
                    "body",
                    "is "
                            + body.length
                            + " bytes; a policy file is at most "
                            + MAX_POLICY_BYTES
                            + " bytes");
        }
        String fileName = name.isBlank() ? "uploaded.yaml" : name.strip();
        boolean known =
                store.versions().stream()
                        .anyMatch(v -> v.text().equals(new String(body, StandardCharsets.UTF_8)));
        String version;
        try {
            version = store.replaceWithText(fileName, new String(body, StandardCharsets.UTF_8));
        } catch (PolicyLoadException e) {
            throw new ApiProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "Policy refused",
                    e.getMessage() + "; the version in force stays " + store.currentVersion(),
                    Map.of(
                            "file", e.file(),
                            "line", e.line(),
                            "reason", e.reason(),
                            "current", store.currentVersion()));
        }
        log.info("policy {} ({}) put in force by '{}'", fileName, version, user.getName());
        PolicyView view = view(store.version(version).orElseThrow());
        URI location =
                URI.create(
                        "/api/policy/versions/"
                                + UriUtils.encodePathSegment(version, StandardCharsets.UTF_8));
        return ResponseEntity.status(known ? HttpStatus.OK : HttpStatus.CREATED)
                .location(location)
                .body(view);
    }

    /** Puts a kept version back in force (a rollback). */
    @PostMapping("/versions/{version}/activate")
    PolicyView activate(@PathVariable String version, Authentication user) {
        try {
            store.activate(version);
        } catch (IllegalArgumentException e) {
            throw unknownVersion(version);
        }
        log.info("policy {} put back in force by '{}'", version, user.getName());
        return current();
    }

    /**
     * The decision for one action, and every rule's verdict on it.
     *
     * @param version a kept version to explain with instead of the one in force
     */
    @PostMapping("/explain")
    ExplainView explain(
            @RequestBody(required = false) ExplainBody body,
            @RequestParam(required = false) String version) {
        if (body == null) {
            throw ApiProblem.invalid(
                    "body",
                    "is required: a JSON action like {\"tool\": \"order_part\", \"element\":"
                            + " \"core-rtr-01\", \"cost\": 2800}");
        }
        ActionRequest request = action(body);
        Optional<String> v = Optional.ofNullable(version).filter(s -> !s.isBlank());
        if (v.isPresent() && store.version(v.get()).isEmpty()) {
            throw unknownVersion(v.get());
        }
        Explanation e = explainer.explain(request, v);
        return new ExplainView(
                e.policyName(),
                e.version(),
                new ActionView(
                        request.call().tool(),
                        request.element().id().value(),
                        request.element().region(),
                        request.at(),
                        request.estimate().costGbp(),
                        request.estimate().risk().name(),
                        request.call().arguments(),
                        request.estimate().facts(),
                        request.proposer()),
                DecisionView.of(e.decision()),
                e.rules().stream().map(RuleVerdictView::of).toList(),
                "fresh: the guards' counters read as a day on which nothing has run");
    }

    private ActionRequest action(ExplainBody b) {
        String tool = b.tool() == null ? "" : b.tool().strip();
        if (!ToolNames.ACT.contains(tool)) {
            throw ApiProblem.invalid(
                    "tool",
                    (tool.isEmpty() ? "is required" : "'" + tool + "' is not an act tool")
                            + "; accepted: "
                            + String.join(", ", ToolNames.ACT));
        }
        String elementId =
                b.element() == null || b.element().isBlank()
                        ? DEFAULT_ELEMENT
                        : b.element().strip();
        Element element =
                simulation.elements().stream()
                        .filter(e -> e.id().value().equals(elementId))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        ApiProblem.invalid(
                                                "element",
                                                "no element '"
                                                        + elementId
                                                        + "' in the running network; e.g. "
                                                        + simulation.elements().stream()
                                                                .limit(5)
                                                                .map(e -> e.id().value())
                                                                .collect(
                                                                        Collectors.joining(", "))));
        double cost = b.cost() == null ? 0.0 : b.cost();
        if (!(cost >= 0) || Double.isInfinite(cost)) {
            throw ApiProblem.invalid("cost", "must be a number >= 0 (GBP), got " + b.cost());
        }
        Risk risk = risk(b.risk());
        Instant at = b.at() == null || b.at().isBlank() ? simulation.now() : instant(b.at());
        String proposer =
                b.proposer() == null || b.proposer().isBlank()
                        ? DEFAULT_PROPOSER
                        : b.proposer().strip();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("element_id", elementId);
        facts.put("region", element.region());
        if (b.facts() != null) {
            facts.putAll(b.facts());
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("element_id", elementId);
        if (b.arguments() != null) {
            arguments.putAll(b.arguments());
        }
        try {
            return new ActionRequest(
                    new CaseId("explain"),
                    0,
                    ToolCall.of(tool, arguments),
                    new Estimate(cost, risk, facts),
                    element,
                    at,
                    proposer,
                    Optional.empty());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiProblem.invalid("body", "is not a valid action: " + e.getMessage());
        }
    }

    private static Risk risk(String value) {
        if (value == null || value.isBlank()) {
            return Risk.LOW;
        }
        String key = value.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(Risk.values())
                .filter(r -> r.name().equals(key))
                .findFirst()
                .orElseThrow(
                        () ->
                                ApiProblem.invalid(
                                        "risk",
                                        "unknown risk '"
                                                + value
                                                + "'; accepted: "
                                                + Arrays.stream(Risk.values())
                                                        .map(Enum::name)
                                                        .collect(Collectors.joining(", "))));
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid(
                    "at",
                    "'"
                            + value
                            + "' is not an ISO-8601 UTC instant; expected e.g. 2025-01-06T10:00:00Z");
        }
    }

    private PolicyView view(PolicyStore.Version v) {
        List<RuleView> rules = PolicyRules.of(v.text()).stream().map(RuleView::of).toList();
        return new PolicyView(v.version(), v.name(), v.ruleCount(), rules, v.text());
    }

    private ApiProblem unknownVersion(String version) {
        return ApiProblem.notFound(
                "no policy version '"
                        + version
                        + "' is kept; kept: "
                        + store.versions().stream().map(PolicyStore.Version::version).toList());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
