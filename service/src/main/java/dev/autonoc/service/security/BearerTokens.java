package dev.autonoc.service.security;

import dev.autonoc.core.approval.Actors;
import dev.autonoc.service.security.ApiToken.Audience;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who a bearer token is, for the resource it is sent to. Two kinds are taken:
 *
 * <ul>
 *   <li>the service's own personal tokens ({@code anc_...}, {@link ApiTokens}), each bound to one
 *       resource ({@code /api} or {@code /mcp}) and acting as its user with that user's roles;
 *   <li>where an authorization server is configured ({@code autonoc.security.oauth2.*}), its JWT
 *       access tokens: signature, issuer and expiry checked, and the audience ({@code aud}) must be
 *       the resource's identifier ({@code <public-url>/mcp} or {@code <public-url>/api}, RFC 8707),
 *       so that a token issued for another service, or for the other resource, is refused. The
 *       user's name and roles come from claims.
 * </ul>
 */
final class BearerTokens implements AuthenticationManagerResolver<HttpServletRequest> {

    private final AuthenticationManager api;
    private final AuthenticationManager mcp;

    BearerTokens(
            ApiTokens tokens,
            UserDetailsService users,
            OAuth2Properties oauth2,
            Set<String> knownRoles) {
        this.api = manager(tokens, users, oauth2, knownRoles, Audience.API);
        this.mcp = manager(tokens, users, oauth2, knownRoles, Audience.MCP);
    }

    @Override
    public AuthenticationManager resolve(HttpServletRequest request) {
        return ProblemResponses.isMcp(request) ? mcp : api;
    }

    private static AuthenticationManager manager(
            ApiTokens tokens,
            UserDetailsService users,
            OAuth2Properties oauth2,
            Set<String> knownRoles,
            Audience audience) {
        List<AuthenticationProvider> providers = new ArrayList<>();
        providers.add(new Personal(tokens, users, audience, oauth2.configured()));
        if (oauth2.configured()) {
            providers.add(jwt(oauth2, knownRoles, audience));
        }
        return new ProviderManager(providers);
    }

    /** The personal tokens: {@code anc_...} secrets, bound to one resource. */
    private record Personal(
            ApiTokens tokens, UserDetailsService users, Audience audience, boolean othersTaken)
            implements AuthenticationProvider {

        @Override
        public Authentication authenticate(Authentication authentication) {
            String secret = ((BearerTokenAuthenticationToken) authentication).getToken();
            if (!secret.startsWith(ApiTokens.PREFIX)) {
                if (othersTaken) {
                    return null; // a JWT, for the authorization server's provider
                }
                throw new InvalidBearerTokenException(
                        "not a token of this service (anc_...); no authorization server is"
                                + " configured (autonoc.security.oauth2)");
            }
            ApiToken token =
                    tokens.authenticate(secret)
                            .orElseThrow(
                                    () ->
                                            new InvalidBearerTokenException(
                                                    "unknown, expired or revoked token"));
            if (token.audience() != audience) {
                throw new InvalidBearerTokenException(
                        "token "
                                + token.id()
                                + " is bound to "
                                + token.audience().path()
                                + ", not "
                                + audience.path());
            }
            UserDetails user;
            try {
                user = users.loadUserByUsername(token.user());
            } catch (UsernameNotFoundException e) {
                throw new InvalidBearerTokenException(
                        "token "
                                + token.id()
                                + " acts as '"
                                + token.user()
                                + "', who is no longer a user");
            }
            return new TokenAuthentication(user, token, user.getAuthorities());
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
        }
    }

    private static AuthenticationProvider jwt(
            OAuth2Properties oauth2, Set<String> knownRoles, Audience audience) {
        NimbusJwtDecoder decoder =
                oauth2.jwkSetUri().isPresent()
                        ? NimbusJwtDecoder.withJwkSetUri(oauth2.jwkSetUri().get()).build()
                        : NimbusJwtDecoder.withIssuerLocation(oauth2.issuerUri().orElseThrow())
                                .build();
        String resource = oauth2.resourceId(audience);
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(
                oauth2.issuerUri().isPresent()
                        ? JwtValidators.createDefaultWithIssuer(oauth2.issuerUri().get())
                        : JwtValidators.createDefault());
        validators.add(
                new JwtClaimValidator<Collection<String>>(
                        "aud", aud -> aud != null && aud.contains(resource)));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(jwt -> fromClaims(jwt, oauth2, knownRoles));
        return provider;
    }

    /** The user a JWT names, with the roles it carries that the service knows. */
    static JwtAuthenticationToken fromClaims(
            Jwt jwt, OAuth2Properties oauth2, Set<String> knownRoles) {
        String name =
                Optional.ofNullable(jwt.getClaimAsString(oauth2.nameClaim()))
                        .filter(n -> !n.isBlank())
                        .orElse(jwt.getSubject());
        if (name == null || name.isBlank() || Actors.isAgent(name) || name.equals(Actors.SYSTEM)) {
            throw new InvalidBearerTokenException(
                    "the token names no user ("
                            + oauth2.nameClaim()
                            + " or sub), or one reserved for agents or the system");
        }
        Object claim = jwt.getClaims().get(oauth2.rolesClaim());
        List<GrantedAuthority> roles = new ArrayList<>();
        if (claim instanceof Collection<?> values) {
            for (Object v : values) {
                if (v instanceof String role && knownRoles.contains(role)) {
                    roles.add(new SimpleGrantedAuthority(Approvers.ROLE_PREFIX + role));
                }
            }
        }
        return new JwtAuthenticationToken(jwt, roles, name);
    }
}
