package dev.autonoc.service.api;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.policy.ActionInput;
import dev.autonoc.policy.InvalidActionException;
import dev.autonoc.policy.PolicyExplanation;
import dev.autonoc.policy.PolicyLoadException;
import dev.autonoc.policy.PolicyRule;
import dev.autonoc.policy.PolicyStore;
import dev.autonoc.policy.RuleVerdict;
import dev.autonoc.service.api.Views.DecisionView;
import dev.autonoc.service.policy.PolicyChanges;
import dev.autonoc.service.policy.PolicyExplainer;
import dev.autonoc.service.simulation.Simulation;
import dev.autonoc.service.store.PolicyVersions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
@KnownParametersOnly
@RequestMapping("/api/policy")
class PolicyController {

    private static final Logger log = LoggerFactory.getLogger(PolicyController.class);

    static final int MAX_POLICY_BYTES = 1_000_000;

    /** An action is a few fields: far more is a mistake, refused before it is parsed. */
    static final int MAX_ACTION_CHARS = 100_000;

    record RuleView(
            String id,
            String description,
            List<String> tools,
            List<String> kinds,
            List<String> regions,
            String condition,
            String effect,
            String role,
            String message,
            String retry) {
        static RuleView of(PolicyRule r) {
            return new RuleView(
                    r.id(),
                    r.description(),
                    r.match().tools(),
                    r.match().kinds(),
                    r.match().regions(),
                    r.condition().orElse(""),
                    r.effect().name(),
                    r.role().orElse(null),
                    r.message(),
                    r.retry().map(PolicyRule.Retry::written).orElse(null));
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
                    v.rule().effect().name(),
                    v.verdict().name(),
                    v.contributed().map(Enum::name).orElse(null),
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

    /**
     * A kept version in the list.
     *
     * @param keptBy who brought it ({@code system} for the configured file)
     * @param keptAt when, in wall time
     */
    record VersionView(
            String version,
            String name,
            int ruleCount,
            boolean current,
            String keptBy,
            Instant keptAt) {}

    record PolicyView(
            String version, String name, int ruleCount, List<RuleView> rules, String text) {}

    private final PolicyStore store;
    private final PolicyChanges changes;
    private final PolicyExplainer explainer;
    private final Simulation simulation;

    PolicyController(
            PolicyStore store,
            PolicyChanges changes,
            PolicyExplainer explainer,
            Simulation simulation) {
        this.store = store;
        this.changes = changes;
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
        Map<String, PolicyVersions.Kept> kept = changes.kept();
        return store.versions().stream()
                .map(
                        v -> {
                            Optional<PolicyVersions.Kept> k =
                                    Optional.ofNullable(kept.get(v.version()));
                            return new VersionView(
                                    v.version(),
                                    v.name(),
                                    v.ruleCount(),
                                    v.version().equals(current),
                                    k.map(PolicyVersions.Kept::keptBy).orElse(""),
                                    k.map(PolicyVersions.Kept::keptAt).orElse(null));
                        })
                .toList();
    }

    @GetMapping("/versions/{version}")
    PolicyView version(@PathVariable String version) {
        return view(store.version(version).orElseThrow(() -> unknownVersion(version)));
    }

    /**
     * A new policy file, validated completely before it is put in force; a refused file changes
     * nothing and is answered 422 with the file, line and reason. The body is sent as YAML ({@code
     * application/yaml}; also text/yaml, text/plain, JSON or octet-stream, or no type); any other
     * type, a form's in particular ({@code curl -d} without a type), is answered 415.
     *
     * @param name the file name, for errors and the version list
     */
    @PostMapping(
            consumes = {
                "application/yaml",
                "application/x-yaml",
                "text/yaml",
                "text/x-yaml",
                "text/plain",
                "application/json",
                "application/octet-stream"
            })
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
            version =
                    changes.upload(
                            fileName,
                            new String(body, StandardCharsets.UTF_8),
                            user.getName(),
                            simulation.now());
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
            changes.activate(version, user.getName(), simulation.now());
        } catch (IllegalArgumentException e) {
            throw unknownVersion(version);
        }
        log.info("policy {} put back in force by '{}'", version, user.getName());
        return current();
    }

    /**
     * The decision for one action, and every rule's verdict on it. The body is the JSON of an
     * action that {@code ./autonoc policy explain --action} reads, parsed by the policy module
     * ({@link ActionInput}): {@code tool} (an act tool, required), {@code element} (an element of
     * the running network, default {@code core-rtr-01}), {@code arguments}, {@code cost} (GBP),
     * {@code risk}, {@code facts}, {@code at} (default: the simulation's time) and {@code
     * proposer}. A bad field is answered 400 naming it and what is accepted.
     *
     * @param version a kept version to explain with instead of the one in force
     */
    @PostMapping(path = "/explain", consumes = MediaType.APPLICATION_JSON_VALUE)
    ExplainView explain(
            @RequestBody(required = false) String body,
            @RequestParam(required = false) String version) {
        if (body == null || body.isBlank()) {
            throw ApiProblem.invalid(
                    "body",
                    "is required: a JSON action like {\"tool\": \"order_part\", \"element\":"
                            + " \"core-rtr-01\", \"cost\": 2800}");
        }
        if (body.length() > MAX_ACTION_CHARS) {
            throw ApiProblem.invalid(
                    "body",
                    "is "
                            + body.length()
                            + " characters; an action is at most "
                            + MAX_ACTION_CHARS
                            + " characters of JSON");
        }
        ActionRequest request = action(body);
        Optional<String> v = Optional.ofNullable(version).filter(s -> !s.isBlank());
        if (v.isPresent() && store.version(v.get()).isEmpty()) {
            throw unknownVersion(v.get());
        }
        PolicyExplanation e = explainer.explain(request, v);
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

    /** The action of {@code json} on its element of the running network. */
    private ActionRequest action(String json) {
        ActionInput input;
        try {
            input = ActionInput.fromJson(json);
        } catch (InvalidActionException e) {
            throw ApiProblem.invalid(
                    e.field().equals(InvalidActionException.WHOLE_ACTION) ? "body" : e.field(),
                    withoutParserSource(e.problem()));
        }
        Element element =
                simulation.elements().stream()
                        .filter(el -> el.id().value().equals(input.element()))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        ApiProblem.invalid(
                                                "element",
                                                "no element '"
                                                        + input.element()
                                                        + "' in the running network; e.g. "
                                                        + simulation.elements().stream()
                                                                .limit(5)
                                                                .map(el -> el.id().value())
                                                                .collect(
                                                                        Collectors.joining(", "))));
        return input.toRequest(element, simulation.now());
    }

    /**
     * The JSON parser's message without its note on where its source was ("[Source: REDACTED
     * ...]"), which tells a client nothing; the line and column stay.
     */
    static String withoutParserSource(String problem) {
        return problem.replaceAll(" \\(start marker at \\[Source: [^\\]]*\\]\\)", "")
                .replaceAll("\\s*at \\[Source: [^\\]]*\\]", "");
    }

    private PolicyView view(PolicyStore.Version v) {
        List<RuleView> rules =
                store.rules(v.version()).orElseThrow().stream().map(RuleView::of).toList();
        return new PolicyView(v.version(), v.name(), v.ruleCount(), rules, v.text());
    }

    private ApiProblem unknownVersion(String version) {
        return ApiProblem.notFound(
                "no policy version '"
                        + version
                        + "' is kept; kept: "
                        + store.versions().stream().map(PolicyStore.Version::version).toList());
    }
}
