package dev.autonoc.evals.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The predictor's figures on the clean held-out streams and on each bad-data variant of them
 * ({@link BadDataStream}), side by side: the part of {@code model evaluate}'s report that says what
 * bad data costs, as text, Markdown, HTML and JSON.
 *
 * @param rows the clean row first, then one per variant run
 */
public record BadDataTable(List<BadDataStream.Row> rows) {

    private static final List<String> HEADERS =
            List.of(
                    "streams",
                    "AUC",
                    "false alarms / 10,000 healthy element-days",
                    "abstentions (element-hours)",
                    "abstained share",
                    "faults warned");

    public BadDataTable {
        rows = List.copyOf(rows);
    }

    private static List<String> cells(BadDataStream.Row r) {
        return List.of(
                r.variant(),
                fmt(r.figures().auc(), "%.4f"),
                fmt(r.figures().falseAlarmsPer10kElementDays(), "%.2f")
                        + " ("
                        + r.figures().falseAlarms()
                        + ")",
                Long.toString(r.abstentions().abstained()),
                r.abstainedPercent(),
                r.figures().faultsWarned() + "/" + r.figures().faults());
    }

    /** Fixed-width lines for the terminal. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("on streams with bad data (the same runs, each kind laid over them):")
                .append(System.lineSeparator());
        String format = "  %-14s %7s %26s %14s %10s %8s%n";
        sb.append(
                String.format(
                        Locale.ROOT,
                        format,
                        "streams",
                        "AUC",
                        "false alarms/10k el-days",
                        "abstentions",
                        "share",
                        "warned"));
        for (BadDataStream.Row r : rows) {
            sb.append(String.format(Locale.ROOT, format, cells(r).toArray()));
        }
        return sb.toString();
    }

    /** A Markdown table, then what each variant laid over the runs. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", HEADERS)).append(" |\n");
        sb.append("|").append(" --- |".repeat(HEADERS.size())).append("\n");
        for (BadDataStream.Row r : rows) {
            sb.append("| ").append(String.join(" | ", cells(r))).append(" |\n");
        }
        sb.append("\n");
        for (BadDataStream.Row r : rows) {
            sb.append("- `").append(r.variant()).append("`: ").append(r.drawn()).append("\n");
        }
        for (String n : BadDataStream.NOT_APPLICABLE) {
            sb.append("- no variant for ").append(n).append("\n");
        }
        return sb.toString();
    }

    /** An HTML table with the same cells. */
    public String html() {
        StringBuilder sb = new StringBuilder("<table><tr>");
        for (String h : HEADERS) {
            sb.append("<th>").append(Html.esc(h)).append("</th>");
        }
        sb.append("</tr>\n");
        for (BadDataStream.Row r : rows) {
            sb.append("<tr>");
            List<String> cells = cells(r);
            for (int i = 0; i < cells.size(); i++) {
                sb.append("<td>");
                if (i == 0) {
                    sb.append("<span title=\"")
                            .append(Html.esc(r.drawn()))
                            .append("\">")
                            .append(Html.esc(cells.get(i)))
                            .append("</span>");
                } else {
                    sb.append(Html.esc(cells.get(i)));
                }
                sb.append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</table>\n<ul>");
        for (BadDataStream.Row r : rows) {
            sb.append("<li><code>")
                    .append(Html.esc(r.variant()))
                    .append("</code>: ")
                    .append(Html.esc(r.drawn()))
                    .append("</li>");
        }
        for (String n : BadDataStream.NOT_APPLICABLE) {
            sb.append("<li>no variant for ").append(Html.esc(n)).append("</li>");
        }
        sb.append("</ul>\n");
        return sb.toString();
    }

    /** The rows as JSON, with the kinds that have no variant. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.json()));
        m.put("rows", out);
        m.put("not_applicable", BadDataStream.NOT_APPLICABLE);
        return m;
    }

    private static String fmt(double v, String format) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "-";
    }

    /** HTML escaping, as the report's own. */
    static final class Html {
        private Html() {}

        static String esc(String s) {
            return s.replace("&", "&amp;")
                    .replace("<", "&lt;")
                    .replace(">", "&gt;")
                    .replace("\"", "&quot;");
        }
    }
}
