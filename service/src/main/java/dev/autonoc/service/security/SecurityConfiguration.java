package dev.autonoc.service.security;

import dev.autonoc.core.approval.RoleHierarchy;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
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
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * One filter chain for the console and the API. The console signs in with a form and keeps a
 * session; its requests carry a CSRF token. API clients sign in with HTTP Basic on every request,
 * and such requests are exempt from CSRF: a browser does not add that header on its own unless the
 * user typed the credentials into its Basic prompt, which the console never triggers.
 *
 * <p>Public so that the web-layer tests of the API can import it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    /** Where a refusal is a problem detail, not a redirect to the sign-in page. */
    private static final RequestMatcher API =
            new org.springframework.security.web.util.matcher.OrRequestMatcher(
                    PathPatternRequestMatcher.withDefaults().matcher("/api/**"),
                    PathPatternRequestMatcher.withDefaults().matcher("/mcp/**"));

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
                if (!a.equals(b) && roles.satisfies(java.util.Set.of(a), b)) {
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
    SecurityFilterChain filterChain(HttpSecurity http, JsonMapper json) throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        AuthenticationEntryPoint apiUnauthorized = problems.unauthorized();
        AuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
        AccessDeniedHandler apiForbidden = problems.forbidden();
        http.authorizeHttpRequests(
                        a -> {
                            a.requestMatchers(
                                            "/login", "/css/**", "/js/**", "/favicon.ico", "/error")
                                    .permitAll();
                            for (AccessRules.Rule rule : AccessRules.RULES) {
                                a.requestMatchers(rule.matcher())
                                        .hasAnyRole(rule.roles().toArray(String[]::new));
                            }
                            a.anyRequest().authenticated();
                        })
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", true).permitAll())
                .httpBasic(b -> b.realmName("autonoc").authenticationEntryPoint(apiUnauthorized))
                .logout(l -> l.logoutSuccessUrl("/login?logout"))
                .csrf(c -> c.ignoringRequestMatchers(SecurityConfiguration::hasBasicCredentials))
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
        return http.build();
    }

    private static boolean hasBasicCredentials(jakarta.servlet.http.HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
    }
}
