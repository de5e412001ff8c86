package dev.autonoc.core.planner.llm;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.util.List;
import java.util.Map;

/** A tool's JSON Schema text as a LangChain4j schema; the catalogue's schemas are flat objects. */
final class Schemas {

    static JsonObjectSchema fromJsonSchema(String jsonSchema) {
        Map<String, Object> schema = Json.parseObject(jsonSchema);
        JsonObjectSchema.Builder out = JsonObjectSchema.builder();
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            for (Map.Entry<?, ?> e : properties.entrySet()) {
                String name = String.valueOf(e.getKey());
                Map<?, ?> p = e.getValue() instanceof Map<?, ?> m ? m : Map.of();
                String description = p.get("description") instanceof String d ? d : name;
                if (p.get("enum") instanceof List<?> values) {
                    out.addEnumProperty(
                            name, values.stream().map(String::valueOf).toList(), description);
                    continue;
                }
                switch (String.valueOf(p.get("type"))) {
                    case "integer" -> out.addIntegerProperty(name, description);
                    case "number" -> out.addNumberProperty(name, description);
                    case "boolean" -> out.addBooleanProperty(name, description);
                    default -> out.addStringProperty(name, description);
                }
            }
        }
        if (schema.get("required") instanceof List<?> required) {
            out.required(required.stream().map(String::valueOf).toList());
        }
        return out.build();
    }

    private Schemas() {}
}
