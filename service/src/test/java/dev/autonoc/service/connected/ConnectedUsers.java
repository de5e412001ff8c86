package dev.autonoc.service.connected;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Users for a connected-mode test: connected mode refuses the demo's plain-text users and HTTP
 * Basic (security/DemoCredentials), so its tests sign in as real users with hashed passwords.
 */
final class ConnectedUsers {

    /** Every user's password. */
    static final String PASSWORD = "secret";

    private ConnectedUsers() {}

    /** A supervisor and an auditor, both with {@link #PASSWORD}, as the service's users. */
    static void register(DynamicPropertyRegistry registry) {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);
        String[][] users = {{"supervisor", "noc_supervisor"}, {"auditor", "auditor"}};
        for (int i = 0; i < users.length; i++) {
            String[] u = users[i];
            registry.add("autonoc.security.users[" + i + "].name", () -> u[0]);
            registry.add("autonoc.security.users[" + i + "].password", () -> hash);
            registry.add("autonoc.security.users[" + i + "].roles[0]", () -> u[1]);
        }
    }
}
