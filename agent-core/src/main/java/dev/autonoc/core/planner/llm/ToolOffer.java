package dev.autonoc.core.planner.llm;

import dev.autonoc.core.tool.ToolDescriptor;
import dev.autonoc.core.tool.ToolKind;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * The tools offered to the model: the catalogue's read tools, which it may call while it thinks,
 * and {@code submit_plan}, its only way to answer. Acting tools are never offered to call; they
 * appear only as the names a plan's step may take. Part of the conversation: a change here changes
 * every request, and the committed recording must be made again (docs/llm-planner.md).
 */
final class ToolOffer {

    private ToolOffer() {}

    /**
     * The read tools, with their descriptions and argument schemas, and {@code submit_plan}, whose
     * steps may name any tool of the catalogue.
     */
    static List<ToolSpecification> specifications(List<ToolDescriptor> tools) {
        List<ToolSpecification> specs = new ArrayList<>();
        for (ToolDescriptor t : tools) {
            if (t.kind() == ToolKind.READ) {
                specs.add(
                        ToolSpecification.builder()
                                .name(t.name())
                                .description(t.description())
                                .parameters(Schemas.fromJsonSchema(t.argumentSchema()))
                                .build());
            }
        }
        JsonObjectSchema step =
                JsonObjectSchema.builder()
                        .addEnumProperty(
                                "tool",
                                tools.stream().map(ToolDescriptor::name).toList(),
                                "the tool this step calls")
                        .addProperty(
                                "arguments",
                                JsonObjectSchema.builder()
                                        .description("the tool's arguments, per its schema")
                                        .additionalProperties(true)
                                        .build())
                        .addStringProperty(
                                "not_before", "ISO-8601 instant before which the step does not run")
                        .addIntegerProperty(
                                "after_step",
                                "index (in this plan, from 0) of an earlier step whose effect must complete first")
                        .addIntegerProperty(
                                "undoes",
                                "instead of tool and arguments: the number of an earlier step whose effect this step takes back with its registered undo")
                        .addStringProperty("purpose", "why the step is there")
                        .build();
        specs.add(
                ToolSpecification.builder()
                        .name(LlmPlanner.SUBMIT_PLAN)
                        .description(
                                "Submit the remediation plan. Every acting step is checked by the operator's policy before it runs; a person may have to approve it.")
                        .parameters(
                                JsonObjectSchema.builder()
                                        .addStringProperty(
                                                "rationale", "why this plan, in a few sentences")
                                        .addProperty(
                                                "steps",
                                                JsonArraySchema.builder().items(step).build())
                                        .addProperty(
                                                "keeps",
                                                JsonArraySchema.builder()
                                                        .description(
                                                                "numbers of earlier steps whose effect this plan keeps")
                                                        .items(new JsonIntegerSchema())
                                                        .build())
                                        .required("rationale", "steps")
                                        .build())
                        .build());
        return specs;
    }
}
