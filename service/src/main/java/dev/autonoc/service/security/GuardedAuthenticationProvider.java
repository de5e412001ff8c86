package dev.autonoc.service.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The password check behind the sign-in form (and HTTP Basic, where it is on), with the {@link
 * SignInGuard} in front: a locked user or client is refused before any password is hashed, and
 * every failure and success is counted.
 */
final class GuardedAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final SignInGuard guard;

    GuardedAuthenticationProvider(AuthenticationProvider passwords, SignInGuard guard) {
        this.passwords = passwords;
        this.guard = guard;
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        String user = attempt.getName() == null ? "" : attempt.getName();
        String client = clientOf(attempt);
        guard.checkAllowed(user, client);
        Authentication done;
        try {
            done = passwords.authenticate(attempt);
        } catch (BadCredentialsException e) {
            guard.failed(user, client);
            throw e;
        }
        if (done != null) {
            guard.succeeded(user, client);
        }
        return done;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }

    static String clientOf(Authentication attempt) {
        return attempt.getDetails() instanceof WebAuthenticationDetails d
                        && d.getRemoteAddress() != null
                ? d.getRemoteAddress()
                : "unknown";
    }
}
