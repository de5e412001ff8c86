package dev.autonoc.service.ops;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The OpenAPI 3 document of {@code /api} at {@code /v3/api-docs}: springdoc reads the controllers;
 * this adds what it cannot see, the bearer scheme and the RFC 9457 problem details every endpoint
 * answers with when it refuses (the security chain's 401, 403 and 429 included, which no controller
 * declares).
 */
final class ApiDocument {

    static final String PROBLEM = "ProblemDetail";
    static final String PROBLEM_JSON = "application/problem+json";

    private ApiDocument() {}

    static OpenAPI base(String version) {
        return new OpenAPI()
                .info(
                        new Info()
                                .title("autonoc API")
                                .version(version)
                                .description(
                                        "The autonoc service's JSON API: cases, approvals, elements,"
                                                + " the policy, the audit ledger, the simulation,"
                                                + " the shadow-mode report."
                                                + " Programs send a bearer token (a personal API"
                                                + " token, or an authorization server's JWT); errors"
                                                + " are RFC 9457 problem details."))
                .components(
                        new Components()
                                .addSecuritySchemes(
                                        "bearer",
                                        new SecurityScheme()
                                                .type(SecurityScheme.Type.HTTP)
                                                .scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    // the OpenAPI model's setProperties takes a map of raw Schema
    @SuppressWarnings("rawtypes")
    private static Schema<?> problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new StringSchema().format("uri").description("the problem type"));
        properties.put("title", new StringSchema().description("short, the same for a type"));
        properties.put("status", new IntegerSchema().description("the HTTP status"));
        properties.put(
                "detail",
                new StringSchema().description("what was wrong and what is accepted, for people"));
        properties.put("instance", new StringSchema().format("uri-reference"));
        properties.put(
                "parameter",
                new StringSchema().description("the parameter or member that was wrong, if one"));
        properties.put(
                "rule", new StringSchema().description("the rule that refused an answer, if one"));
        ObjectSchema schema = new ObjectSchema();
        schema.setProperties(properties);
        schema.description("RFC 9457 problem details");
        return schema;
    }

    /** Adds the problem responses each operation can give, keeping any it declares. */
    static OpenApiCustomizer problems() {
        return api -> {
            // springdoc builds the components from the controllers: the schema goes in after
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents().addSchemas(PROBLEM, problemSchema());
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths()
                    .forEach(
                            (path, item) ->
                                    item.readOperationsMap()
                                            .forEach((method, op) -> problems(path, method, op)));
        };
    }

    private static void problems(String path, PathItem.HttpMethod method, Operation op) {
        ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
        // springdoc lists the advice's handlers under every operation with their own bodies:
        // every error is a problem detail, so each is described as one
        responses.entrySet().removeIf(e -> e.getKey().equals("default"));
        add(responses, "400", "the request is malformed: the detail names the parameter");
        add(responses, "401", "no credential, or a wrong one");
        add(responses, "403", "the signed-in user's roles do not allow it");
        add(responses, "429", "over the user's rate limit; Retry-After says when to retry");
        add(responses, "503", "the simulation is stopped or failed");
        if (path.contains("{")) {
            add(responses, "404", "no such item");
        }
        if (path.equals("/api/shadow-report")) {
            add(responses, "404", "not in connected mode: the embedded twin has no people acting");
            add(responses, "502", "the operator's systems could not be read");
        }
        if (method == PathItem.HttpMethod.POST) {
            add(responses, "413", "the body is over the size limit");
            add(responses, "415", "a Content-Type this endpoint does not take");
            if (path.startsWith("/api/approvals/") || path.startsWith("/api/cases/")) {
                add(responses, "409", "answered already, or the case is not in a state for it");
            }
            if (path.startsWith("/api/policy")) {
                add(responses, "422", "the policy or the action is refused: the detail says why");
            }
        }
        for (Map.Entry<String, ApiResponse> e : responses.entrySet()) {
            if (e.getKey().startsWith("4") || e.getKey().startsWith("5")) {
                e.getValue().setContent(problemContent());
            }
        }
        op.setResponses(responses);
    }

    private static void add(ApiResponses responses, String status, String description) {
        responses.putIfAbsent(status, new ApiResponse().description(description));
    }

    private static Content problemContent() {
        return new Content()
                .addMediaType(
                        PROBLEM_JSON,
                        new MediaType()
                                .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
    }
}
