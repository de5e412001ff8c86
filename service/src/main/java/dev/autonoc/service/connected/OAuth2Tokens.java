package dev.autonoc.service.connected;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * Access tokens for the TMF APIs that sign in with OAuth2 client credentials, from Spring
 * Security's OAuth2 client: one client registration per API ({@code tmf-<api>}), a token fetched on
 * first use and fetched again shortly before it expires. Safe to call from several threads.
 */
final class OAuth2Tokens implements TmfEndpoints.TokenSource {

    private static final String PRINCIPAL = "autonoc";

    private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;
    private final Map<TmfApi, String> registrationIds = new EnumMap<>(TmfApi.class);

    private OAuth2Tokens(List<ClientRegistration> registrations) {
        InMemoryClientRegistrationRepository repository =
                new InMemoryClientRegistrationRepository(registrations);
        this.manager =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(
                        repository, new InMemoryOAuth2AuthorizedClientService(repository));
        manager.setAuthorizedClientProvider(
                OAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build());
    }

    /** The token source for the APIs whose auth type is {@code oauth2}; none if no API's is. */
    static TmfEndpoints.TokenSource over(ConnectedProperties.Tmf settings) {
        List<ClientRegistration> registrations = new ArrayList<>();
        Map<TmfApi, String> ids = new EnumMap<>(TmfApi.class);
        for (TmfApi api : TmfApi.values()) {
            ConnectedProperties.Auth auth = settings.endpoint(api).auth();
            if (!auth.type().equals("oauth2")) {
                continue;
            }
            String id = "tmf-" + api.key();
            registrations.add(
                    ClientRegistration.withRegistrationId(id)
                            .clientId(auth.clientId())
                            .clientSecret(auth.clientSecret())
                            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                            .tokenUri(auth.tokenUri().toString())
                            .scope(auth.scopes())
                            .build());
            ids.put(api, id);
        }
        if (registrations.isEmpty()) {
            return endpoint -> {
                throw new IllegalStateException(
                        "no OAuth2 client is configured for " + endpoint.api().key());
            };
        }
        OAuth2Tokens tokens = new OAuth2Tokens(registrations);
        tokens.registrationIds.putAll(ids);
        return tokens;
    }

    @Override
    public String accessToken(ConnectedProperties.Endpoint endpoint) {
        String id = registrationIds.get(endpoint.api());
        if (id == null) {
            throw new IllegalStateException(
                    "no OAuth2 client is configured for " + endpoint.api().key());
        }
        OAuth2AuthorizedClient client =
                manager.authorize(
                        OAuth2AuthorizeRequest.withClientRegistrationId(id)
                                .principal(PRINCIPAL)
                                .build());
        if (client == null) {
            throw new IllegalStateException(
                    "the authorization server at "
                            + endpoint.auth().tokenUri()
                            + " gave no token for "
                            + endpoint.api().key());
        }
        return client.getAccessToken().getTokenValue();
    }
}
