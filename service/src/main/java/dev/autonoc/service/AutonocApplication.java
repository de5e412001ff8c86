package dev.autonoc.service;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The autonoc service: runs the remediation loop on a simulated operator and serves the REST API
 * and the NOC console. With no configuration it starts on embedded defaults: an H2 ledger under
 * {@code ./data/}, the in-process digital twin, demo users, the console on port 8080.
 */
@SpringBootApplication
public class AutonocApplication {

    public static void main(String[] args) {
        SpringApplication.run(AutonocApplication.class, args);
    }

    /**
     * The wall clock: paces the simulation and stamps the ledger's recording time. Simulated time
     * comes from the twin's own clock, never from this one. Connected mode has its own (the wall
     * clock, or a rehearsal's paced one).
     */
    @Bean
    @ConditionalOnProperty(name = "autonoc.mode", havingValue = "embedded", matchIfMissing = true)
    Clock wallClock() {
        return Clock.systemUTC();
    }
}
