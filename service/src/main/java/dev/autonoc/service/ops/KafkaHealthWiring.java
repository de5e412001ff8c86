package dev.autonoc.service.ops;

import dev.autonoc.service.connected.ConnectedProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connected mode's Kafka in the readiness group as {@code kafka} ({@link KafkaHealth}); the group
 * names it in application.yml, where embedded mode, which has no Kafka, leaves it out.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "autonoc.mode", havingValue = "connected")
class KafkaHealthWiring {

    /** How long a health check waits for the broker: a probe must answer quickly. */
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Bean(destroyMethod = "close")
    KafkaHealth kafkaHealthIndicator(KafkaProperties kafka, ConnectedProperties settings) {
        Map<String, Object> props = new HashMap<>(kafka.buildAdminProperties());
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.putIfAbsent(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "autonoc-health");
        return new KafkaHealth(
                Admin.create(props),
                settings.telemetry().topic(),
                settings.telemetry().group(),
                TIMEOUT);
    }
}
