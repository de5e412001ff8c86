package dev.autonoc.simulators;

import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;

/**
 * Receives what the network emits while the twin advances: a sample per element per tick, and
 * alarms.
 */
public interface TwinListener {

    void onTelemetry(TelemetrySample sample);

    default void onAlarm(Alarm alarm) {}

    TwinListener NONE = sample -> {};
}
