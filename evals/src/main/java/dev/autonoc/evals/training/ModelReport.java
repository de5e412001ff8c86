package dev.autonoc.evals.training;

import dev.autonoc.predictor.ModelBundle;
import dev.autonoc.predictor.PredictorEvaluation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report of {@code ./autonoc model evaluate}: the model's figures beside the oracle's, as text,
 * as {@code model-report.json} and as {@code model-report.html} (reliability curves and the
 * lead-time histogram drawn as inline SVG; the page loads nothing from outside).
 */
public final class ModelReport {

    private static final JsonMapper MAPPER =
            JsonMapper.builder()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .defaultPrettyPrinter(
                            new DefaultPrettyPrinter()
                                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                                    .withArrayIndenter(new DefaultIndenter("  ", "\n")))
                    .build();

    /** Lead-time histogram bins, hours. */
    static final int LEAD_BIN_HOURS = 12;

    private final ModelBundle bundle;
    private final ModelTraining.Comparison comparison;
    private final List<Long> oracleSeeds;
    private final Optional<CalibrationCheck> calibration;
    private final Optional<BadDataTable> badData;

    public ModelReport(
            ModelBundle bundle, ModelTraining.Comparison comparison, List<Long> oracleSeeds) {
        this(bundle, comparison, oracleSeeds, Optional.empty(), Optional.empty());
    }

    public ModelReport(
            ModelBundle bundle,
            ModelTraining.Comparison comparison,
            List<Long> oracleSeeds,
            Optional<CalibrationCheck> calibration) {
        this(bundle, comparison, oracleSeeds, calibration, Optional.empty());
    }

    /**
     * @param badData the figures on streams with each bad-data kind beside the clean ones, when
     *     they were run
     */
    public ModelReport(
            ModelBundle bundle,
            ModelTraining.Comparison comparison,
            List<Long> oracleSeeds,
            Optional<CalibrationCheck> calibration,
            Optional<BadDataTable> badData) {
        this.bundle = bundle;
        this.comparison = comparison;
        this.oracleSeeds = List.copyOf(oracleSeeds);
        this.calibration = calibration;
        this.badData = badData;
    }

    /** The figures of the report's table: a name and how to read it off an evaluation. */
    private record Figure(String name, Function<PredictorEvaluation, String> value) {}

    private static final List<Figure> FIGURES =
            List.of(
                    new Figure("threshold (as a probability)", e -> fmt4(e.threshold())),
                    new Figure("AUC (per element-hour, 48 h horizon)", e -> fmt4(e.auc())),
                    new Figure("Brier", e -> fmt4(e.brier())),
                    new Figure("rows (positive)", e -> e.rows() + " (" + e.positives() + ")"),
                    new Figure("faults warned / faults", e -> e.faultsWarned() + "/" + e.faults()),
                    new Figure(
                            "faults warned >= 48 h ahead",
                            e -> Integer.toString(e.faultsWarned48h())),
                    new Figure(
                            "faults taking >= 4 days, warned >= 48 h",
                            e ->
                                    e.slowFaultsWarned48h()
                                            + "/"
                                            + e.slowFaults()
                                            + " "
                                            + pct(e.slowFaultsWarned48h(), e.slowFaults())),
                    new Figure("lead time median, h", e -> fmt1(e.medianLeadHours())),
                    new Figure(
                            "lead time 10th percentile, h",
                            e -> fmt1(percentile(e.leadTimesHours(), 0.1))),
                    new Figure("lead time min, h", e -> fmt1(e.minLeadHours())),
                    new Figure("false alarms", e -> Integer.toString(e.falseAlarms())),
                    new Figure(
                            "false alarms / 10,000 healthy element-days",
                            e -> fmt2(e.falseAlarmsPer10kElementDays())),
                    new Figure("healthy element-days", e -> fmt1(e.healthyElementDays())),
                    new Figure(
                            "  of them within 2 hops of an outage",
                            e -> fmt1(e.nearOutageElementDays())),
                    new Figure(
                            "  false alarms there (per 10,000)",
                            e ->
                                    e.nearOutageFalseAlarms()
                                            + " ("
                                            + fmt2(e.nearOutageFalseAlarmsPer10kElementDays())
                                            + ")"),
                    new Figure(
                            "time-to-failure estimate / truth, median",
                            e -> fmt2(e.medianTtfRatio())),
                    new Figure(
                            "truth inside the 80 % interval",
                            e ->
                                    Double.isNaN(e.ttfIntervalCoverage())
                                            ? "none stated"
                                            : fmt0(100 * e.ttfIntervalCoverage()) + " %"));

    private static final List<String> COLUMNS = List.of("model", "oracle", "oracle @ model thr.");

    private List<PredictorEvaluation> columns() {
        return List.of(
                comparison.model(), comparison.oracle(), comparison.oracleAtModelThreshold());
    }

    /** The figures side by side, one line each. */
    public String text() {
        List<Long> seeds = comparison.seeds();
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "model %s on %d held-out runs (seeds %d..%d)%n",
                        bundle.version(),
                        seeds.size(),
                        seeds.get(0),
                        seeds.get(seeds.size() - 1)));
        sb.append(servedText()).append(System.lineSeparator());
        sb.append(String.format(Locale.ROOT, "%-44s", ""));
        for (String c : COLUMNS) {
            sb.append(String.format(Locale.ROOT, " %20s", c));
        }
        sb.append(System.lineSeparator());
        for (Figure f : FIGURES) {
            sb.append(String.format(Locale.ROOT, "%-44s", f.name()));
            for (PredictorEvaluation e : columns()) {
                sb.append(String.format(Locale.ROOT, " %20s", f.value().apply(e)));
            }
            sb.append(System.lineSeparator());
        }
        sb.append(
                String.format(
                        Locale.ROOT,
                        "AUC gap to the oracle: %.4f (target <= 0.02); the oracle reads the noise-free"
                                + " latent level and mode, not the time to failure, and alarms at its own"
                                + " threshold %.2f (as soon as the level says more than health), or at the"
                                + " model's%n",
                        comparison.oracle().auc() - comparison.model().auc(),
                        comparison.oracle().threshold()));
        calibration.ifPresent(
                c -> {
                    sb.append(
                            String.format(
                                    Locale.ROOT,
                                    "calibration check (the raw score; \"stored\" is the bundle's own map, the"
                                            + " others fitted anew on %d runs from seed %d; all judged"
                                            + " on the test rows):%n",
                                    c.seeds().size(),
                                    c.seeds().get(0)));
                    for (CalibrationCheck.Result r : allResults(c)) {
                        sb.append(
                                String.format(
                                        Locale.ROOT,
                                        "  %-10s Brier %.4f  AUC %.4f  reliability %s%n",
                                        r.name(),
                                        r.brier(),
                                        r.auc(),
                                        reliabilityText(r.reliability())));
                    }
                });
        badData.ifPresent(t -> sb.append(t.text()));
        return sb.toString();
    }

    /**
     * The report as Markdown: the figures table, then the bad-data table when it was run (the
     * charts are in the HTML page).
     */
    public String markdown() {
        List<Long> seeds = comparison.seeds();
        StringBuilder sb = new StringBuilder();
        sb.append("# Failure predictor vs oracle\n\n")
                .append(
                        String.format(
                                Locale.ROOT,
                                "Model `%s` on %d held-out runs (seeds %d..%d); %s.%n%n",
                                bundle.version(),
                                seeds.size(),
                                seeds.get(0),
                                seeds.get(seeds.size() - 1),
                                servedText()));
        sb.append("| |");
        COLUMNS.forEach(c -> sb.append(" ").append(c).append(" |"));
        sb.append("\n|").append(" --- |".repeat(COLUMNS.size() + 1)).append("\n");
        for (Figure f : FIGURES) {
            sb.append("| ").append(f.name().strip()).append(" |");
            for (PredictorEvaluation e : columns()) {
                sb.append(" ").append(f.value().apply(e)).append(" |");
            }
            sb.append("\n");
        }
        badData.ifPresent(
                t ->
                        sb.append("\n## On streams with bad data\n\n")
                                .append(
                                        "The same held-out runs, each bad-data kind laid over them"
                                                + " in turn (docs/data-quality.md); abstentions are"
                                                + " counted on the hourly rows.\n\n")
                                .append(t.markdown()));
        return sb.toString();
    }

    /** The report as a JSON tree. */
    public Map<String, Object> json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", bundle.version());
        root.put("threshold", bundle.threshold());
        root.put("threshold_as_probability", round(bundle.calibratedThreshold()));
        root.put(
                "served_calibration",
                bundle.calibration().map(c -> (Object) c.describe()).orElse("none: raw scores"));
        root.put("persistence_minutes", bundle.persistence().toMinutes());
        root.put("horizon_hours", bundle.horizon().toHours());
        root.put("seeds", comparison.seeds());
        root.put("figures", figures(comparison.model(), comparison.modelReliability()));
        Map<String, Object> oracle = new LinkedHashMap<>();
        oracle.put("fitted_on_seeds", oracleSeeds);
        oracle.put("threshold", comparison.oracle().threshold());
        oracle.put("figures", figures(comparison.oracle(), comparison.oracleReliability()));
        oracle.put(
                "at_model_threshold",
                figures(comparison.oracleAtModelThreshold(), comparison.oracleReliability()));
        root.put("oracle", oracle);
        root.put("auc_gap_to_oracle", round(comparison.oracle().auc() - comparison.model().auc()));
        calibration.ifPresent(c -> root.put("calibration_check", c.json()));
        root.put(
                "abstentions",
                Map.of(
                        "element_hours", comparison.abstentions().elementHours(),
                        "abstained", comparison.abstentions().abstained()));
        badData.ifPresent(t -> root.put("bad_data", t.json()));
        return root;
    }

    private static Map<String, Object> figures(
            PredictorEvaluation e, List<PredictorEvaluation.ReliabilityBin> reliability) {
        Map<String, Object> m = new LinkedHashMap<>(e.figures());
        m.put("lead_time_p10_hours", round(percentile(e.leadTimesHours(), 0.1)));
        m.put("lead_times_hours", e.leadTimesHours().stream().map(ModelReport::round).toList());
        m.put("lead_time_histogram", histogram(e.leadTimesHours()));
        m.put("reliability", reliabilityJson(reliability));
        return m;
    }

    static List<Map<String, Object>> reliabilityJson(
            List<PredictorEvaluation.ReliabilityBin> reliability) {
        List<Map<String, Object>> bins = new ArrayList<>();
        for (PredictorEvaluation.ReliabilityBin b : reliability) {
            Map<String, Object> bin = new LinkedHashMap<>();
            bin.put("from", round(b.from()));
            bin.put("to", round(b.to()));
            bin.put("rows", b.rows());
            bin.put("mean_probability", round(b.meanProbability()));
            bin.put("observed_rate", round(b.observedRate()));
            bins.add(bin);
        }
        return bins;
    }

    /** Counts per {@link #LEAD_BIN_HOURS}-hour bin, from 0 to the longest lead. */
    static List<Map<String, Object>> histogram(List<Double> leads) {
        int max = (int) Math.ceil(leads.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        int bins = Math.max(1, (max + LEAD_BIN_HOURS) / LEAD_BIN_HOURS);
        int[] counts = new int[bins];
        for (double l : leads) {
            counts[Math.min(bins - 1, (int) (l / LEAD_BIN_HOURS))]++;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            Map<String, Object> bin = new LinkedHashMap<>();
            bin.put("from_hours", b * LEAD_BIN_HOURS);
            bin.put("to_hours", (b + 1) * LEAD_BIN_HOURS);
            bin.put("faults", counts[b]);
            out.add(bin);
        }
        return out;
    }

    /**
     * Writes {@code model-report.json}, {@code model-report.md} and {@code model-report.html} into
     * the folder.
     */
    public void write(Path out) throws IOException {
        Files.createDirectories(out);
        Files.writeString(
                out.resolve("model-report.json"),
                MAPPER.writeValueAsString(json()) + "\n",
                StandardCharsets.UTF_8);
        Files.writeString(out.resolve("model-report.md"), markdown(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("model-report.html"), html(), StandardCharsets.UTF_8);
    }

    /** A self-contained page: a table of figures and three inline SVG charts. */
    public String html() {
        PredictorEvaluation m = comparison.model();
        PredictorEvaluation o = comparison.oracle();
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Failure predictor vs oracle</title><style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:60em}")
                .append(
                        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .6em;text-align:right}")
                .append("td:first-child{text-align:left}svg{border:1px solid #ccc;margin:.5em}")
                .append("</style></head><body>\n");
        sb.append("<h1>Failure predictor vs oracle</h1>\n<p>Model <code>")
                .append(esc(bundle.version()))
                .append("</code>, ")
                .append(esc(servedText()))
                .append(", horizon ")
                .append(bundle.horizon().toHours())
                .append(" h, on ")
                .append(comparison.seeds().size())
                .append(" held-out runs (seeds ")
                .append(comparison.seeds().get(0))
                .append("&ndash;")
                .append(comparison.seeds().get(comparison.seeds().size() - 1))
                .append(
                        "). The oracle reads each element's noise-free latent degradation level and")
                .append(
                        " fault mode from the twin's ground truth, not the time to failure; it is fitted on seeds ")
                .append(
                        oracleSeeds.isEmpty()
                                ? "-"
                                : oracleSeeds.get(0)
                                        + "&ndash;"
                                        + oracleSeeds.get(oracleSeeds.size() - 1))
                .append(".</p>\n<table><tr><th></th>");
        for (String c : COLUMNS) {
            sb.append("<th>").append(esc(c)).append("</th>");
        }
        sb.append("</tr>\n");
        for (Figure f : FIGURES) {
            sb.append("<tr><td>").append(esc(f.name())).append("</td>");
            for (PredictorEvaluation e : columns()) {
                sb.append("<td>").append(esc(f.value().apply(e))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append(
                        "</table>\n<h2>Reliability</h2>\n<p>Mean predicted probability (x) against the observed")
                .append(
                        " share failing within the horizon (y), per tenth of probability; the diagonal is perfect calibration.</p>\n");
        sb.append(ModelReportCharts.reliabilitySvg("model", comparison.modelReliability()));
        sb.append(ModelReportCharts.reliabilitySvg("oracle", comparison.oracleReliability()));
        calibration.ifPresent(
                c -> {
                    sb.append("<h2>Calibration</h2>\n<p>Fitted on ")
                            .append(c.seeds().size())
                            .append(" calibration runs (from seed ")
                            .append(c.seeds().get(0))
                            .append(
                                    "), judged on the test rows; <em>raw</em> is the model's own score, <em>stored</em> the bundle's calibration.</p>\n<table><tr><th></th><th>Brier</th><th>AUC</th></tr>\n");
                    for (CalibrationCheck.Result r : allResults(c)) {
                        sb.append("<tr><td>")
                                .append(esc(r.name()))
                                .append("</td><td>")
                                .append(fmt4(r.brier()))
                                .append("</td><td>")
                                .append(fmt4(r.auc()))
                                .append("</td></tr>\n");
                    }
                    sb.append("</table>\n");
                    for (CalibrationCheck.Result r : allResults(c)) {
                        sb.append(
                                ModelReportCharts.reliabilitySvg(
                                        "model, " + r.name(), r.reliability()));
                    }
                });
        sb.append(
                        "<h2>Lead times</h2>\n<p>Faults by hours from the first alarm to the failure, in ")
                .append(LEAD_BIN_HOURS)
                .append(" h bins; the line marks 48 h.</p>\n");
        sb.append(ModelReportCharts.histogramSvg("model", m.leadTimesHours()));
        sb.append(ModelReportCharts.histogramSvg("oracle", o.leadTimesHours()));
        badData.ifPresent(
                t ->
                        sb.append("<h2>On streams with bad data</h2>\n<p>The same held-out runs,")
                                .append(" each bad-data kind laid over them in turn; abstentions")
                                .append(" are counted on the hourly rows.</p>\n")
                                .append(t.html()));
        sb.append("</body></html>\n");
        return sb.toString();
    }

    /** What the model serves and where it alarms, in one line. */
    private String servedText() {
        return bundle.calibration()
                .map(
                        c ->
                                String.format(
                                        Locale.ROOT,
                                        "probabilities calibrated (Platt, slope %.3f, intercept %.3f,"
                                                + " fitted on %d rows); alarms at raw score %.2f,"
                                                + " that is probability %.3f",
                                        c.slope(),
                                        c.intercept(),
                                        c.fittedRows(),
                                        bundle.threshold(),
                                        bundle.calibratedThreshold()))
                .orElse(
                        String.format(
                                Locale.ROOT,
                                "raw scores served (no calibration in the bundle); alarms at %.2f",
                                bundle.threshold()));
    }

    private static List<CalibrationCheck.Result> allResults(CalibrationCheck c) {
        List<CalibrationCheck.Result> all = new ArrayList<>();
        all.add(c.before());
        all.addAll(c.results());
        return all;
    }

    private static String reliabilityText(List<PredictorEvaluation.ReliabilityBin> bins) {
        StringBuilder sb = new StringBuilder();
        for (PredictorEvaluation.ReliabilityBin b : bins) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%.2f->%.3f(%d) ",
                            b.meanProbability(),
                            b.observedRate(),
                            b.rows()));
        }
        return sb.toString().trim();
    }

    static double percentile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int i = (int) Math.floor(q * (v.length - 1));
        return v[i];
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static String pct(int a, int b) {
        return b == 0 ? "" : String.format(Locale.ROOT, "(%.0f %%)", 100.0 * a / b);
    }

    private static String fmt0(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.0f", v) : "-";
    }

    private static String fmt1(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "-";
    }

    private static String fmt2(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "-";
    }

    private static String fmt4(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
    }

    static Double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 10_000.0) / 10_000.0 : null;
    }
}
