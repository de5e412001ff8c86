package dev.autonoc.simulators;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The operator sizes of OPERATOR.md. */
public enum Preset {
    METRO,
    REGIONAL,
    NATIONAL;

    /** The name used in scenario files ({@code metro}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Preset> fromKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key().equals(key)).findFirst();
    }
}
