package dev.autonoc.service.mcp;

import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.service.simulation.ApprovalProperties;
import dev.autonoc.service.simulation.RunStamp;
import dev.autonoc.service.simulation.Simulation;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.ai.mcp.server.common.autoconfigure.properties.McpServerStreamableHttpProperties;
import org.springframework.ai.mcp.server.webmvc.transport.WebMvcStatelessServerTransport;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.ServerRequest;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP server's tools and transport. Spring AI's stateless server serves them at {@code /mcp}
 * (streamable HTTP, one JSON-RPC request per POST, no session); the security rules let only users
 * with the role {@code mcp_client} reach it, and the transport hands each call the signed-in user,
 * who becomes the caller's agent identity.
 */
@Configuration(proxyBeanMethods = false)
class McpServerWiring {

    /** The key under which the transport context carries the signed-in user's name. */
    static final String USER = "autonoc.user";

    static final String RUN_APPROVED = "run_approved";

    private static final Map<String, Object> RUN_APPROVED_SCHEMA =
            Map.of(
                    "type",
                    "object",
                    "properties",
                    Map.of(
                            "approval_id",
                            Map.of(
                                    "type",
                                    "string",
                                    "description",
                                    "the id a pending call returned")),
                    "required",
                    List.of("approval_id"),
                    "additionalProperties",
                    false);

    @Bean
    McpToolGateway mcpToolGateway(
            Simulation simulation,
            ToolCatalogue tools,
            PolicyGate gate,
            ApprovalQueue approvals,
            AuditLog audit,
            CaseStore cases,
            RoleHierarchy roles,
            ApprovalProperties approvalSettings,
            Clock wallClock) {
        return new McpToolGateway(
                simulation,
                tools,
                gate,
                approvals,
                audit,
                cases,
                roles,
                approvalSettings.timeout(),
                "mcp-" + RunStamp.of(wallClock));
    }

    /** Spring AI's stateless transport, with the signed-in user put into each call's context. */
    @Bean
    WebMvcStatelessServerTransport webMvcStatelessServerTransport(
            JsonMapper json, McpServerStreamableHttpProperties settings) {
        return WebMvcStatelessServerTransport.builder()
                .jsonMapper(new JacksonMcpJsonMapper(json))
                .messageEndpoint(settings.getMcpEndpoint())
                .contextExtractor(McpServerWiring::userOf)
                .build();
    }

    private static McpTransportContext userOf(ServerRequest request) {
        Map<String, Object> context = new java.util.HashMap<>();
        request.principal().map(Principal::getName).ifPresent(name -> context.put(USER, name));
        // a caller's own idempotency key, as an HTTP header (checked by McpRequests)
        request.headers().header(McpRequests.HEADER).stream()
                .findFirst()
                .ifPresent(key -> context.put(McpRequests.HEADER, key));
        return context.isEmpty() ? McpTransportContext.EMPTY : McpTransportContext.create(context);
    }

    /**
     * Checks every POST to the MCP server as a JSON-RPC request before the transport reads it, and
     * answers the malformed ones with the specification's errors (after the security filters and
     * the rate limit).
     */
    @Bean
    FilterRegistrationBean<McpRequests> mcpRequests(
            JsonMapper json, McpServerStreamableHttpProperties settings) {
        FilterRegistrationBean<McpRequests> registration =
                new FilterRegistrationBean<>(new McpRequests(json));
        registration.addUrlPatterns(settings.getMcpEndpoint(), settings.getMcpEndpoint() + "/*");
        registration.setOrder(-80);
        return registration;
    }

    /** The caller's idempotency key: the call's {@code _meta}, else the request's header. */
    static Optional<String> idempotencyKey(
            McpTransportContext context, McpSchema.CallToolRequest call) {
        if (call.meta() != null && call.meta().get(McpRequests.META_KEY) instanceof String key) {
            return Optional.of(key);
        }
        return context.get(McpRequests.HEADER) instanceof String key
                ? Optional.of(key)
                : Optional.empty();
    }

    /** Every catalogue tool, with its own argument schema, and {@code run_approved}. */
    @Bean
    List<SyncToolSpecification> mcpTools(McpToolGateway gateway, JsonMapper json) {
        List<SyncToolSpecification> specs = new ArrayList<>();
        for (Tool tool : gateway.tools()) {
            boolean acts = tool.descriptor().kind() == ToolKind.ACT;
            McpSchema.Tool described =
                    McpSchema.Tool.builder(
                                    tool.name(), schema(json, tool.descriptor().argumentSchema()))
                            .description(
                                    tool.descriptor().description()
                                            + (acts
                                                    ? " Passes the operator's policy gate: it runs,"
                                                            + " is denied (rule ids), or waits for a"
                                                            + " person's approval (approval_id; then"
                                                            + " call run_approved). To retry safely,"
                                                            + " give your own idempotency key in"
                                                            + " _meta[\""
                                                            + McpRequests.META_KEY
                                                            + "\"]: a call again with the same key"
                                                            + " returns the first outcome."
                                                    : " Reads only; audited."))
                            .build();
            specs.add(
                    new SyncToolSpecification(
                            described,
                            (context, call) ->
                                    result(
                                            json,
                                            gateway.call(
                                                    actor(context),
                                                    tool.name(),
                                                    call.arguments(),
                                                    idempotencyKey(context, call)))));
        }
        McpSchema.Tool runApproved =
                McpSchema.Tool.builder(RUN_APPROVED, RUN_APPROVED_SCHEMA)
                        .description(
                                "Runs a call of yours that waited for approval, once a person"
                                        + " approved it (with any arguments they amended, gated"
                                        + " again); otherwise says whether it is still pending,"
                                        + " rejected or expired. Runs it at most once.")
                        .build();
        specs.add(
                new SyncToolSpecification(
                        runApproved,
                        (context, call) ->
                                result(
                                        json,
                                        gateway.runApproved(
                                                actor(context),
                                                call.arguments() == null
                                                                || !(call.arguments()
                                                                                .get("approval_id")
                                                                        instanceof String s)
                                                        ? null
                                                        : s))));
        return specs;
    }

    private static String actor(McpTransportContext context) {
        Object user = context.get(USER);
        if (!(user instanceof String name) || name.isBlank()) {
            // the security rules let no anonymous request reach /mcp; never act for nobody
            throw new IllegalStateException(
                    "an MCP call reached the tools without a signed-in user");
        }
        return McpToolGateway.actorOf(name);
    }

    private static McpSchema.CallToolResult result(JsonMapper json, McpCallOutcome outcome) {
        return McpSchema.CallToolResult.builder()
                .addTextContent(json.writeValueAsString(outcome.body()))
                .structuredContent(outcome.body())
                .isError(outcome.error())
                .build();
    }

    private static Map<String, Object> schema(JsonMapper json, String text) {
        return json.readValue(text, new TypeReference<Map<String, Object>>() {});
    }
}
