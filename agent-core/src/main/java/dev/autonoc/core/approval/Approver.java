package dev.autonoc.core.approval;

import java.util.Objects;
import java.util.Set;

/** A person answering an approval request, with the roles they hold. */
public record Approver(String name, Set<String> roles) {

    public Approver {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
    }
}
