package dev.autonoc.service.audit;

import dev.autonoc.audit.CheckpointSigner;
import dev.autonoc.audit.JdbcAuditLog;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The checkpoint key and the checkpoint scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CheckpointProperties.class)
class CheckpointWiring {

    /** Created on first start in the data folder (or the configured file), then reused. */
    @Bean
    CheckpointSigner checkpointSigner(
            CheckpointProperties settings, @Value("${autonoc.data-dir}") Path dataDir) {
        return CheckpointSigner.loadOrCreate(settings.keyFileIn(dataDir));
    }

    @Bean
    AuditCheckpoints auditCheckpoints(
            JdbcAuditLog ledger,
            CheckpointSigner signer,
            CheckpointProperties settings,
            Clock wallClock) {
        return new AuditCheckpoints(ledger, signer, settings, wallClock);
    }
}
