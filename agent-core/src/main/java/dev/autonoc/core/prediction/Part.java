package dev.autonoc.core.prediction;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** A field-replaceable spare part; {@link #code()} is the catalogue code used in files and APIs. */
public enum Part {
    FAN_TRAY("FAN-TRAY"),
    PSU("PSU"),
    SFP_OPTIC("SFP-OPTIC"),
    LINE_CARD("LINE-CARD");

    private final String code;

    Part(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<Part> fromCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }

    /** The accepted codes, for error messages. */
    public static String codes() {
        return Arrays.stream(values()).map(Part::code).collect(Collectors.joining(", "));
    }
}
