package dev.autonoc.service.shadow;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A report asked for, its parameters checked: {@code from} and {@code to} ISO-8601 instants, {@code
 * to} after {@code from} and at most {@link ShadowReports#MAX_PERIOD} later; {@code element} one of
 * the network's, or none for the whole network.
 */
public record ShadowRequest(Instant from, Instant to, Optional<String> element) {

    /** A parameter that is missing or wrong, with what is accepted. */
    public static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String parameter;

        Invalid(String parameter, String detail) {
            super(detail);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    /** The API's: {@code from} and {@code to} are required. */
    public static ShadowRequest parse(
            @Nullable String from, @Nullable String to, @Nullable String element, ShadowReports r) {
        return parse(from, to, element, r, Optional.empty());
    }

    /**
     * The console's: a missing {@code to} is the service's now, a missing {@code from} {@code
     * defaultSpan} before {@code to}.
     */
    public static ShadowRequest parseOrDefault(
            @Nullable String from,
            @Nullable String to,
            @Nullable String element,
            ShadowReports r,
            Duration defaultSpan) {
        return parse(from, to, element, r, Optional.of(defaultSpan));
    }

    private static ShadowRequest parse(
            @Nullable String from,
            @Nullable String to,
            @Nullable String element,
            ShadowReports r,
            Optional<Duration> defaults) {
        Instant end =
                blank(to)
                        ? defaults.map(d -> r.now()).orElseThrow(() -> missing("to"))
                        : instant("to", to);
        Instant start =
                blank(from)
                        ? defaults.map(end::minus).orElseThrow(() -> missing("from"))
                        : instant("from", from);
        if (!end.isAfter(start)) {
            throw new Invalid(
                    "to",
                    "'"
                            + end
                            + "' is not after from '"
                            + start
                            + "'; the period [from, to) would hold nothing: expected a later to");
        }
        if (Duration.between(start, end).compareTo(ShadowReports.MAX_PERIOD) > 0) {
            throw new Invalid(
                    "to",
                    "the period from "
                            + start
                            + " to "
                            + end
                            + " is longer than "
                            + ShadowReports.MAX_PERIOD.toDays()
                            + " days; expected a to at most "
                            + start.plus(ShadowReports.MAX_PERIOD));
        }
        Optional<String> e = blank(element) ? Optional.empty() : Optional.of(element.strip());
        if (e.isPresent() && !r.knows(e.get())) {
            throw new Invalid(
                    "element",
                    "'"
                            + e.get()
                            + "' is not an element of the network; expected an element id such as "
                            + String.join(", ", r.someElements())
                            + ", or none for the whole network");
        }
        return new ShadowRequest(start, end, e);
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    private static Invalid missing(String name) {
        return new Invalid(name, "is required: an ISO-8601 UTC instant, e.g. 2025-01-07T06:00:00Z");
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new Invalid(
                    name,
                    "'"
                            + value
                            + "' is not an ISO-8601 UTC instant; expected e.g. 2025-01-07T06:00:00Z");
        }
    }
}
