package dev.autonoc.service.simulation;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The service's start as {@code 20261126-074210}, in the ids that must stay apart across runs: the
 * ledger outlives the process, and every start replays the simulation from its first day.
 */
public final class RunStamp {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private RunStamp() {}

    public static String of(Clock wallClock) {
        return FORMAT.format(wallClock.instant());
    }
}
