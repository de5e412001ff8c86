/**
 * Telemetry as the agent receives it: samples of an element's metrics at a time, and the alarms the
 * network raises (an element down is a certain failure, not a prediction).
 */
@NullMarked
package dev.autonoc.core.telemetry;

import org.jspecify.annotations.NullMarked;
