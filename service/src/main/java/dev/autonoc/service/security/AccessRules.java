package dev.autonoc.service.security;

import dev.autonoc.core.approval.RoleHierarchy;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Which roles a part of the API needs, beyond being signed in. Kept as data so that the same rules
 * configure the filter chain and explain a refusal ("needs one of ..."). A role also passes where a
 * role it includes is named (a supervisor may do what an operator may).
 */
final class AccessRules {

    record Rule(HttpMethod method, String pattern, List<String> roles) {

        RequestMatcher matcher() {
            return method == null
                    ? PathPatternRequestMatcher.withDefaults().matcher(pattern)
                    : PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
        }

        String describe() {
            return (method == null ? "" : method.name() + " ") + pattern;
        }
    }

    /**
     * The role of other agents that call the gated tools over MCP; not an approval role, so it
     * approves nothing.
     */
    static final String MCP_CLIENT = "mcp_client";

    static final List<Rule> RULES =
            List.of(
                    new Rule(null, "/mcp/**", List.of(MCP_CLIENT)),
                    new Rule(HttpMethod.POST, "/api/policy", List.of(RoleHierarchy.NOC_SUPERVISOR)),
                    new Rule(
                            HttpMethod.POST,
                            "/api/policy/versions/**",
                            List.of(RoleHierarchy.NOC_SUPERVISOR)),
                    new Rule(
                            HttpMethod.POST,
                            "/api/simulation/**",
                            List.of(RoleHierarchy.NOC_SUPERVISOR)),
                    new Rule(
                            null,
                            "/api/audit/**",
                            List.of(RoleHierarchy.AUDITOR, RoleHierarchy.NOC_SUPERVISOR)),
                    // the shadow-mode report weighs the agent: those who decide to trust it
                    new Rule(
                            null,
                            "/api/shadow-report",
                            List.of(RoleHierarchy.AUDITOR, RoleHierarchy.NOC_SUPERVISOR)),
                    new Rule(
                            null,
                            "/shadow",
                            List.of(RoleHierarchy.AUDITOR, RoleHierarchy.NOC_SUPERVISOR)),
                    new Rule(
                            HttpMethod.POST,
                            "/api/approvals/**",
                            List.of(RoleHierarchy.NOC_OPERATOR)),
                    // take over, hand back, close: NOC staff, not auditors or other agents
                    new Rule(
                            HttpMethod.POST, "/api/cases/**", List.of(RoleHierarchy.NOC_OPERATOR)));

    static Optional<Rule> ruleFor(HttpServletRequest request) {
        return RULES.stream().filter(r -> r.matcher().matches(request)).findFirst();
    }

    private AccessRules() {}
}
