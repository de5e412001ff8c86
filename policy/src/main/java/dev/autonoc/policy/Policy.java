package dev.autonoc.policy;

import dev.autonoc.core.approval.RoleHierarchy;
import java.util.List;

/**
 * A loaded, compiled policy: immutable, so one instance may back many gates (each with its own
 * counters and decision ids).
 *
 * @param name the file name, or the name given with the text
 * @param version {@code sha256:} and the hex digest of the file's bytes
 * @param rules in file order
 * @param roles the hierarchy its roles were checked against, used to pick the highest role
 */
record Policy(String name, String version, List<CompiledRule> rules, RoleHierarchy roles) {

    Policy {
        rules = List.copyOf(rules);
    }
}
