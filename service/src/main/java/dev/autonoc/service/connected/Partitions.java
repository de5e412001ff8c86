package dev.autonoc.service.connected;

import dev.autonoc.core.network.ElementId;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Which partition of the telemetry topic an element's messages are in: the Kafka producer's default
 * partitioner for a keyed record (murmur2 of the key's bytes, made positive, modulo the partition
 * count), the key being the element id in UTF-8 (docs/connected-mode.md, "Messages"). The instance
 * that owns that partition works the element's cases.
 */
final class Partitions {

    private Partitions() {}

    static int of(ElementId element, int partitionCount) {
        if (partitionCount < 1) {
            throw new IllegalArgumentException(
                    "a topic has at least one partition, got " + partitionCount);
        }
        byte[] key = element.value().getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(key)) % partitionCount;
    }
}
