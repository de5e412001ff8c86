package dev.autonoc.service.security;

import java.util.Collection;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A request signed in with a personal API token: the token's user, with that user's roles as they
 * are configured now (a user removed from the configuration has no working tokens).
 */
final class TokenAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final transient UserDetails user;
    private final transient ApiToken token;

    TokenAuthentication(
            UserDetails user, ApiToken token, Collection<? extends GrantedAuthority> roles) {
        super(roles);
        this.user = user;
        this.token = token;
        setAuthenticated(true);
    }

    ApiToken token() {
        return token;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return user;
    }

    @Override
    public String getName() {
        return user.getUsername();
    }
}
