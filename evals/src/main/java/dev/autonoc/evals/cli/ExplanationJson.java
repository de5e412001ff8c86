package dev.autonoc.evals.cli;

import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.policy.PolicyExplanation;
import dev.autonoc.policy.PolicyRule;
import dev.autonoc.policy.RuleVerdict;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code autonoc policy explain --json}: the field names of {@code POST /api/policy/explain}'s
 * answer (policy, policyVersion, action, decision, rules with id, ruleEffect, verdict, contributed,
 * role, message, decided), and each rule as written besides. Absent values are {@code null}.
 */
final class ExplanationJson {

    private static final JsonMapper MAPPER =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ExplanationJson() {}

    static String write(ActionRequest request, PolicyExplanation e) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("policy", e.policyName());
        root.put("policyVersion", e.version());
        root.put("action", action(request));
        root.put("decision", decision(e.decision()));
        root.put("rules", e.rules().stream().map(ExplanationJson::verdict).toList());
        root.put("history", "fresh: the guards' counters read as a day on which nothing has run");
        return MAPPER.writeValueAsString(root) + "\n";
    }

    private static Map<String, Object> action(ActionRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", r.call().tool());
        m.put("element", r.element().id().value());
        m.put("region", r.element().region());
        m.put("at", r.at().toString());
        m.put("cost", r.estimate().costGbp());
        m.put("risk", r.estimate().risk().name());
        m.put("arguments", r.call().arguments());
        m.put("facts", r.estimate().facts());
        m.put("proposer", r.proposer());
        return m;
    }

    private static Map<String, Object> decision(Decision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("decisionId", d.decisionId());
        m.put("effect", d.effect().name());
        m.put("requiredRole", d.requiredRole().orElse(null));
        m.put("ruleIds", d.ruleIds());
        m.put("reasons", d.reasons());
        m.put("policyVersion", d.policyVersion());
        m.put("context", d.context());
        return m;
    }

    private static Map<String, Object> verdict(RuleVerdict v) {
        PolicyRule rule = v.rule();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", rule.id());
        m.put("ruleEffect", rule.effect().name());
        m.put("verdict", v.verdict().name());
        m.put("contributed", v.contributed().map(Enum::name).orElse(null));
        m.put("role", v.role().orElse(null));
        m.put("message", v.message().orElse(null));
        m.put("decided", v.decided());
        Map<String, Object> written = new LinkedHashMap<>();
        written.put("description", rule.description());
        Map<String, Object> match = new LinkedHashMap<>();
        match.put("tools", rule.match().tools());
        match.put("kinds", rule.match().kinds());
        match.put("regions", rule.match().regions());
        written.put("match", match);
        written.put("condition", rule.condition().orElse(null));
        written.put("role", rule.role().orElse(null));
        written.put("retry", rule.retry().map(PolicyRule.Retry::written).orElse(null));
        written.put("message", rule.message());
        written.put("line", rule.line());
        m.put("rule", written);
        return m;
    }
}
