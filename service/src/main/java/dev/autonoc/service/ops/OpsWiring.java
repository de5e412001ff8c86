package dev.autonoc.service.ops;

import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.service.audit.GroupCommitLedger;
import dev.autonoc.service.simulation.Simulation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.swagger.v3.oas.models.OpenAPI;
import java.time.Clock;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The operations side of the service, wired at the loop's ports: the ledger that every writer uses
 * is the observed one ({@link ObservedAuditLog}); the stores are read by gauges when scraped; the
 * driver tells how long each tick took. The health groups, the management port and the exposed
 * endpoints are in application.yml ({@code management.*}).
 */
@Configuration(proxyBeanMethods = false)
class OpsWiring {

    /**
     * The ledger every writer gets: timed and counted on each append; appends of several threads at
     * once committed together ({@link GroupCommitLedger}).
     */
    @Bean
    @Primary
    AuditLog observedAuditLog(
            JdbcAuditLog ledger, MeterRegistry registry, LedgerActivity activity) {
        return new ObservedAuditLog(new GroupCommitLedger(ledger), registry, activity);
    }

    @Bean
    LedgerActivity ledgerActivity() {
        return new LedgerActivity();
    }

    @Bean
    WorkMeters workMeters(
            CaseStore cases, ApprovalQueue approvals, Simulation simulation, Clock wallClock) {
        return new WorkMeters(cases, approvals, simulation::now, wallClock);
    }

    /** The twin and the loop in the readiness group ({@code management.endpoint.health.group}). */
    @Bean
    HealthIndicator simulationHealthIndicator(Simulation simulation) {
        return new SimulationHealth(simulation);
    }

    /** How long one tick takes: the twin's advance and the loop's work on it. */
    @Bean
    Timer loopTickTimer(MeterRegistry registry, Simulation simulation) {
        Timer timer =
                Timer.builder("autonoc.loop.tick")
                        .description("one simulation tick: the twin's advance and the loop's work")
                        .publishPercentileHistogram()
                        .register(registry);
        simulation.onTick(timer::record);
        return timer;
    }

    @Bean
    OpenAPI apiDocument(@Value("${spring.ai.mcp.server.version:0}") String version) {
        return ApiDocument.base(version);
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return ApiDocument.problems();
    }
}
