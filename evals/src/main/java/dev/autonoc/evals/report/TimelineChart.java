package dev.autonoc.evals.report;

import dev.autonoc.evals.report.RunTimeline.FaultTimes;
import dev.autonoc.evals.report.RunTimeline.Kind;
import dev.autonoc.evals.report.RunTimeline.Mark;
import dev.autonoc.simulators.FaultTruth;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One run's timeline as inline SVG: for each faulted element the telemetry its mode moves, its
 * traffic and the predicted probability of failure, with the fault's onset, due time, failure,
 * detection, mitigation and repair drawn across them; below, every acting tool call (coloured by
 * outcome), approval, denial and hand-over; all on one time axis. Hovering a mark shows its detail
 * (an SVG {@code title}).
 */
final class TimelineChart {

    static final int WIDTH = 980;
    private static final int LEFT = 170;
    private static final int RIGHT = 12;
    private static final int LANE = 34;
    private static final int GAP = 6;
    private static final int HEADER = 18;
    private static final int MIN_EVENT_ROWS = 3;
    private static final int MAX_EVENT_ROWS = 12;
    private static final int EVENT_ROW = 16;
    private static final int AXIS = 22;

    /** Vertical steps of a telemetry lane: half a pixel each. */
    private static final int LEVELS = 56;

    /** Longer hover texts are cut: a tool's summary can run long. */
    private static final int DETAIL = 240;

    private final RunReport run;
    private final Instant start;
    private final Instant end;
    private final StringBuilder svg = new StringBuilder();

    private TimelineChart(RunReport run, Instant start, Instant end) {
        this.run = run;
        this.start = start;
        this.end = end.isAfter(start) ? end : start.plus(Duration.ofHours(1));
    }

    /** The chart of one run; {@code start} and {@code end} bound its time axis. */
    static String svg(RunReport run, Instant start, Instant end) {
        return new TimelineChart(run, start, end).draw();
    }

    private String draw() {
        RunTelemetry telemetry = run.telemetry().orElse(RunTelemetry.NONE);
        RunTimeline timeline = run.metrics().map(RunMetrics::timeline).orElse(RunTimeline.EMPTY);
        StringBuilder body = new StringBuilder();
        int y = 4;
        for (FaultTruth f : run.faults()) {
            y = element(body, y, f, telemetry, times(timeline, f));
        }
        if (run.faults().isEmpty()) {
            body.append(
                    text(
                            LEFT,
                            y + 14,
                            run.metrics().isEmpty()
                                    ? "the run stopped on an error (its violation says which);"
                                            + " nothing was measured"
                                    : "no fault in this run: any act below is a false alarm",
                            "note"));
            y += HEADER + GAP;
        }
        int eventsTop = y;
        y = events(body, y, timeline);
        y = axis(body, y, eventsTop);
        svg.append(
                String.format(
                        Locale.ROOT,
                        "<svg class=\"timeline\" data-run=\"%s\" xmlns=\"http://www.w3.org/2000/svg\""
                                + " width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\""
                                + " aria-label=\"timeline of %s\">",
                        Html.escape(HtmlReport.runId(run)),
                        WIDTH,
                        y,
                        WIDTH,
                        y,
                        Html.escape(HtmlReport.runId(run))));
        svg.append(body);
        svg.append("</svg>");
        return svg.toString();
    }

    private static Optional<FaultTimes> times(RunTimeline timeline, FaultTruth f) {
        return timeline.faults().stream()
                .filter(t -> t.element().equals(f.element().value()) && t.onset().equals(f.onset()))
                .findFirst();
    }

    /** One faulted element: a header, a lane per series, the fault's moments across them. */
    private int element(
            StringBuilder out,
            int top,
            FaultTruth f,
            RunTelemetry telemetry,
            Optional<FaultTimes> times) {
        String element = f.element().value();
        out.append(
                text(
                        4,
                        top + 13,
                        element + " · " + f.mode().name().toLowerCase(Locale.ROOT),
                        "element"));
        int y = top + HEADER;
        List<RunTelemetry.Series> series = telemetry.of(element);
        if (series.isEmpty()) {
            out.append(
                    text(
                            LEFT,
                            y + 14,
                            "no telemetry recorded (the none baseline runs no predictor)",
                            "note"));
            y += LANE;
        }
        for (RunTelemetry.Series s : series) {
            y = lane(out, y, s, telemetry);
        }
        int bottom = y;
        moment(
                out,
                f.onset(),
                top + HEADER,
                bottom,
                "onset",
                "onset of " + f.mode() + " on " + element);
        moment(
                out,
                f.failsAt(),
                top + HEADER,
                bottom,
                "due",
                element + " fails at " + f.failsAt() + " unless mended");
        f.failedAt()
                .ifPresent(t -> moment(out, t, top, bottom, "failed", element + " failed at " + t));
        f.repairedAt()
                .ifPresent(
                        t -> moment(out, t, top, bottom, "repaired", element + " mended at " + t));
        times.flatMap(FaultTimes::detectedAt)
                .ifPresent(
                        t ->
                                moment(
                                        out,
                                        t,
                                        top + HEADER,
                                        bottom,
                                        "detected",
                                        "first alarm on " + element + " at " + t));
        times.ifPresent(
                ft ->
                        ft.mitigatedAt()
                                .ifPresent(
                                        t ->
                                                moment(
                                                        out,
                                                        t,
                                                        top + HEADER,
                                                        bottom,
                                                        "mitigated",
                                                        "customers of "
                                                                + element
                                                                + " safe ("
                                                                + ft.mitigatedBy().orElse("?")
                                                                + ") at "
                                                                + t)));
        return bottom + GAP;
    }

    /** One series: its name and range at the left, a line (or, for probability, an area). */
    private int lane(StringBuilder out, int top, RunTelemetry.Series s, RunTelemetry telemetry) {
        double[] v = s.values();
        boolean probability = s.name().equals(RunTelemetry.PROBABILITY);
        double lo = probability ? 0 : Double.POSITIVE_INFINITY;
        double hi = probability ? 1 : Double.NEGATIVE_INFINITY;
        if (!probability) {
            for (double x : v) {
                if (!Double.isNaN(x)) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
        }
        out.append(
                String.format(
                        Locale.ROOT,
                        "<rect class=\"lane\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>",
                        LEFT,
                        top,
                        WIDTH - LEFT - RIGHT,
                        LANE));
        out.append(text(LEFT - 6, top + 14, label(s.name()), "lane-label end"));
        if (lo <= hi) {
            out.append(text(LEFT - 6, top + 27, range(lo, hi), "lane-range end"));
        }
        double span = hi - lo < 1e-12 ? 1 : hi - lo;
        // drawn in the lane's own frame (x in buckets, y in LEVELS steps) and mapped onto the lane
        // by a transform: a relative step per hour keeps a report of hundreds of runs small
        double total = Duration.between(start, end).toSeconds();
        double px = (WIDTH - LEFT - RIGHT) * telemetry.bucket().toSeconds() / total;
        double x0 = x(telemetry.start()) + px / 2;
        long shown =
                (long)
                        Math.floor(
                                Duration.between(telemetry.start(), end).toSeconds()
                                        / (double) telemetry.bucket().toSeconds());
        StringBuilder d = new StringBuilder();
        int previous = -2;
        int previousLevel = 0;
        for (int i = 0; i < v.length && i <= shown; i++) {
            if (Double.isNaN(v[i])) {
                continue;
            }
            int level = (int) Math.round((v[i] - lo) / span * LEVELS);
            if (i == previous + 1) {
                int step = level - previousLevel;
                d.append(d.charAt(d.length() - 1) == 'l' ? "" : " ")
                        .append('1')
                        .append(step < 0 ? "" : " ")
                        .append(step);
            } else {
                if (d.length() > 0 && d.charAt(d.length() - 1) == 'l') {
                    d.setLength(d.length() - 1); // a lone point before a gap: no segment
                }
                d.append('M').append(i).append(' ').append(level).append('l');
            }
            previous = i;
            previousLevel = level;
        }
        if (d.length() > 0) {
            out.append("<path class=\"")
                    .append(probability ? "series probability" : "series")
                    .append(
                            String.format(
                                    Locale.ROOT,
                                    "\" vector-effect=\"non-scaling-stroke\""
                                            + " transform=\"translate(%.2f %d) scale(%.4f %.4f)\" d=\"",
                                    x0,
                                    top + LANE - 3,
                                    px,
                                    -(LANE - 6) / (double) LEVELS))
                    .append(d.charAt(d.length() - 1) == 'l' ? d.substring(0, d.length() - 1) : d)
                    .append("\"><title>")
                    .append(
                            Html.escape(
                                    label(s.name())
                                            + ", hourly "
                                            + (probability ? "maximum" : "mean")))
                    .append("</title></path>");
        }
        return top + LANE + 2;
    }

    /**
     * The agent's acts: each mark goes to the first row where its label does not run into the one
     * before; rows are added as needed up to {@link #MAX_EVENT_ROWS}, after which the least crowded
     * row takes it.
     */
    private int events(StringBuilder out, int top, RunTimeline timeline) {
        List<double[]> placed = new ArrayList<>(); // x, row
        List<Double> rowEnd = new ArrayList<>();
        for (Mark m : timeline.marks()) {
            double x = x(m.at());
            int row = -1;
            for (int r = 0; r < rowEnd.size(); r++) {
                if (rowEnd.get(r) < x) {
                    row = r;
                    break;
                }
            }
            if (row < 0 && rowEnd.size() < MAX_EVENT_ROWS) {
                rowEnd.add(Double.NEGATIVE_INFINITY);
                row = rowEnd.size() - 1;
            }
            if (row < 0) {
                row = 0;
                for (int r = 1; r < rowEnd.size(); r++) {
                    if (rowEnd.get(r) < rowEnd.get(row)) {
                        row = r;
                    }
                }
            }
            rowEnd.set(row, x + 10 + shortLabel(m).length() * 5.6);
            placed.add(new double[] {x, row});
        }
        int rows = Math.max(MIN_EVENT_ROWS, rowEnd.size());
        int height = rows * EVENT_ROW + 4;
        out.append(
                String.format(
                        Locale.ROOT,
                        "<rect class=\"lane events\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>",
                        LEFT,
                        top,
                        WIDTH - LEFT - RIGHT,
                        height));
        out.append(text(LEFT - 6, top + 14, "tool calls, approvals", "lane-label end"));
        out.append(
                text(
                        LEFT - 6,
                        top + 27,
                        timeline.marks().size()
                                + " events"
                                + (timeline.marksLeftOut() > 0
                                        ? " (+" + timeline.marksLeftOut() + " not drawn)"
                                        : ""),
                        "lane-range end"));
        for (int i = 0; i < timeline.marks().size(); i++) {
            Mark m = timeline.marks().get(i);
            double x = placed.get(i)[0];
            double y = top + 4 + placed.get(i)[1] * EVENT_ROW + EVENT_ROW / 2.0;
            out.append("<g class=\"mark ")
                    .append(cssClass(m.kind()))
                    .append("\"><title>")
                    .append(Html.escape(m.at() + "  " + cut(m.detail())))
                    .append("</title>");
            out.append(symbol(m.kind(), x, y));
            out.append(
                    String.format(
                            Locale.ROOT,
                            "<text x=\"%.1f\" y=\"%.1f\">%s</text>",
                            x + 6,
                            y + 4,
                            Html.escape(shortLabel(m))));
            out.append("</g>");
        }
        return top + height + 2;
    }

    private int axis(StringBuilder out, int top, int eventsTop) {
        long days = Duration.between(start, end).toDays();
        long step = days > 20 ? 7 : days > 10 ? 2 : 1;
        for (long d = 0; d <= days; d += step) {
            Instant t = start.plus(Duration.ofDays(d));
            double x = x(t);
            DayOfWeek dow = t.atZone(ZoneOffset.UTC).getDayOfWeek();
            out.append(
                    String.format(
                            Locale.ROOT,
                            "<line class=\"day\" x1=\"%.1f\" y1=\"4\" x2=\"%.1f\" y2=\"%d\"/>",
                            x,
                            x,
                            top));
            boolean last = x > WIDTH - RIGHT - 30;
            out.append(
                    text(
                            x,
                            top + 15,
                            "day " + d + " " + dow.getDisplayName(TextStyle.SHORT, Locale.ENGLISH),
                            last ? "axis end" : "axis middle"));
        }
        return top + AXIS;
    }

    private void moment(StringBuilder out, Instant at, int y1, int y2, String kind, String detail) {
        if (at.isBefore(start) || at.isAfter(end)) {
            return;
        }
        double x = x(at);
        out.append(
                String.format(
                        Locale.ROOT,
                        "<line class=\"moment %s\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"><title>%s</title></line>",
                        kind,
                        x,
                        y1,
                        x,
                        y2,
                        Html.escape(detail)));
    }

    private double x(Instant at) {
        double total = Duration.between(start, end).toSeconds();
        double offset = Duration.between(start, at).toSeconds();
        double clamped = Math.max(0, Math.min(total, offset));
        return LEFT + clamped / total * (WIDTH - LEFT - RIGHT);
    }

    private static String symbol(Kind kind, double x, double y) {
        return switch (kind) {
            case ALARM ->
                    String.format(
                            Locale.ROOT,
                            "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\"/>",
                            x,
                            y - 5,
                            x + 5,
                            y + 4,
                            x - 5,
                            y + 4);
            case APPROVAL_REQUESTED, APPROVED, REJECTED ->
                    String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\"/>", x, y);
            case DENIED, HANDED_OVER ->
                    String.format(
                            Locale.ROOT,
                            "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\"/>",
                            x - 4,
                            y - 4);
            default ->
                    String.format(
                            Locale.ROOT,
                            "<rect x=\"%.1f\" y=\"%.1f\" width=\"3\" height=\"12\"/>",
                            x - 1.5,
                            y - 6);
        };
    }

    static String cssClass(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String shortLabel(Mark m) {
        return switch (m.kind()) {
            case APPROVAL_REQUESTED -> "ask " + m.label();
            default -> m.label();
        };
    }

    private static String cut(String detail) {
        return detail.length() <= DETAIL ? detail : detail.substring(0, DETAIL - 1) + "…";
    }

    private static String label(String series) {
        return series.equals(RunTelemetry.PROBABILITY) ? "P(failure)" : series;
    }

    private static String range(double lo, double hi) {
        return number(lo) + " – " + number(hi);
    }

    static String number(double v) {
        double a = Math.abs(v);
        if (a != 0 && a < 0.01) {
            return String.format(Locale.ROOT, "%.2g", v);
        }
        if (a >= 10_000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : "%.2f", v);
    }

    private static String text(double x, double y, String text, String css) {
        return String.format(
                Locale.ROOT,
                "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\">%s</text>",
                css,
                x,
                y,
                Html.escape(text));
    }
}
