package dev.autonoc.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The MCP server as an OAuth 2.1 resource server of an operator's authorization server (MCP
 * authorization): its JWT access tokens are taken when signed by its keys, issued by it, not
 * expired, and bound to this resource ({@code aud} = the MCP server's identifier, RFC 8707); the
 * RFC 9728 metadata names the authorization server. The authorization server here is a key set
 * served from the test.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "autonoc.simulation.auto-start=false",
            "autonoc.approvals.timeout=0",
            "autonoc.security.oauth2.issuer-uri=https://login.example.net/realms/noc",
            "autonoc.security.oauth2.public-url=https://noc.example.net"
        })
class OAuth2ResourceServerTest {

    static final String ISSUER = "https://login.example.net/realms/noc";
    static final Path DATA_DIR = FullAppTestBase.freshDataDir();
    static final RSAKey KEY = key("k1");
    static final RSAKey OTHER_KEY = key("k2");
    static final HttpServer KEYS = serveKeys();

    @LocalServerPort int port;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("autonoc.data-dir", DATA_DIR::toString);
        registry.add(
                "autonoc.security.oauth2.jwk-set-uri",
                () -> "http://127.0.0.1:" + KEYS.getAddress().getPort() + "/keys");
    }

    @AfterAll
    static void stopKeys() {
        KEYS.stop(0);
    }

    @Test
    void an_access_token_for_the_mcp_server_with_the_mcp_client_role_is_taken() throws Exception {
        String token =
                jwt(KEY, "claude", "https://noc.example.net/mcp", List.of("mcp_client"), 300);
        HttpResponse<String> listed = mcp(token);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).contains("run_approved");
    }

    @Test
    void a_token_for_another_resource_another_issuer_an_unknown_key_or_expired_is_refused()
            throws Exception {
        List<String> refused =
                List.of(
                        jwt(
                                KEY,
                                "claude",
                                "https://noc.example.net/api",
                                List.of("mcp_client"),
                                300),
                        jwt(
                                KEY,
                                "claude",
                                "https://elsewhere.example/mcp",
                                List.of("mcp_client"),
                                300),
                        jwt(
                                OTHER_KEY,
                                "claude",
                                "https://noc.example.net/mcp",
                                List.of("mcp_client"),
                                300),
                        jwt(
                                KEY,
                                "claude",
                                "https://noc.example.net/mcp",
                                List.of("mcp_client"),
                                -120),
                        jwtFrom("https://evil.example", "claude", "https://noc.example.net/mcp"));
        for (String token : refused) {
            HttpResponse<String> answer = mcp(token);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate").orElse(""))
                    .contains("error=\"invalid_token\"");
        }
        // a token without the role reaches nothing but is not a stranger: 403
        String noRole =
                jwt(KEY, "bob", "https://noc.example.net/mcp", List.of("noc_operator"), 300);
        assertThat(mcp(noRole).statusCode()).isEqualTo(403);
    }

    @Test
    void the_api_takes_tokens_for_the_api_with_the_users_roles_from_the_token() throws Exception {
        String auditor =
                jwt(KEY, "ann", "https://noc.example.net/api", List.of("auditor", "made_up"), 300);
        HttpResponse<String> verify = get("/api/audit/verify", auditor);
        assertThat(verify.statusCode()).as(verify.body()).isEqualTo(200);
        String operator =
                jwt(KEY, "olga", "https://noc.example.net/api", List.of("noc_operator"), 300);
        assertThat(get("/api/audit/verify", operator).statusCode()).isEqualTo(403);
        String agentName =
                jwt(KEY, "agent:x", "https://noc.example.net/api", List.of("auditor"), 300);
        assertThat(get("/api/audit/verify", agentName).statusCode()).isEqualTo(401);
    }

    @Test
    void the_protected_resource_metadata_names_the_authorization_server() throws Exception {
        HttpResponse<String> metadata =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://localhost:"
                                                                + port
                                                                + "/.well-known/oauth-protected-resource/mcp"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        JsonNode m = ApiClient.JSON.readTree(metadata.body());
        assertThat(m.at("/authorization_servers/0").asString()).isEqualTo(ISSUER);
        assertThat(m.at("/resource").asString()).endsWith("/mcp");
    }

    // --- helpers ---

    private HttpResponse<String> mcp(String token) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mcp"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .header("Accept", "application/json, text/event-stream")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static String jwt(
            RSAKey key, String user, String audience, List<String> roles, long seconds)
            throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims =
                new JWTClaimsSet.Builder()
                        .issuer(ISSUER)
                        .subject("id-" + user)
                        .claim("preferred_username", user)
                        .audience(audience)
                        .claim("roles", roles)
                        .issueTime(Date.from(now.minusSeconds(60)))
                        .expirationTime(Date.from(now.plusSeconds(seconds)))
                        .build();
        return sign(key, claims);
    }

    private static String jwtFrom(String issuer, String user, String audience) throws Exception {
        Instant now = Instant.now();
        return sign(
                KEY,
                new JWTClaimsSet.Builder()
                        .issuer(issuer)
                        .subject(user)
                        .audience(audience)
                        .claim("roles", List.of("mcp_client"))
                        .expirationTime(Date.from(now.plusSeconds(300)))
                        .build());
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt =
                new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                        claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static RSAKey key(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer serveKeys() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext(
                    "/keys",
                    exchange -> {
                        exchange.getResponseHeaders().add("Content-Type", "application/json");
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
