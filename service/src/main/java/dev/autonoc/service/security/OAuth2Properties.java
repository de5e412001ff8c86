package dev.autonoc.service.security;

import dev.autonoc.service.security.ApiToken.Audience;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code autonoc.security.oauth2.*}: an OAuth 2.1 authorization server whose JWT access tokens the
 * service takes, beside its own personal tokens (README, "Security"). Unset, the service takes its
 * own tokens only.
 *
 * @param issuerUri the authorization server's issuer; its metadata gives the signing keys, every
 *     token's {@code iss} must be it, and the RFC 9728 metadata names it
 * @param jwkSetUri the signing keys' address, when the issuer's metadata is not to be fetched
 * @param publicUrl the service's address as clients reach it ({@code https://noc.example.net}); the
 *     resources' identifiers are it plus {@code /api} and {@code /mcp}, and a token's {@code aud}
 *     must be the one of the resource it is sent to
 * @param nameClaim the claim holding the user's name ({@code preferred_username}; else {@code sub})
 * @param rolesClaim the claim listing the user's roles ({@code roles}); roles the service does not
 *     know are ignored
 */
@ConfigurationProperties("autonoc.security.oauth2")
record OAuth2Properties(
        Optional<String> issuerUri,
        Optional<String> jwkSetUri,
        Optional<String> publicUrl,
        String nameClaim,
        String rolesClaim) {

    OAuth2Properties {
        issuerUri = blankless(issuerUri);
        jwkSetUri = blankless(jwkSetUri);
        publicUrl = blankless(publicUrl).map(u -> u.replaceAll("/+$", ""));
        nameClaim = nameClaim == null || nameClaim.isBlank() ? "preferred_username" : nameClaim;
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        if ((issuerUri.isPresent() || jwkSetUri.isPresent()) && publicUrl.isEmpty()) {
            throw new IllegalArgumentException(
                    "autonoc.security.oauth2.public-url is required with an authorization server:"
                            + " tokens are bound to the resources <public-url>/api and"
                            + " <public-url>/mcp (e.g. https://noc.example.net)");
        }
    }

    static final OAuth2Properties NONE =
            new OAuth2Properties(Optional.empty(), Optional.empty(), Optional.empty(), null, null);

    boolean configured() {
        return issuerUri.isPresent() || jwkSetUri.isPresent();
    }

    /** The identifier of a resource, the audience its tokens must carry. */
    String resourceId(Audience audience) {
        return publicUrl.orElse("") + audience.path();
    }

    private static Optional<String> blankless(Optional<String> value) {
        return value == null
                ? Optional.empty()
                : value.filter(v -> !v.isBlank()).map(String::strip);
    }
}
