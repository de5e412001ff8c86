package dev.autonoc.core.tool;

import java.util.List;
import java.util.Optional;

/** The tools the agent may call, by name. */
public interface ToolCatalogue {

    List<Tool> tools();

    default Optional<Tool> find(String name) {
        return tools().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    default Tool require(String name) {
        return find(name)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "unknown tool '"
                                                + name
                                                + "'; known: "
                                                + tools().stream().map(Tool::name).toList()));
    }

    static ToolCatalogue of(List<Tool> tools) {
        List<Tool> copy = List.copyOf(tools);
        return () -> copy;
    }
}
