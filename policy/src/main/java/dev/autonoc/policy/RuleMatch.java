package dev.autonoc.policy;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementKind;
import java.util.Set;

/**
 * Which requests a rule looks at: a tool among {@code tools} ({@code "*"} expanded to every act
 * tool at load), and, when given, an element of one of {@code kinds} in one of {@code regions}.
 */
record RuleMatch(Set<String> tools, Set<ElementKind> kinds, Set<String> regions) {

    RuleMatch {
        tools = Set.copyOf(tools);
        kinds = Set.copyOf(kinds);
        regions = Set.copyOf(regions);
    }

    boolean matches(String tool, Element element) {
        return tools.contains(tool)
                && (kinds.isEmpty() || kinds.contains(element.kind()))
                && (regions.isEmpty() || regions.contains(element.region()));
    }
}
