package dev.autonoc.service.ops;

import dev.autonoc.service.simulation.Simulation;
import dev.autonoc.service.simulation.SimulationStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The twin and the loop, for readiness: down when a tick failed (the simulation stopped itself and
 * waits for a resume), up otherwise, paused or running. A supervisor's pause is not a fault.
 */
final class SimulationHealth implements HealthIndicator {

    private final Simulation simulation;

    SimulationHealth(Simulation simulation) {
        this.simulation = simulation;
    }

    @Override
    public Health health() {
        SimulationStatus s = simulation.status();
        Health.Builder health = s.lastError().isPresent() ? Health.down() : Health.up();
        s.lastError().ifPresent(e -> health.withDetail("error", e));
        return health.withDetail("simTime", s.simTime().toString())
                .withDetail("running", s.running())
                .withDetail("ticks", s.ticks())
                .withDetail("pacing", s.pacing().state())
                .build();
    }
}
