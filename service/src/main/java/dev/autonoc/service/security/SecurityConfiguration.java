package dev.autonoc.service.security;

import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.service.simulation.Simulation;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who signs in how (service/README.md, "Security"), as two filter chains:
 *
 * <ul>
 *   <li><b>Programs</b> ({@link #programs}): every request that carries an {@code Authorization}
 *       header, and every request to {@code /mcp} and the RFC 9728 metadata. Stateless: a session
 *       cookie sent along is never read, so a wrong credential with a valid session is a wrong
 *       credential. Bearer tokens ({@link BearerTokens}: the service's personal tokens, or an
 *       authorization server's JWTs), each bound to {@code /api} or {@code /mcp}; HTTP Basic only
 *       as the embedded demo's opt-in. No CSRF token, since no cookie authenticates.
 *   <li><b>People</b> ({@link #people}): the console, signed in with its form, on a session whose
 *       cookie is {@code SameSite=Strict}; every request that changes something carries the CSRF
 *       token, {@code /api} calls of the console included.
 * </ul>
 *
 * <p>Before both, {@link RequestGuards} refuses bodies over the limits and changes requested by a
 * page of another site; after both, {@link RateLimitFilter} limits each user's calls. Sign-in
 * failures lock a user or an address with a back-off ({@link SignInGuard}).
 *
 * <p>Public so that the web-layer tests of the API can import it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
    SecurityProperties.class,
    TokenProperties.class,
    LimitProperties.class,
    OAuth2Properties.class,
    BasicAuthProperties.class
})
public class SecurityConfiguration {

    /** The console's pages may load only what the service serves: no inline code, no framing. */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                    + " connect-src 'self'; object-src 'none'; base-uri 'self';"
                    + " form-action 'self'; frame-ancestors 'none'";

    /** Where a refusal is a problem detail (or a JSON-RPC error), not a redirect to sign in. */
    private static final RequestMatcher API =
            new OrRequestMatcher(
                    PathPatternRequestMatcher.withDefaults().matcher("/api/**"),
                    PathPatternRequestMatcher.withDefaults().matcher("/mcp/**"),
                    PathPatternRequestMatcher.withDefaults().matcher("/mcp"));

    /**
     * Open without a password: the health groups and the metrics (served on the management port
     * only, application.yml {@code management.server}), and the OpenAPI document, which says what
     * the API is but shows nothing of its data.
     */
    static final String[] OPEN_OPERATIONS = {
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/prometheus",
        "/v3/api-docs",
        "/v3/api-docs/**"
    };

    /** Refuses demo credentials outside the embedded default, before any bean is made. */
    @Bean
    static DemoCredentials demoCredentials() {
        return new DemoCredentials();
    }

    /** Makes the data folder private before the database is opened in it. */
    @Bean
    static DataFolder dataFolder() {
        return new DataFolder();
    }

    /** Once the database's files exist, only the service's user may read them. */
    @EventListener(ApplicationReadyEvent.class)
    void narrowDataFiles(ApplicationReadyEvent ready) {
        DataFolder.of(ready.getApplicationContext().getEnvironment())
                .ifPresent(DataFolder::narrowFiles);
    }

    @Bean
    RoleHierarchy roleHierarchy(SecurityProperties settings) {
        return settings.hierarchy();
    }

    /** The same hierarchy for Spring Security's role checks on URLs. */
    @Bean
    org.springframework.security.access.hierarchicalroles.RoleHierarchy springRoleHierarchy(
            RoleHierarchy roles) {
        List<String> lines = new ArrayList<>();
        for (String a : roles.roles()) {
            for (String b : roles.roles()) {
                if (!a.equals(b) && roles.satisfies(Set.of(a), b)) {
                    lines.add(Approvers.ROLE_PREFIX + a + " > " + Approvers.ROLE_PREFIX + b);
                }
            }
        }
        return RoleHierarchyImpl.fromHierarchy(String.join("\n", lines));
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(SecurityProperties settings) {
        settings.check();
        List<UserDetails> users =
                settings.users().stream()
                        .map(
                                u ->
                                        User.withUsername(u.name())
                                                .password(u.password())
                                                .roles(u.roles().toArray(String[]::new))
                                                .build())
                        .toList();
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    SecurityEvents securityEvents(
            AuditLog audit, Simulation simulation, ObjectProvider<Clock> clock) {
        return new SecurityEvents(audit, simulation::now, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    SignInGuard signInGuard(
            LimitProperties limits,
            SecurityProperties settings,
            SecurityEvents events,
            ObjectProvider<Clock> clock) {
        Set<String> names = new TreeSet<>();
        settings.users().forEach(u -> names.add(u.name()));
        return new SignInGuard(
                limits, names::contains, events, clock.getIfAvailable(Clock::systemUTC));
    }

    /**
     * The password check of the sign-in form and of HTTP Basic where it is on, behind the lockout.
     * No password is re-encoded on use (no {@code UserDetailsPasswordService}): a plain-text demo
     * password stays cheap to check, and configured hashes are the configuration's. Not a bean, so
     * that Spring Security builds no global manager of its own around it.
     */
    private static ProviderManager passwords(
            UserDetailsService users, PasswordEncoder encoder, SignInGuard guard) {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(encoder);
        return new ProviderManager(
                List.<AuthenticationProvider>of(new GuardedAuthenticationProvider(dao, guard)));
    }

    @Bean
    BearerTokens bearerTokens(
            ApiTokens tokens,
            UserDetailsService users,
            OAuth2Properties oauth2,
            RoleHierarchy roles) {
        Set<String> known = new TreeSet<>(roles.roles());
        known.add(AccessRules.MCP_CLIENT);
        return new BearerTokens(tokens, users, oauth2, known);
    }

    /** Body limits and the cross-site check, before anyone is signed in. */
    @Bean
    FilterRegistrationBean<RequestGuards> requestGuards(
            JsonMapper json,
            LimitProperties limits,
            @Value("${autonoc.security.allowed-origins:}") List<String> allowedOrigins) {
        FilterRegistrationBean<RequestGuards> registration =
                new FilterRegistrationBean<>(
                        new RequestGuards(
                                json,
                                limits,
                                allowedOrigins.stream().filter(o -> !o.isBlank()).toList()));
        registration.setOrder(-200); // before Spring Security's chain (-100)
        return registration;
    }

    /** Each user's rate, once the security chain has said who they are. */
    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimits(
            JsonMapper json, LimitProperties limits, SecurityEvents events) {
        FilterRegistrationBean<RateLimitFilter> registration =
                new FilterRegistrationBean<>(
                        new RateLimitFilter(json, limits, events, System::nanoTime));
        registration.setOrder(-90); // after Spring Security's chain (-100)
        return registration;
    }

    /** Requests from programs: bearer tokens (or Basic, in the demo), no session, no cookie. */
    @Bean
    @Order(1)
    SecurityFilterChain programs(
            HttpSecurity http,
            JsonMapper json,
            BearerTokens bearer,
            UserDetailsService users,
            PasswordEncoder encoder,
            SignInGuard guard,
            BasicAuthProperties basic,
            OAuth2Properties oauth2)
            throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        AuthenticationEntryPoint unauthorized = problems.unauthorized(basic.enabled());
        AccessDeniedHandler forbidden = problems.forbidden();
        http.securityMatcher(SecurityConfiguration::fromAProgram)
                .authorizeHttpRequests(
                        a -> {
                            a.requestMatchers("/.well-known/**", "/error").permitAll();
                            a.requestMatchers(OPEN_OPERATIONS).permitAll();
                            rules(a);
                        })
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // never read a session: a request that names its credential is judged on it alone
                .securityContext(
                        c ->
                                c.securityContextRepository(
                                        new RequestAttributeSecurityContextRepository()))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .oauth2ResourceServer(
                        o ->
                                o.authenticationManagerResolver(bearer)
                                        .authenticationEntryPoint(unauthorized)
                                        .accessDeniedHandler(forbidden)
                                        .protectedResourceMetadata(
                                                m ->
                                                        m.protectedResourceMetadataCustomizer(
                                                                b -> {
                                                                    oauth2.issuerUri()
                                                                            .ifPresent(
                                                                                    b
                                                                                            ::authorizationServer);
                                                                    b.bearerMethod("header")
                                                                            .resourceName(
                                                                                    "autonoc");
                                                                })))
                .exceptionHandling(
                        e ->
                                e.authenticationEntryPoint(unauthorized)
                                        .accessDeniedHandler(forbidden));
        if (basic.enabled()) {
            http.authenticationManager(passwords(users, encoder, guard))
                    .httpBasic(b -> b.authenticationEntryPoint(unauthorized));
        }
        headers(http);
        return http.build();
    }

    /** The console: a signed-in session, CSRF on every change. */
    @Bean
    @Order(2)
    SecurityFilterChain people(
            HttpSecurity http,
            JsonMapper json,
            UserDetailsService users,
            PasswordEncoder encoder,
            SignInGuard guard)
            throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        AuthenticationEntryPoint apiUnauthorized = problems.unauthorized(false);
        AuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
        AccessDeniedHandler apiForbidden = problems.forbidden();
        http.authorizeHttpRequests(
                        a -> {
                            a.requestMatchers(
                                            "/login", "/css/**", "/js/**", "/favicon.ico", "/error")
                                    .permitAll();
                            a.requestMatchers(OPEN_OPERATIONS).permitAll();
                            rules(a);
                        })
                .authenticationManager(passwords(users, encoder, guard))
                .formLogin(
                        f ->
                                f.loginPage("/login")
                                        .defaultSuccessUrl("/", true)
                                        .failureHandler(
                                                (request, response, e) ->
                                                        response.sendRedirect(
                                                                request.getContextPath()
                                                                        + (e
                                                                                        instanceof
                                                                                        SignInGuard
                                                                                                        .Locked
                                                                                                l
                                                                                ? "/login?locked="
                                                                                        + l
                                                                                                .retryAfterSeconds()
                                                                                : "/login?error")))
                                        .permitAll())
                .logout(l -> l.logoutSuccessUrl("/login?logout"))
                .exceptionHandling(
                        e ->
                                e.authenticationEntryPoint(
                                                (request, response, ex) -> {
                                                    if (API.matches(request)) {
                                                        apiUnauthorized.commence(
                                                                request, response, ex);
                                                    } else {
                                                        login.commence(request, response, ex);
                                                    }
                                                })
                                        .defaultAccessDeniedHandlerFor(apiForbidden, API));
        headers(http);
        return http.build();
    }

    private static void rules(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
                    a) {
        for (AccessRules.Rule rule : AccessRules.RULES) {
            a.requestMatchers(rule.matcher()).hasAnyRole(rule.roles().toArray(String[]::new));
        }
        a.anyRequest().authenticated();
    }

    private static void headers(HttpSecurity http) throws Exception {
        http.headers(
                h ->
                        h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                                .referrerPolicy(
                                        r ->
                                                r.policy(
                                                        ReferrerPolicyHeaderWriter.ReferrerPolicy
                                                                .SAME_ORIGIN)));
    }

    /** A request a program makes: it names its credential, or goes to the MCP server. */
    static boolean fromAProgram(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return request.getHeader("Authorization") != null
                || ProblemResponses.isMcp(request)
                || path.startsWith("/.well-known/");
    }
}
