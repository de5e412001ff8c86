package dev.autonoc.predictor;

import dev.autonoc.core.prediction.Evidence;
import dev.autonoc.core.telemetry.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a prediction's strongest feature terms into evidence a NOC operator reads: "fan rpm 18 %
 * below its own 7-day baseline and falling", "9.0 °C hotter than its region's peers".
 */
final class Explanations {

    /**
     * The locale numbers are written in: the same digits, point and signs as {@code Locale.ROOT}
     * ({@code ExplanationsTest} holds the two to it on the formats used here), and the one for
     * which the JDK's {@code Formatter} skips its per-call lookup of the locale's symbols, which
     * was most of the cost of an alarmed element's words, written again every tick it stays
     * alarmed.
     */
    static final Locale NUMBERS = Locale.US;

    private Explanations() {}

    /** The {@code n} features that pushed hardest towards failure, strongest first. */
    static List<Evidence> top(Family family, double[] raw, double[] contributions, int n) {
        List<Metric> metrics = family.metrics();
        List<Evidence> out = new ArrayList<>();
        // the features in order of their contribution, largest first (by Double.compare of the
        // negated terms, then by index): picked one at a time, as only the first few are read;
        // sorting the whole vector boxed was most of this method's cost, every tick an element
        // stays alarmed
        boolean[] taken = new boolean[contributions.length];
        while (out.size() < n) {
            int i = -1;
            for (int j = 0; j < contributions.length; j++) {
                if (!taken[j]
                        && (i < 0 || Double.compare(-contributions[j], -contributions[i]) < 0)) {
                    i = j;
                }
            }
            if (i < 0) {
                break;
            }
            taken[i] = true;
            if (contributions[i] <= 0 && !out.isEmpty()) {
                break; // only what pushed towards failure, but at least one feature
            }
            if (i >= metrics.size() * FeatureKind.COUNT) {
                int context = i - metrics.size() * FeatureKind.COUNT;
                out.add(
                        new Evidence(
                                FeatureExtractor.CONTEXT.get(context),
                                raw[i],
                                contributions[i],
                                contextWords(context, raw[i])));
                continue;
            }
            Metric metric = metrics.get(i / FeatureKind.COUNT);
            FeatureKind kind = FeatureKind.values()[i % FeatureKind.COUNT];
            out.add(
                    new Evidence(
                            FeatureExtractor.name(metric, kind),
                            raw[i],
                            contributions[i],
                            words(family, metric, kind, raw)));
        }
        return out;
    }

    /** The feature in words; {@code raw} is the element's whole feature vector, for context. */
    static String words(Family family, Metric metric, FeatureKind kind, double[] raw) {
        MetricScale scale = MetricScale.of(metric);
        String what = scale.words();
        double value = raw[FeatureExtractor.index(family, metric, kind)];
        double slope24h = raw[FeatureExtractor.index(family, metric, FeatureKind.SLOPE_24H)];
        return switch (kind) {
            case LEVEL_1H -> what + " at " + level(scale, value) + " (1 h mean)";
            case LEVEL_24H -> what + " at " + level(scale, value) + " (24 h mean)";
            case DEV_OWN_6H, DEV_OWN_24H -> own(what, scale, value, slope24h);
            case SLOPE_6H ->
                    what
                            + (value < 0 ? " falling " : " rising ")
                            + amount(scale, value)
                            + " per hour over the last 6 h, against its region's peers";
            case SLOPE_24H ->
                    what
                            + (value < 0 ? " falling " : " rising ")
                            + amount(scale, value)
                            + " per day, against its region's peers";
            case JITTER_1H ->
                    what
                            + " jittering: mean step within the hour "
                            + amount(scale, value)
                            + (value < 0 ? " below" : " above")
                            + " its region's peers'";
            case PEER_DEV_6H, PEER_DEV_24H -> {
                FeatureKind ownKind =
                        kind == FeatureKind.PEER_DEV_6H
                                ? FeatureKind.DEV_OWN_6H
                                : FeatureKind.DEV_OWN_24H;
                double own = raw[FeatureExtractor.index(family, metric, ownKind)];
                yield own(what, scale, own, slope24h) + "; " + peers(metric, scale, value);
            }
            case SPIKES_24H -> fmt(value) + " spikes of " + what + " in the last day";
            case DEV_OWN_LONG ->
                    what
                            + " "
                            + amount(scale, value)
                            + (value < 0 ? " below" : " above")
                            + " where it was when it was healthy";
            case PEER_DEV_LONG -> {
                double own = raw[FeatureExtractor.index(family, metric, FeatureKind.DEV_OWN_LONG)];
                yield what
                        + " "
                        + amount(scale, own)
                        + (own < 0 ? " below" : " above")
                        + " where it was when it was healthy; "
                        + peers(metric, scale, value);
            }
        };
    }

    /** A feature of what the topology did around the element, in words. */
    static String contextWords(int context, double value) {
        if (context != FeatureExtractor.NEIGHBOUR_OUT) {
            throw new IllegalArgumentException("no context feature " + context);
        }
        if (value >= 1.0) {
            return "an element within two hops is out of service: its traffic runs here";
        }
        if (value > 0.0) {
            return "an element within two hops was out of service "
                    + fixed(-Math.log(value) * FeatureExtractor.TAU_NEIGHBOUR.toHours(), 0)
                    + " h ago";
        }
        return "no element within two hops has been out of service lately";
    }

    private static String own(String what, MetricScale scale, double value, double slope24h) {
        return what
                + " "
                + amount(scale, value)
                + (value < 0 ? " below" : " above")
                + " its own 7-day baseline"
                + trend(value, slope24h);
    }

    private static String peers(Metric metric, MetricScale scale, double value) {
        if (metric == Metric.TEMPERATURE_C) {
            return fixed(Math.abs(value), 1)
                    + " °C "
                    + (value < 0 ? "cooler" : "hotter")
                    + " than its region's peers";
        }
        return amount(scale, value)
                + (value < 0 ? " lower" : " higher")
                + " than its region's peers";
    }

    private static String trend(double deviation, double slope24h) {
        if (slope24h == 0 || Math.abs(slope24h) < 1e-9) {
            return "";
        }
        if (Math.signum(slope24h) == Math.signum(deviation)) {
            return slope24h < 0 ? " and falling" : " and rising";
        }
        return "";
    }

    private static String amount(MetricScale scale, double value) {
        double v = Math.abs(value);
        return scale.relative() ? fixed(v, 0) + " %" : fmt(v) + " " + scale.unit();
    }

    private static String level(MetricScale scale, double value) {
        return switch (scale.metric()) {
            case PRE_FEC_BER -> String.format(NUMBERS, "%.1e", Math.pow(10, value));
            case CRC_ERRORS -> fmt(Math.expm1(value)) + " errors per sample";
            case TEMPERATURE_C -> fmt(value) + " °C";
            case MEMORY_UTIL_PCT, CPU_UTIL_PCT -> fmt(value) + " %";
            case OPTICAL_RX_DBM -> fmt(value) + " dBm";
            default -> fmt(value) + " " + scale.unit();
        };
    }

    private static String fmt(double v) {
        return fixed(v, Math.abs(v) >= 100 ? 0 : 1);
    }

    /**
     * {@code String.format(NUMBERS, "%.0f", v)} for {@code digits} 0, {@code "%.1f"} for 1: the
     * same text, without the {@code Formatter} (its format string parsed by a regular expression,
     * and the value's digits worked out in full, on every call: most of the cost of an alarmed
     * element's words, written again every tick it stays alarmed) wherever the rounding is clear.
     *
     * <p>The {@code Formatter} rounds half up the decimal digits that identify {@code v} (within an
     * ulp of it). Here {@code t = |v| × 10^digits} is within half an ulp of its exact value, so
     * those digits scaled are within about two ulps of {@code t}, and round as {@code t} rounds to
     * the nearest whole number unless {@code t} is within that of a half: where it is nearer than
     * 64 ulps to a half, or too large for a long, or not finite, the {@code Formatter} writes it.
     * ({@code ExplanationsTest} holds the two to the same text on random values, halves and their
     * neighbours among them.)
     */
    static String fixed(double v, int digits) {
        if (digits != 0 && digits != 1) {
            throw new IllegalArgumentException("0 or 1 digit, not " + digits);
        }
        double t = digits == 0 ? Math.abs(v) : Math.abs(v) * 10.0;
        if (t < 1e15) { // false for NaN and the infinities too
            double whole = Math.floor(t);
            double fraction = t - whole; // exact: both within the same ulps of t
            if (Math.abs(fraction - 0.5) > 64 * Math.ulp(t)) {
                long rounded = (long) whole + (fraction > 0.5 ? 1 : 0);
                StringBuilder out = new StringBuilder(24);
                if (Double.compare(v, 0.0) < 0) {
                    out.append('-'); // as the Formatter writes -0.0 and what rounds to 0
                }
                if (digits == 0) {
                    return out.append(rounded).toString();
                }
                return out.append(rounded / 10).append('.').append(rounded % 10).toString();
            }
        }
        return String.format(NUMBERS, digits == 0 ? "%.0f" : "%.1f", v);
    }
}
