package dev.autonoc.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The outside probe's findings against the running service on its embedded defaults (HTTP Basic
 * off, as shipped): each test repeats the probe's request and shows the hole closed.
 */
class SecurityFindingsTest extends FullAppTestBase {

    private static final String WRONG_BASIC =
            "Basic "
                    + Base64.getEncoder()
                            .encodeToString("supervisor:WRONG".getBytes(StandardCharsets.UTF_8));

    @Test
    void a_console_session_with_a_wrong_basic_password_and_no_csrf_token_changes_nothing()
            throws Exception {
        ApiClient.Console console = ApiClient.Console.signIn(base(), "supervisor", "supervisor");

        // the finding: 200, by the session, the wrong password ignored, no CSRF token asked
        HttpResponse<String> pause =
                console.send(
                        "POST", "/api/simulation/pause", false, null, "Authorization", WRONG_BASIC);
        assertThat(pause.statusCode()).as(pause.body()).isEqualTo(401);
        HttpResponse<String> approve =
                console.send(
                        "POST",
                        "/api/approvals/apr-1/approve",
                        false,
                        "{}",
                        "Authorization",
                        WRONG_BASIC,
                        "Content-Type",
                        "application/json");
        assertThat(approve.statusCode()).isEqualTo(401);
        // the session alone needs the CSRF token for every change
        assertThat(console.send("POST", "/api/simulation/pause", false, null).statusCode())
                .isEqualTo(403);
        // and with it, the console works
        assertThat(console.send("POST", "/api/simulation/pause", true, null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void a_case_action_from_a_console_session_needs_the_csrf_token() throws Exception {
        ApiClient.Console console = ApiClient.Console.signIn(base(), "operator", "operator");
        String body = "{\"reason\": \"checking the site myself\"}";

        HttpResponse<String> without =
                console.send(
                        "POST",
                        "/api/cases/case-none/take-over",
                        false,
                        body,
                        "Content-Type",
                        "application/json");
        assertThat(without.statusCode()).as(without.body()).isEqualTo(403);
        // with the token the request reaches the cases API, which knows no such case
        HttpResponse<String> with =
                console.send(
                        "POST",
                        "/api/cases/case-none/take-over",
                        true,
                        body,
                        "Content-Type",
                        "application/json");
        assertThat(with.statusCode()).as(with.body()).isEqualTo(404);
        assertThat(with.body()).contains("no case 'case-none'");
    }

    @Test
    void no_refusal_asks_a_browser_for_a_password() throws Exception {
        for (String authorization :
                new String[] {null, WRONG_BASIC, "Bearer anc_nope", "Bearer x.y.z"}) {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base() + "/api/approvals"));
            if (authorization != null) {
                r.header("Authorization", authorization);
            }
            HttpResponse<String> answer =
                    HttpClient.newHttpClient()
                            .send(r.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.headers().allValues("WWW-Authenticate"))
                    .as(String.valueOf(authorization))
                    .isNotEmpty()
                    .allSatisfy(
                            h ->
                                    assertThat(h)
                                            .startsWith("Bearer ")
                                            .doesNotContainIgnoringCase("basic realm"));
        }
    }

    @Test
    void a_change_sent_by_a_page_of_another_site_is_refused_whatever_credentials_come_with_it()
            throws Exception {
        String token = api().token("supervisor", "api");
        long policyChanges = policyChanges();

        // the finding: text/plain from Origin: http://evil.example answered 201
        HttpResponse<String> evil =
                raw(
                        "POST",
                        "/api/policy?name=evil.yaml",
                        "rules: []",
                        "Authorization",
                        "Bearer " + token,
                        "Content-Type",
                        "text/plain",
                        "Origin",
                        "http://evil.example");
        assertThat(evil.statusCode()).isEqualTo(403);
        assertThat(evil.body()).contains("cross-origin request refused").contains("evil.example");
        HttpResponse<String> crossSite =
                raw(
                        "POST",
                        "/api/simulation/pause",
                        null,
                        "Authorization",
                        "Bearer " + token,
                        "Sec-Fetch-Site",
                        "cross-site");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        ApiClient.Console console = ApiClient.Console.signIn(base(), "supervisor", "supervisor");
        assertThat(
                        console.send(
                                        "POST",
                                        "/api/simulation/pause",
                                        true,
                                        null,
                                        "Origin",
                                        "http://evil.example")
                                .statusCode())
                .isEqualTo(403);
        assertThat(policyChanges()).isEqualTo(policyChanges);
        // the service's own page passes the check (and the policy is then judged on its merits)
        HttpResponse<String> own =
                raw(
                        "POST",
                        "/api/simulation/pause",
                        null,
                        "Authorization",
                        "Bearer " + token,
                        "Origin",
                        base());
        assertThat(own.statusCode()).isEqualTo(200);
    }

    @Test
    void tokens_are_made_from_a_console_session_bound_to_a_resource_listed_and_revocable()
            throws Exception {
        ApiClient.Console console = ApiClient.Console.signIn(base(), "operator", "operator");
        HttpResponse<String> made =
                console.post(
                        "/api/tokens",
                        "{\"label\": \"grafana\", \"audience\": \"api\", \"lifetime\": \"P7D\"}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        JsonNode created = JSON.readTree(made.body());
        String secret = created.at("/secret").asString();
        String id = created.at("/token/id").asString();
        assertThat(secret).startsWith("anc_");
        assertThat(created.at("/token/resource").asString()).isEqualTo("/api");

        assertThat(
                        raw("GET", "/api/approvals", null, "Authorization", "Bearer " + secret)
                                .statusCode())
                .isEqualTo(200);
        // a token cannot make a token: only a person at the console can
        HttpResponse<String> byToken =
                raw(
                        "POST",
                        "/api/tokens",
                        "{\"label\": \"successor\", \"audience\": \"api\"}",
                        "Authorization",
                        "Bearer " + secret,
                        "Content-Type",
                        "application/json");
        assertThat(byToken.statusCode()).isEqualTo(403);
        assertThat(byToken.body()).contains("signed in to the console");

        HttpResponse<String> listed = console.get("/api/tokens");
        assertThat(listed.body()).contains(id).contains("grafana").doesNotContain(secret);
        HttpResponse<String> revoked =
                console.send("POST", "/api/tokens/" + id + "/revoke", true, null);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        HttpResponse<String> after =
                raw("GET", "/api/approvals", null, "Authorization", "Bearer " + secret);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.headers().firstValue("WWW-Authenticate").orElse(""))
                .contains("unknown, expired or revoked token");

        JsonNode events =
                json(
                                "GET",
                                "/api/audit?type=SECURITY&actor=operator&limit=1000",
                                "auditor",
                                null,
                                200)
                        .at("/entries");
        java.util.List<String> kinds = new java.util.ArrayList<>();
        events.forEach(
                e -> {
                    if (id.equals(e.at("/payload/token").asString())) {
                        kinds.add(e.at("/payload/kind").asString());
                    }
                });
        assertThat(kinds).containsExactly("token_created", "token_revoked");
    }

    @Test
    void the_console_sets_a_content_security_policy_a_referrer_policy_and_a_same_site_cookie()
            throws Exception {
        HttpResponse<String> login = raw("GET", "/login", null);
        assertThat(login.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'self'")
                .contains("script-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(login.headers().allValues("Set-Cookie"))
                .anySatisfy(
                        c ->
                                assertThat(c)
                                        .contains("JSESSIONID")
                                        .contains("SameSite=Strict")
                                        .contains("HttpOnly"));
        ApiClient.Console console = ApiClient.Console.signIn(base(), "operator", "operator");
        HttpResponse<String> page = console.get("/");
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(page.body()).contains("API tokens");
    }

    @Test
    void the_data_folder_and_the_database_file_are_the_services_users_alone() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DATA_DIR)))
                .isEqualTo("rwx------");
        Path db = DATA_DIR.resolve("autonoc.mv.db");
        assertThat(db).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db)))
                .isEqualTo("rw-------");
    }

    @Test
    void a_multipart_body_is_a_wrong_content_type_not_a_server_error() throws Exception {
        String token = api().token("operator", "api");
        for (String path :
                new String[] {
                    "/api/approvals/apr-1/approve",
                    "/api/approvals/apr-1/reject",
                    "/api/policy/explain"
                }) {
            for (String body :
                    new String[] {
                        "--zz\r\nbroken",
                        "--zz\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nok\r\n--zz--\r\n"
                    }) {
                HttpResponse<String> answer =
                        raw(
                                "POST",
                                path,
                                body,
                                "Authorization",
                                "Bearer " + token,
                                "Content-Type",
                                "multipart/form-data; boundary=zz");
                assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(415);
                assertThat(answer.body()).contains("Content-Type").doesNotContain("Exception");
            }
        }
    }

    private long policyChanges() throws Exception {
        return json("GET", "/api/audit?type=POLICY_CHANGED&limit=1000", "auditor", null, 200)
                .at("/entries")
                .size();
    }

    private HttpResponse<String> raw(String method, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder r =
                HttpRequest.newBuilder(URI.create(base() + path))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
    }
}
