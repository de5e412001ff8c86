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

    /**
     * Whether the listener reads telemetry at all. The twin builds no sample for one that does not
     * (a sample per element per tick is most of what a quiet national twin allocates); its sensors
     * read, and remember what they read, all the same.
     */
    default boolean wantsTelemetry() {
        return true;
    }

    /** Hears nothing: the twin only moves on. */
    TwinListener NONE =
            new TwinListener() {
                @Override
                public void onTelemetry(TelemetrySample sample) {}

                @Override
                public boolean wantsTelemetry() {
                    return false;
                }
            };
}
