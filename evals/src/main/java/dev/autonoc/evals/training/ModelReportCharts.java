package dev.autonoc.evals.training;

import dev.autonoc.predictor.PredictorEvaluation;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The inline SVG charts of {@code model-report.html}: reliability curves, lead-time histograms. */
final class ModelReportCharts {

    private ModelReportCharts() {}

    static String reliabilitySvg(String title, List<PredictorEvaluation.ReliabilityBin> bins) {
        int size = 260;
        int pad = 30;
        double span = size - 2.0 * pad;
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"reliability curve, %s\">",
                        size,
                        size,
                        title));
        sb.append(
                String.format(
                        Locale.ROOT,
                        "<text x=\"%d\" y=\"18\" font-size=\"13\">%s</text>",
                        pad,
                        title));
        sb.append(
                String.format(
                        Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" stroke=\"#999\"/>",
                        pad,
                        pad,
                        span,
                        span));
        sb.append(
                String.format(
                        Locale.ROOT,
                        "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%d\" stroke=\"#bbb\" stroke-dasharray=\"4\"/>",
                        pad,
                        pad + span,
                        pad + span,
                        pad));
        StringBuilder points = new StringBuilder();
        for (PredictorEvaluation.ReliabilityBin b : bins) {
            double x = pad + b.meanProbability() * span;
            double y = pad + (1 - b.observedRate()) * span;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#1565c0\"><title>%d rows: mean p %.3f, observed %.3f</title></circle>",
                            x,
                            y,
                            b.rows(),
                            b.meanProbability(),
                            b.observedRate()));
        }
        sb.append("<polyline fill=\"none\" stroke=\"#1565c0\" points=\"")
                .append(points.toString().trim())
                .append("\"/>");
        sb.append(
                String.format(
                        Locale.ROOT,
                        "<text x=\"%d\" y=\"%d\" font-size=\"10\">0</text><text x=\"%.0f\" y=\"%d\" font-size=\"10\">1</text>",
                        pad - 10,
                        size - pad + 12,
                        pad + span - 3,
                        size - pad + 12));
        sb.append("</svg>\n");
        return sb.toString();
    }

    static String histogramSvg(String title, List<Double> leads) {
        List<Map<String, Object>> bins = ModelReport.histogram(leads);
        int width = 420;
        int height = 220;
        int pad = 30;
        int maxCount = bins.stream().mapToInt(b -> (Integer) b.get("faults")).max().orElse(1);
        double barW = (width - 2.0 * pad) / bins.size();
        double span = height - 2.0 * pad;
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"lead-time histogram, %s\">",
                        width,
                        height,
                        title));
        sb.append(
                String.format(
                        Locale.ROOT,
                        "<text x=\"%d\" y=\"18\" font-size=\"13\">%s (%d warned)</text>",
                        pad,
                        title,
                        leads.size()));
        for (int i = 0; i < bins.size(); i++) {
            int c = (Integer) bins.get(i).get("faults");
            double h = maxCount == 0 ? 0 : span * c / maxCount;
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#2e7d32\"><title>%s-%s h: %d</title></rect>",
                            pad + i * barW,
                            pad + span - h,
                            Math.max(1, barW - 1),
                            h,
                            bins.get(i).get("from_hours"),
                            bins.get(i).get("to_hours"),
                            c));
        }
        double x48 = pad + 48.0 / ModelReport.LEAD_BIN_HOURS * barW;
        sb.append(
                String.format(
                        Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#c62828\"/>",
                        x48,
                        pad,
                        x48,
                        pad + span));
        sb.append(
                String.format(
                        Locale.ROOT,
                        "<text x=\"%d\" y=\"%d\" font-size=\"10\">0 h</text><text x=\"%.0f\" y=\"%d\" font-size=\"10\">%d h</text>",
                        pad,
                        height - pad + 12,
                        width - pad - 30.0,
                        height - pad + 12,
                        bins.size() * ModelReport.LEAD_BIN_HOURS));
        sb.append("</svg>\n");
        return sb.toString();
    }
}
