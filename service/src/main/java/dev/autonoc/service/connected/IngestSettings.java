package dev.autonoc.service.connected;

import java.time.Duration;
import java.util.Objects;

/**
 * How the telemetry consumer reads its topic.
 *
 * @param topic the telemetry topic (samples, alarms, inventory changes; keyed by element id)
 * @param deadLetterTopic where refused messages go, with the reason in their headers
 * @param group the consumer group: the service's instances share the topic's partitions
 * @param concurrency consumer threads in this instance (each owns some of the partitions)
 * @param retryBackoff the first wait before a batch that could not be taken is tried again
 *     (doubling up to 30 s; never given up: a batch is never skipped)
 */
record IngestSettings(
        String topic,
        String deadLetterTopic,
        String group,
        int concurrency,
        Duration retryBackoff) {

    static final String DEFAULT_TOPIC = "autonoc.telemetry";
    static final String DEFAULT_DEAD_LETTER_TOPIC = "autonoc.telemetry.dlt";

    IngestSettings {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        if (topic.isBlank() || deadLetterTopic.isBlank() || group.isBlank()) {
            throw new IllegalArgumentException(
                    "the telemetry topic, the dead-letter topic and the consumer group must be"
                            + " named");
        }
        if (topic.equals(deadLetterTopic)) {
            throw new IllegalArgumentException(
                    "the dead-letter topic must differ from the telemetry topic '" + topic + "'");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException(
                    "concurrency must be at least 1, got " + concurrency);
        }
        if (retryBackoff.isNegative() || retryBackoff.isZero()) {
            throw new IllegalArgumentException(
                    "retry-backoff must be positive, got " + retryBackoff);
        }
    }

    static IngestSettings defaults(String group) {
        return new IngestSettings(
                DEFAULT_TOPIC, DEFAULT_DEAD_LETTER_TOPIC, group, 1, Duration.ofMillis(500));
    }
}
