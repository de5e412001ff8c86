package dev.autonoc.service.policy;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the rules of a policy file that the policy module has already accepted, for people to see;
 * it validates nothing (the policy module does, completely, before a version is kept).
 */
public final class PolicyRules {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private PolicyRules() {}

    /** The rules of an accepted policy file, in file order. */
    public static List<PolicyRule> of(String policyText) {
        JsonNode root;
        try {
            root = YAML.readTree(policyText);
        } catch (JacksonException e) {
            throw new IllegalStateException("a kept policy version does not parse: " + e, e);
        }
        List<PolicyRule> rules = new ArrayList<>();
        JsonNode list = root == null ? null : root.get("rules");
        if (list == null || !list.isArray()) {
            return rules;
        }
        for (JsonNode r : list) {
            JsonNode match = r.path("match");
            rules.add(
                    new PolicyRule(
                            text(r, "id"),
                            text(r, "description"),
                            names(match.get("tools")),
                            names(match.get("kinds")),
                            names(match.get("regions")),
                            text(r, "condition"),
                            text(r, "effect"),
                            text(r, "role"),
                            text(r, "message")));
        }
        return rules;
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? "" : v.asString();
    }

    /** A list of names, or a single name (the file format takes either). */
    private static List<String> names(JsonNode v) {
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (v.isArray()) {
            List<String> out = new ArrayList<>();
            v.forEach(n -> out.add(n.asString()));
            return out;
        }
        return List.of(v.asString());
    }
}
