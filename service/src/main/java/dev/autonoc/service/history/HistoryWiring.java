package dev.autonoc.service.history;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one history of both modes; its predictors record into it ({@link RecordingPredictor}). */
@Configuration(proxyBeanMethods = false)
class HistoryWiring {

    @Bean
    TelemetryHistory telemetryHistory(@Value("${autonoc.console.history-hours:168}") int hours) {
        return new TelemetryHistory(hours);
    }
}
