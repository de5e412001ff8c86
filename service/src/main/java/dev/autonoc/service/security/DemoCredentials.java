package dev.autonoc.service.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * The demo's credentials live on the embedded default only. A plain-text password ({@code {noop}},
 * as the shipped demo users have) and HTTP Basic are for {@code ./autonoc serve} on its embedded H2
 * database with no profile and no extra configuration; anywhere else (a PostgreSQL datasource, a
 * {@code prod} profile, an extra config location, connected mode even on H2) they would be real
 * logins to a real ledger, and the service refuses to start, naming the setting. On the embedded
 * default it starts and says, in the log, which demo logins are open.
 *
 * <p>A bean-factory post-processor, so the check runs before any bean is made: the service touches
 * no database with demo credentials in its configuration.
 */
final class DemoCredentials implements BeanFactoryPostProcessor, EnvironmentAware {

    private static final Logger log = LoggerFactory.getLogger(DemoCredentials.class);

    /** The properties that point the service at another configuration than the embedded one. */
    static final List<String> EXTRA_CONFIGURATION =
            List.of(
                    "spring.config.location",
                    "spring.config.additional-location",
                    "spring.config.import");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        check(environment);
    }

    /**
     * @throws Refused if demo credentials are configured outside the embedded default
     */
    static void check(Environment env) {
        Binder binder = Binder.get(env);
        List<SecurityProperties.User> users =
                binder.bind(
                                "autonoc.security.users",
                                Bindable.listOf(SecurityProperties.User.class))
                        .orElse(List.of());
        List<String> demo = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            SecurityProperties.User u = users.get(i);
            if (u.password() != null && u.password().startsWith("{noop}")) {
                demo.add("autonoc.security.users[" + i + "] ('" + u.name() + "')");
            }
        }
        boolean basic =
                binder.bind("autonoc.security.basic-auth.enabled", Boolean.class).orElse(false);
        Optional<String> elsewhere = notEmbedded(env);
        if (elsewhere.isPresent() && (!demo.isEmpty() || basic)) {
            String what =
                    demo.isEmpty()
                            ? "autonoc.security.basic-auth.enabled is true (HTTP Basic is for the"
                                    + " embedded demo only)"
                            : String.join(", ", demo)
                                    + (demo.size() == 1 ? " has" : " have")
                                    + " a plain-text password ({noop}), a demo credential"
                                    + (basic
                                            ? ", and autonoc.security.basic-auth.enabled is true"
                                            : "");
            throw new Refused(
                    what
                            + "; demo credentials are refused outside the embedded default (the"
                            + " embedded mode on its H2 database, no profile, no extra"
                            + " configuration), and "
                            + elsewhere.get()
                            + ".",
                    "Give every user of autonoc.security.users a {bcrypt} password (and leave"
                            + " autonoc.security.basic-auth.enabled off: API clients use tokens),"
                            + " or run on the embedded default.");
        }
        if (!demo.isEmpty()) {
            log.warn(
                    "DEMO LOGINS OPEN (embedded default only): {} sign in with plain-text"
                            + " passwords from the configuration; replace autonoc.security.users"
                            + " with {bcrypt} passwords for anything but a demo",
                    users.stream()
                            .filter(u -> u.password() != null && u.password().startsWith("{noop}"))
                            .map(SecurityProperties.User::name)
                            .toList());
        }
        if (basic) {
            log.warn(
                    "HTTP Basic is on (autonoc.security.basic-auth.enabled, embedded demo only):"
                            + " API clients may send a password with every request");
        }
    }

    /** Why this is not the embedded default, naming the setting; empty if it is. */
    static Optional<String> notEmbedded(Environment env) {
        String mode = env.getProperty("autonoc.mode", "embedded");
        if (!mode.strip().equalsIgnoreCase("embedded")) {
            // connected mode reaches an operator's systems, even on the default H2 database
            return Optional.of("autonoc.mode is '" + mode + "' (connected mode is not a demo)");
        }
        String url = env.getProperty("spring.datasource.url", "");
        if (!url.startsWith("jdbc:h2:")) {
            return Optional.of("spring.datasource.url is '" + redacted(url) + "'");
        }
        if (env.getActiveProfiles().length > 0) {
            return Optional.of(
                    "the profile"
                            + (env.getActiveProfiles().length == 1 ? " " : "s ")
                            + Arrays.toString(env.getActiveProfiles())
                            + " is active (spring.profiles.active)");
        }
        for (String key : EXTRA_CONFIGURATION) {
            String value = env.getProperty(key);
            if (value != null && !value.isBlank()) {
                return Optional.of(key + " is '" + value + "'");
            }
        }
        return Optional.empty();
    }

    /** A JDBC URL without what may be a secret: user info and parameters. */
    static String redacted(String url) {
        String cut = url.replaceAll("//[^/@]*@", "//");
        int q = cut.indexOf('?');
        int semi = cut.indexOf(';');
        int end = q < 0 ? semi : (semi < 0 ? q : Math.min(q, semi));
        return end < 0 ? cut : cut.substring(0, end) + " (parameters not shown)";
    }

    /** The refusal, with what to do about it. */
    static final class Refused extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final String action;

        Refused(String description, String action) {
            super(description);
            this.action = action;
        }

        String action() {
            return action;
        }
    }
}
