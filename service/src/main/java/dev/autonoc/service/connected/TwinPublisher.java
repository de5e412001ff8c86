package dev.autonoc.service.connected;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.TwinListener;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The twin's telemetry on the telemetry topic, as an operator's collectors would publish it: its
 * inventory as element messages, then every sample and alarm the twin emits as it advances, each
 * keyed by its element's id ({@link TelemetryMessages}). For {@code ./autonoc twin} and the tests.
 */
final class TwinPublisher {

    private final OperatorTwin twin;
    private final KafkaTemplate<String, byte[]> kafka;
    private final String topic;
    private final AtomicLong published = new AtomicLong();
    private final Map<ElementId, Instant> lastSample = new ConcurrentHashMap<>();
    private final TwinListener listener =
            new TwinListener() {
                @Override
                public void onTelemetry(TelemetrySample sample) {
                    send(new TelemetryMessage.Sample(sample));
                    lastSample.put(sample.element(), sample.at());
                }

                @Override
                public void onAlarm(Alarm alarm) {
                    send(new TelemetryMessage.AlarmRaised(alarm));
                }
            };

    TwinPublisher(OperatorTwin twin, KafkaTemplate<String, byte[]> kafka, String topic) {
        this.twin = Objects.requireNonNull(twin, "twin");
        this.kafka = Objects.requireNonNull(kafka, "kafka");
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    /** An element message for every element of the twin's inventory, dated now. */
    void publishInventory() {
        Instant now = twin.now();
        for (Element e : twin.elements()) {
            send(new TelemetryMessage.ElementUpserted(e, now));
        }
        kafka.flush();
    }

    /** Runs the twin to {@code until}, publishing what it emits; the broker has it all after. */
    void advanceTo(Instant until) {
        twin.advanceTo(until, listener);
        kafka.flush();
    }

    /** Messages handed to the broker so far. */
    long published() {
        return published.get();
    }

    /** The date of the last sample published for each element. */
    Map<ElementId, Instant> lastSamples() {
        return Map.copyOf(lastSample);
    }

    private void send(TelemetryMessage m) {
        kafka.send(topic, m.element().value(), TelemetryMessages.write(m));
        published.incrementAndGet();
    }
}
