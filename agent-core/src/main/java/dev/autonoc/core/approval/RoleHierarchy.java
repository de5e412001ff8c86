package dev.autonoc.core.approval;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which role may stand in for which: a role may approve whatever the roles it includes may. The
 * operator's default: {@code noc_supervisor} includes {@code noc_operator}.
 */
public final class RoleHierarchy {

    public static final String NOC_OPERATOR = "noc_operator";
    public static final String NOC_SUPERVISOR = "noc_supervisor";
    public static final String AUDITOR = "auditor";

    private final Map<String, List<String>> includes;

    public RoleHierarchy(Map<String, List<String>> includes) {
        this.includes = Map.copyOf(Objects.requireNonNull(includes, "includes"));
    }

    public static RoleHierarchy operatorDefault() {
        return new RoleHierarchy(
                Map.of(
                        NOC_SUPERVISOR,
                        List.of(NOC_OPERATOR),
                        NOC_OPERATOR,
                        List.of(),
                        AUDITOR,
                        List.of()));
    }

    /** Every role known to the hierarchy. */
    public Set<String> roles() {
        Set<String> all = new HashSet<>(includes.keySet());
        includes.values().forEach(all::addAll);
        return all;
    }

    /**
     * The role a request escalates to when nobody with {@code role} answers: the first (by name) of
     * the roles that directly include it; empty at the top.
     */
    public Optional<String> escalationOf(String role) {
        return includes.entrySet().stream()
                .filter(e -> e.getValue().contains(role))
                .map(Map.Entry::getKey)
                .sorted()
                .findFirst();
    }

    /** Whether someone holding {@code held} may act with {@code required}. */
    public boolean satisfies(Set<String> held, String required) {
        Deque<String> todo = new ArrayDeque<>(held);
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String role = todo.pop();
            if (role.equals(required)) {
                return true;
            }
            if (seen.add(role)) {
                todo.addAll(includes.getOrDefault(role, List.of()));
            }
        }
        return false;
    }
}
