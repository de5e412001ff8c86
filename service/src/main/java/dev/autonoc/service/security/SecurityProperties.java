package dev.autonoc.service.security;

import dev.autonoc.core.approval.RoleHierarchy;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code autonoc.security.*}: the users and, optionally, which role includes which.
 *
 * @param users who may sign in; the embedded default ships three demo users (README)
 * @param roleIncludes role to the roles it includes ({@code [noc_supervisor]: [noc_operator]});
 *     empty means the operator's default hierarchy
 */
@ConfigurationProperties("autonoc.security")
record SecurityProperties(List<User> users, Map<String, List<String>> roleIncludes) {

    /**
     * @param password with its encoding prefix: {@code {bcrypt}...} for real use; {@code {noop}...}
     *     is plain text, fit only for the embedded demo
     */
    record User(String name, String password, List<String> roles) {}

    SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
        roleIncludes = roleIncludes == null ? Map.of() : Map.copyOf(roleIncludes);
    }

    RoleHierarchy hierarchy() {
        return roleIncludes.isEmpty()
                ? RoleHierarchy.operatorDefault()
                : new RoleHierarchy(roleIncludes);
    }

    /** Fails start-up with a message naming the user and what is accepted. */
    void check() {
        if (users.isEmpty()) {
            throw new IllegalArgumentException(
                    "autonoc.security.users is empty: configure at least one user (name, password, roles)");
        }
        Set<String> known = new TreeSet<>(hierarchy().roles());
        known.add(AccessRules.MCP_CLIENT);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < users.size(); i++) {
            User u = users.get(i);
            String where = "autonoc.security.users[" + i + "]";
            if (u.name() == null || u.name().isBlank()) {
                throw new IllegalArgumentException(where + ".name is required");
            }
            if (!names.add(u.name())) {
                throw new IllegalArgumentException(
                        where + ": the name '" + u.name() + "' is used twice");
            }
            if (u.name().startsWith(dev.autonoc.core.approval.Actors.AGENT_PREFIX)) {
                throw new IllegalArgumentException(
                        where
                                + ": '"
                                + u.name()
                                + "' is an agent's name; people may not sign in as agents");
            }
            if (u.name().equals(dev.autonoc.core.approval.Actors.SYSTEM)) {
                throw new IllegalArgumentException(
                        where
                                + ": '"
                                + u.name()
                                + "' is the name the ledger gives expiries; choose another name");
            }
            if (u.password() == null || !u.password().matches("^\\{[^}]+}.+")) {
                throw new IllegalArgumentException(
                        where
                                + " ('"
                                + u.name()
                                + "'): the password needs its encoding prefix, {bcrypt}<hash> (or {noop}<text> for the demo only)");
            }
            if (u.roles() == null || u.roles().isEmpty()) {
                throw new IllegalArgumentException(
                        where + " ('" + u.name() + "'): roles are required; known roles: " + known);
            }
            for (String role : u.roles()) {
                if (!known.contains(role)) {
                    throw new IllegalArgumentException(
                            where
                                    + " ('"
                                    + u.name()
                                    + "'): unknown role '"
                                    + role
                                    + "'; known roles: "
                                    + known);
                }
            }
        }
    }
}
