package dev.autonoc.service.history;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each element's telemetry and the predictor's view of it over the last {@code hours} hours, as
 * hourly aggregates (mean, min, max and count of each metric; the probability, and while alarmed
 * the time to failure, last said in the hour).
 *
 * <p>Bounded: per element a ring of {@code hours} slots, each metric's slots allocated when the
 * element first reports it; a slot is reused when its hour is {@code hours} old. A metric costs 16
 * bytes a slot, the prediction 9: at the default 168 hours (7 days) a router reporting seven
 * metrics holds some 21 KB, a link (four) some 12 KB, so the metro network (82 elements) about 1.5
 * MB and the national one (about 2,400 elements, most of them cells) about 45 MB; {@code
 * autonoc.console.history-hours} trades days of charts for memory. Not persisted: after a restart
 * it fills again as the world is rebuilt (embedded mode runs the world forward through the
 * predictor) or as telemetry arrives (connected mode).
 *
 * <p>Written from the thread that feeds the predictor, read from request threads: each element's
 * ring is locked while it is written or read.
 */
public final class TelemetryHistory {

    private static final long HOUR = 3600;
    private static final int METRICS = Metric.values().length;

    private final int hours;
    private final Map<ElementId, Track> tracks = new ConcurrentHashMap<>();

    public TelemetryHistory(int hours) {
        if (hours < 1 || hours > 24 * 90) {
            throw new IllegalArgumentException(
                    "autonoc.console.history-hours must be between 1 and 2160 (90 days), got "
                            + hours);
        }
        this.hours = hours;
    }

    /** How far back the history reaches from its latest hour. */
    public Duration span() {
        return Duration.ofHours(hours);
    }

    /** Takes one sample into its element's hour. */
    public void record(TelemetrySample sample) {
        Track track = track(sample.element());
        track.add(hourOf(sample.at()), sample.values());
        track.taken(sample.at());
    }

    /**
     * The date of the latest sample the predictor took for the element (what a failover test
     * compares with the last one published), or empty if none was.
     */
    public Optional<Instant> lastSampleAt(ElementId element) {
        Track track = tracks.get(element);
        return track == null ? Optional.empty() : Optional.ofNullable(track.lastSample);
    }

    /** The predictor's probability for an element at {@code at}; a time to failure if alarmed. */
    public void score(ElementId element, Instant at, double probability) {
        track(element).score(hourOf(at), probability, Double.NaN);
    }

    /** The predictions of an alarm: probability and time to failure. */
    public void alarmed(List<Prediction> predictions) {
        for (Prediction p : predictions) {
            track(p.element())
                    .score(
                            hourOf(p.at()),
                            p.probability(),
                            p.timeToFailure().toSeconds() / (double) HOUR);
        }
    }

    /** Whether anything was ever recorded for the element. */
    public boolean knows(ElementId element) {
        return tracks.containsKey(element);
    }

    /**
     * The element's hours in {@code [from, to)}, oldest first; an hour with nothing recorded is
     * left out.
     */
    public Window read(ElementId element, Instant from, Instant to) {
        Track track = tracks.get(element);
        if (track == null) {
            return new Window(List.of(), List.of());
        }
        return track.read(Math.floorDiv(from.getEpochSecond(), HOUR), hourOf(to));
    }

    private Track track(ElementId element) {
        return tracks.computeIfAbsent(element, e -> new Track(hours));
    }

    private static long hourOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), HOUR);
    }

    /** What was recorded between two instants. */
    public record Window(List<Series> metrics, List<Score> scores) {}

    /** One metric's hours, in the order of {@link Metric}. */
    public record Series(Metric metric, List<Point> points) {}

    /** One hour of a metric: it starts at {@code at}. */
    public record Point(Instant at, double mean, double min, double max, int samples) {}

    /**
     * The predictor's last word in the hour starting at {@code at}: the probability, and the time
     * to failure in hours when the element was alarmed (empty otherwise).
     */
    public record Score(Instant at, double probability, OptionalDouble timeToFailureHours) {
        public boolean alarmed() {
            return timeToFailureHours.isPresent();
        }
    }

    /** One element's ring of hours. */
    private static final class Track {
        private final int size;
        private final long[] hourOf;
        // per metric (by ordinal), allocated when first reported: [slot*3 + 0..2] mean, min, max
        private final float[][] stats = new float[METRICS][];
        private final int[][] counts = new int[METRICS][];
        private final float[] probability;
        private final float[] ttfHours;
        private long latest = Long.MIN_VALUE;
        private volatile Instant lastSample;

        Track(int size) {
            this.size = size;
            this.hourOf = new long[size];
            Arrays.fill(hourOf, Long.MIN_VALUE);
            this.probability = new float[size];
            this.ttfHours = new float[size];
            Arrays.fill(probability, Float.NaN);
            Arrays.fill(ttfHours, Float.NaN);
        }

        synchronized void taken(Instant at) {
            if (lastSample == null || at.isAfter(lastSample)) {
                lastSample = at;
            }
        }

        synchronized void add(long hour, double[] values) {
            int slot = slot(hour);
            if (slot < 0) {
                return;
            }
            for (int m = 0; m < METRICS; m++) {
                double v = values[m];
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    continue;
                }
                if (stats[m] == null) {
                    stats[m] = new float[size * 3];
                    counts[m] = new int[size];
                }
                int n = ++counts[m][slot];
                float[] s = stats[m];
                int i = slot * 3;
                if (n == 1) {
                    s[i] = (float) v;
                    s[i + 1] = (float) v;
                    s[i + 2] = (float) v;
                } else {
                    s[i] = (float) (s[i] + (v - s[i]) / n);
                    s[i + 1] = (float) Math.min(s[i + 1], v);
                    s[i + 2] = (float) Math.max(s[i + 2], v);
                }
            }
        }

        synchronized void score(long hour, double p, double ttf) {
            int slot = slot(hour);
            if (slot < 0) {
                return;
            }
            // an alarm's word stands for its hour over a later plain score in that hour
            if (Double.isNaN(ttf) && !Float.isNaN(ttfHours[slot])) {
                return;
            }
            probability[slot] = (float) p;
            ttfHours[slot] = (float) ttf;
        }

        /** The slot of {@code hour}, cleared if it held an older hour; -1 if too old to keep. */
        private int slot(long hour) {
            if (latest != Long.MIN_VALUE && hour <= latest - size) {
                return -1;
            }
            int slot = (int) Math.floorMod(hour, (long) size);
            if (hourOf[slot] == hour) {
                return slot;
            }
            if (hourOf[slot] > hour) {
                return -1;
            }
            hourOf[slot] = hour;
            for (int m = 0; m < METRICS; m++) {
                if (counts[m] != null) {
                    counts[m][slot] = 0;
                }
            }
            probability[slot] = Float.NaN;
            ttfHours[slot] = Float.NaN;
            latest = Math.max(latest, hour);
            return slot;
        }

        synchronized Window read(long fromHour, long toHour) {
            List<Long> kept = new ArrayList<>();
            for (int slot = 0; slot < size; slot++) {
                long h = hourOf[slot];
                if (h != Long.MIN_VALUE && h >= fromHour && h <= toHour) {
                    kept.add(h);
                }
            }
            kept.sort(null);
            List<Series> series = new ArrayList<>();
            for (Metric metric : Metric.values()) {
                int m = metric.ordinal();
                if (counts[m] == null) {
                    continue;
                }
                List<Point> points = new ArrayList<>();
                for (long h : kept) {
                    int slot = (int) Math.floorMod(h, (long) size);
                    int n = counts[m][slot];
                    if (n > 0) {
                        float[] s = stats[m];
                        points.add(
                                new Point(
                                        Instant.ofEpochSecond(h * HOUR),
                                        s[slot * 3],
                                        s[slot * 3 + 1],
                                        s[slot * 3 + 2],
                                        n));
                    }
                }
                series.add(new Series(metric, List.copyOf(points)));
            }
            List<Score> scores = new ArrayList<>();
            for (long h : kept) {
                int slot = (int) Math.floorMod(h, (long) size);
                if (!Float.isNaN(probability[slot])) {
                    scores.add(
                            new Score(
                                    Instant.ofEpochSecond(h * HOUR),
                                    probability[slot],
                                    Float.isNaN(ttfHours[slot])
                                            ? OptionalDouble.empty()
                                            : OptionalDouble.of(ttfHours[slot])));
                }
            }
            return new Window(List.copyOf(series), List.copyOf(scores));
        }
    }

    /** For tests and the benchmark: how many elements have a ring. */
    int elements() {
        return tracks.size();
    }
}
