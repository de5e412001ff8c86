package dev.autonoc.service.security;

import dev.autonoc.core.approval.Approver;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The signed-in user as the approval queue sees them. */
public final class Approvers {

    static final String ROLE_PREFIX = "ROLE_";

    private Approvers() {}

    /** The user's name and the roles granted to them (not those their roles include). */
    public static Approver of(Authentication authentication) {
        Set<String> roles =
                authentication.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .filter(a -> a != null && a.startsWith(ROLE_PREFIX))
                        .map(a -> a.substring(ROLE_PREFIX.length()))
                        .collect(Collectors.toSet());
        return new Approver(authentication.getName(), roles);
    }
}
