/**
 * Connected mode ({@code autonoc.mode=connected}; docs/connected-mode.md): the service against an
 * operator's own systems instead of the in-process twin. Telemetry comes in from a Kafka topic
 * ({@link dev.autonoc.service.connected.TelemetryIngest}: JSON messages keyed by element id, bad
 * ones to a dead-letter topic, offsets committed after the effects), the tools call the operator's
 * TMF Open API endpoints over HTTP (each API with its own URL, time-out and sign-in), and the loop
 * runs on the wall clock on one thread ({@link dev.autonoc.service.connected.ConnectedDriver}),
 * behind the policy narrowed by the operator's autonomy levels ({@link
 * dev.autonoc.service.connected.AutonomyGate}). {@link dev.autonoc.service.connected.TwinProcess}
 * is {@code ./autonoc twin}: the twin as its own process, publishing to the same topic format.
 */
package dev.autonoc.service.connected;
