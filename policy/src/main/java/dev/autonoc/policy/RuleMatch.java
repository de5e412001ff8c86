package dev.autonoc.policy;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementKind;
import java.util.Objects;
import java.util.Set;

/**
 * Which requests a rule looks at: a tool among {@code tools} ({@code "*"} expanded to every act
 * tool at load), and, when given, an element of one of {@code kinds} in one of {@code regions}.
 *
 * @param written the same as the file wrote it, in its order and with {@code "*"} kept, for people
 *     to read; the sets above are what decides
 */
record RuleMatch(
        Set<String> tools, Set<ElementKind> kinds, Set<String> regions, PolicyRule.Match written) {

    RuleMatch {
        tools = Set.copyOf(tools);
        kinds = Set.copyOf(kinds);
        regions = Set.copyOf(regions);
        Objects.requireNonNull(written, "written");
    }

    boolean matches(String tool, Element element) {
        return tools.contains(tool)
                && (kinds.isEmpty() || kinds.contains(element.kind()))
                && (regions.isEmpty() || regions.contains(element.region()));
    }
}
