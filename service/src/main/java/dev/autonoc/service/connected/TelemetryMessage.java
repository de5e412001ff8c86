package dev.autonoc.service.connected;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Instant;

/**
 * One message of the telemetry topic, as read (docs/connected-mode.md, "Messages";
 * docs/schemas/telemetry-message.schema.json). Every kind is keyed by its element's id, so that one
 * element's samples, alarms and inventory changes arrive in the order they were published.
 */
sealed interface TelemetryMessage {

    ElementId element();

    Instant at();

    /** One element's readings at one instant: the predictor's input. */
    record Sample(TelemetrySample sample) implements TelemetryMessage {
        @Override
        public ElementId element() {
            return sample.element();
        }

        @Override
        public Instant at() {
            return sample.at();
        }
    }

    /** An element went down or came back, in the network's own words. */
    record AlarmRaised(Alarm alarm) implements TelemetryMessage {
        @Override
        public ElementId element() {
            return alarm.element();
        }

        @Override
        public Instant at() {
            return alarm.at();
        }
    }

    /** An element entered the inventory, or its description changed. */
    record ElementUpserted(Element described, Instant at) implements TelemetryMessage {
        @Override
        public ElementId element() {
            return described.id();
        }
    }

    /** An element left the inventory: its samples are refused from here on. */
    record ElementRemoved(ElementId element, Instant at) implements TelemetryMessage {}
}
