package dev.autonoc.evals.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run's customer impact beside that of every other planner and baseline run on the same scenario
 * and seed, as horizontal bars in inline SVG: how much of what a reactive operator suffers the
 * planner avoided, and how far it is from what a perfect predictor allows.
 */
final class ImpactChart {

    private static final int WIDTH = 380;
    private static final int LEFT = 90;
    private static final int BAR = 16;
    private static final int GAP = 5;

    private ImpactChart() {}

    /**
     * @param run the run the chart belongs to (its bar is marked)
     * @param situation every run of the same scenario and seed, whatever the planner
     * @param order the planners in the order to draw them
     */
    static String svg(RunReport run, List<RunReport> situation, List<String> order) {
        List<RunReport> bars = new ArrayList<>();
        for (String planner : order) {
            situation.stream()
                    .filter(r -> r.planner().equals(planner) && r.metrics().isPresent())
                    .findFirst()
                    .ifPresent(bars::add);
        }
        double max = 0;
        for (RunReport r : bars) {
            max = Math.max(max, r.metrics().orElseThrow().customerImpactMinutes());
        }
        int height = 22 + bars.size() * (BAR + GAP);
        StringBuilder svg = new StringBuilder();
        svg.append(
                String.format(
                        Locale.ROOT,
                        "<svg class=\"impact\" data-run=\"%s\" xmlns=\"http://www.w3.org/2000/svg\""
                                + " width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\""
                                + " aria-label=\"customer impact against the baselines\">",
                        Html.escape(HtmlReport.runId(run)),
                        WIDTH,
                        height,
                        WIDTH,
                        height));
        svg.append(
                "<text class=\"chart-title\" x=\"4\" y=\"13\">customer impact, same scenario and"
                        + " seed (customer-minutes)</text>");
        int y = 22;
        for (RunReport r : bars) {
            double impact = r.metrics().orElseThrow().customerImpactMinutes();
            double w = max <= 0 ? 0 : impact / max * (WIDTH - LEFT - 70);
            boolean self = r.planner().equals(run.planner());
            svg.append(
                    String.format(
                            Locale.ROOT,
                            "<text class=\"bar-label%s\" x=\"%d\" y=\"%d\">%s</text>",
                            self ? " self" : "",
                            LEFT - 6,
                            y + 12,
                            Html.escape(r.planner())));
            svg.append(
                    String.format(
                            Locale.ROOT,
                            "<rect class=\"bar %s%s\" x=\"%d\" y=\"%d\" width=\"%.1f\""
                                    + " height=\"%d\"><title>%s</title></rect>",
                            r.passed() ? "passed" : "failed",
                            self ? " self" : "",
                            LEFT,
                            y,
                            Math.max(w, 1.0),
                            BAR,
                            Html.escape(
                                    r.planner()
                                            + " seed "
                                            + r.seed()
                                            + ": "
                                            + TimelineChart.number(impact)
                                            + " customer-minutes"
                                            + (r.passed() ? ", passed" : ", failed"))));
            svg.append(
                    String.format(
                            Locale.ROOT,
                            "<text class=\"bar-value\" x=\"%.1f\" y=\"%d\">%s</text>",
                            LEFT + Math.max(w, 1.0) + 4,
                            y + 12,
                            TimelineChart.number(impact)));
            y += BAR + GAP;
        }
        return svg.append("</svg>").toString();
    }
}
