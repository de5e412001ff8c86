package dev.autonoc.service.simulation;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code autonoc.simulation.pacing.*}: what the simulated clock does while a person is needed (an
 * approval waits, or a case needs a person). At the demo's hour a second, a request would expire
 * before anyone had read it; slowed to real time it waits for the person, and the header says so.
 *
 * @param whenPersonNeeded {@code keep} (the configured pace throughout), {@code real-time} (one
 *     simulated second per second) or {@code pause} (the clock stands until nobody is needed)
 * @param recheck how often the driver asks whether a person is needed (wall time)
 */
@ConfigurationProperties("autonoc.simulation.pacing")
public record PacingProperties(
        @DefaultValue("keep") String whenPersonNeeded, @DefaultValue("500ms") Duration recheck) {

    /** The accepted values of {@code when-person-needed}. */
    public enum WhenPersonNeeded {
        KEEP,
        REAL_TIME,
        PAUSE;

        String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public PacingProperties {
        mode(whenPersonNeeded);
        if (recheck == null || recheck.isNegative()) {
            throw new IllegalArgumentException(
                    "autonoc.simulation.pacing.recheck must be a duration of 0 or more (e.g. 500ms),"
                            + " got "
                            + recheck);
        }
    }

    WhenPersonNeeded mode() {
        return mode(whenPersonNeeded);
    }

    private static WhenPersonNeeded mode(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(WhenPersonNeeded.values())
                .filter(m -> m.key().equals(v))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "autonoc.simulation.pacing.when-person-needed: unknown '"
                                                + value
                                                + "'; accepted: "
                                                + Arrays.stream(WhenPersonNeeded.values())
                                                        .map(WhenPersonNeeded::key)
                                                        .collect(Collectors.joining(", "))));
    }
}
