package dev.autonoc.service.connected;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementKind;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code autonoc.connected.autonomy}: the autonomy level per tool and element group. The first rule
 * that matches an action decides its level; an action no rule matches gets {@code default}. A
 * rule's empty list matches anything.
 *
 * @param defaultLevel {@code auto} unless set ({@code autonoc.connected.autonomy.default-level})
 */
record AutonomyLevels(@DefaultValue("auto") String defaultLevel, List<Rule> rules) {

    enum Level {
        OBSERVE,
        PROPOSE,
        AUTO;

        static Level of(String setting, String name) {
            try {
                return valueOf(Objects.requireNonNull(name, setting).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException(
                        setting + " is '" + name + "'; one of observe, propose, auto is accepted");
            }
        }
    }

    AutonomyLevels {
        rules = rules == null ? List.of() : List.copyOf(rules);
        Level.of("autonoc.connected.autonomy.default-level", defaultLevel);
    }

    static AutonomyLevels auto() {
        return new AutonomyLevels("auto", List.of());
    }

    Level levelFor(String tool, Element element) {
        for (Rule r : rules) {
            if (r.matches(tool, element)) {
                return r.levelValue();
            }
        }
        return Level.of("autonoc.connected.autonomy.default-level", defaultLevel);
    }

    /**
     * @param tools tool names ({@code restart_element}, ...)
     * @param kinds element kinds ({@code ROUTER}, {@code RADIO}, {@code LINK})
     * @param roles element roles ({@code core}, {@code aggregation}, {@code cell}, {@code fibre})
     * @param regions the operator's regions
     * @param level {@code observe}, {@code propose} or {@code auto}
     */
    record Rule(
            List<String> tools,
            List<ElementKind> kinds,
            List<String> roles,
            List<String> regions,
            String level) {

        Rule {
            tools = tools == null ? List.of() : List.copyOf(tools);
            kinds = kinds == null ? List.of() : List.copyOf(kinds);
            roles = roles == null ? List.of() : List.copyOf(roles);
            regions = regions == null ? List.of() : List.copyOf(regions);
            Level.of("autonoc.connected.autonomy.rules[].level", level);
        }

        Level levelValue() {
            return Level.of("autonoc.connected.autonomy.rules[].level", level);
        }

        boolean matches(String tool, Element e) {
            return (tools.isEmpty() || tools.contains(tool))
                    && (kinds.isEmpty() || kinds.contains(e.kind()))
                    && (roles.isEmpty() || roles.contains(e.role()))
                    && (regions.isEmpty() || regions.contains(e.region()));
        }
    }
}
