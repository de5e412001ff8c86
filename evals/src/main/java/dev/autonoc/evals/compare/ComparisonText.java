package dev.autonoc.evals.compare;

import dev.autonoc.evals.compare.Comparison.Difference;
import dev.autonoc.evals.compare.Comparison.Group;
import dev.autonoc.evals.compare.Comparison.PassChange;
import dev.autonoc.evals.compare.Comparison.SeedValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** A comparison as Markdown for people and as JSON for tools. */
public final class ComparisonText {

    public static final String MARKDOWN_FILE = "compare.md";
    public static final String JSON_FILE = "compare.json";

    private static final JsonMapper MAPPER =
            JsonMapper.builder()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .defaultPrettyPrinter(
                            new DefaultPrettyPrinter()
                                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                                    .withArrayIndenter(new DefaultIndenter("  ", "\n")))
                    .build();

    private ComparisonText() {}

    public static String markdown(Comparison c) {
        StringBuilder md = new StringBuilder("# autonoc eval compare\n\n");
        md.append("BASE `")
                .append(c.base().source())
                .append("` (")
                .append(c.base().runs().size())
                .append(" runs) against NEW `")
                .append(c.next().source())
                .append("` (")
                .append(c.next().runs().size())
                .append(" runs).\n\n");
        md.append("**").append(verdictLine(c)).append("**\n\n");
        md.append(
                "A metric is compared per scenario and planner on its mean over the seeds; *beyond"
                        + " the spread* means even the best seed of the worse side is worse than the"
                        + " worst seed of the other. A regression is a run that passed in BASE and"
                        + " fails in NEW (same scenario, planner and seed), or a gated metric ("
                        + String.join(", ", ordered(c.gates()))
                        + ") worse beyond the spread.\n\n");
        passHat(md, c);
        List<PassChange> broke = c.passChanges().stream().filter(p -> !p.nowPasses()).toList();
        List<PassChange> mended = c.passChanges().stream().filter(PassChange::nowPasses).toList();
        if (!broke.isEmpty()) {
            md.append("## Runs that passed in BASE and fail in NEW\n\n");
            for (PassChange p : broke) {
                md.append("- **")
                        .append(p.scenario())
                        .append("** ")
                        .append(p.planner())
                        .append(" seed ")
                        .append(p.seed())
                        .append(": ")
                        .append(escape(String.join("; ", p.violations())))
                        .append('\n');
            }
            md.append('\n');
        }
        if (!mended.isEmpty()) {
            md.append("## Runs that failed in BASE and pass in NEW\n\n");
            for (PassChange p : mended) {
                md.append("- **")
                        .append(p.scenario())
                        .append("** ")
                        .append(p.planner())
                        .append(" seed ")
                        .append(p.seed())
                        .append(" (was: ")
                        .append(escape(String.join("; ", p.violations())))
                        .append(")\n");
            }
            md.append('\n');
        }
        table(md, "Worse", c.differences().stream().filter(Difference::worse).toList());
        table(md, "Better", c.differences().stream().filter(d -> !d.worse()).toList());
        groups(md, "Only in BASE (not run in NEW)", c.onlyInBase());
        groups(md, "Only in NEW (not run in BASE)", c.onlyInNew());
        if (c.verdict() == Comparison.Verdict.EQUAL) {
            md.append("Every scenario, planner and seed ran in both with the same results.\n");
        }
        return md.toString();
    }

    private static String verdictLine(Comparison c) {
        return switch (c.verdict()) {
            case REGRESSION ->
                    "Verdict: regression — "
                            + c.regressions()
                            + " regression"
                            + (c.regressions() == 1 ? "" : "s")
                            + ", "
                            + c.improvements()
                            + " improvement"
                            + (c.improvements() == 1 ? "" : "s")
                            + " beyond the spread.";
            case CHANGED ->
                    "Verdict: changed, no regression — "
                            + c.differences().size()
                            + " metric move"
                            + (c.differences().size() == 1 ? "" : "s")
                            + ", "
                            + c.improvements()
                            + " improvement"
                            + (c.improvements() == 1 ? "" : "s")
                            + " beyond the spread.";
            case EQUAL -> "Verdict: equal.";
        };
    }

    private static void passHat(StringBuilder md, Comparison c) {
        Set<String> planners = new LinkedHashSet<>(c.base().passHat().keySet());
        planners.addAll(c.next().passHat().keySet());
        if (planners.isEmpty()) {
            return;
        }
        int k = 0;
        for (String p : planners) {
            k =
                    Math.max(
                            k,
                            c.base()
                                    .passHatOf(p)
                                    .map(m -> m.keySet().stream().mapToInt(i -> i).max().orElse(0))
                                    .orElse(0));
            k =
                    Math.max(
                            k,
                            c.next()
                                    .passHatOf(p)
                                    .map(m -> m.keySet().stream().mapToInt(i -> i).max().orElse(0))
                                    .orElse(0));
        }
        md.append("## pass^k by planner (BASE → NEW)\n\n| planner |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (int j = 1; j <= k; j++) {
            md.append(" pass^").append(j).append(" |");
            rule.append(" :---: |");
        }
        md.append('\n').append(rule).append('\n');
        for (String p : planners) {
            md.append("| ").append(p).append(" |");
            for (int j = 1; j <= k; j++) {
                Integer at = j;
                Double was = c.base().passHatOf(p).map(m -> m.get(at)).orElse(null);
                Double now = c.next().passHatOf(p).map(m -> m.get(at)).orElse(null);
                md.append(' ').append(ratio(was)).append(" → ").append(ratio(now)).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static void table(StringBuilder md, String title, List<Difference> rows) {
        if (rows.isEmpty()) {
            return;
        }
        md.append("## ").append(title).append("\n\n");
        md.append(
                "| scenario | planner | metric | BASE mean [min–max] | NEW mean [min–max] | Δ |"
                        + " beyond the seeds' spread | regression | seeds behind it (BASE → NEW) |\n");
        md.append("| --- | --- | --- | ---: | ---: | ---: | :---: | :---: | --- |\n");
        for (Difference d : rows) {
            md.append("| ")
                    .append(escape(d.scenario()))
                    .append(" | ")
                    .append(escape(d.planner()))
                    .append(" | ")
                    .append(d.metric())
                    .append(" | ")
                    .append(number(d.baseMean()))
                    .append(" [")
                    .append(number(d.baseRange().min()))
                    .append("–")
                    .append(number(d.baseRange().max()))
                    .append("] | ")
                    .append(number(d.newMean()))
                    .append(" [")
                    .append(number(d.newRange().min()))
                    .append("–")
                    .append(number(d.newRange().max()))
                    .append("] | ")
                    .append(signed(d.newMean() - d.baseMean()))
                    .append(" | ")
                    .append(d.beyondSpread() ? "yes" : "no")
                    .append(" | ")
                    .append(d.regression() ? "**yes**" : d.gated() ? "no" : "not gated")
                    .append(" | ")
                    .append(seeds(d.seeds()))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void groups(StringBuilder md, String title, List<Group> groups) {
        if (groups.isEmpty()) {
            return;
        }
        md.append("## ").append(title).append("\n\n");
        for (Group g : groups) {
            md.append("- ").append(g.scenario()).append(" (").append(g.planner()).append(")\n");
        }
        md.append('\n');
    }

    private static String seeds(List<SeedValue> seeds) {
        List<String> parts = new ArrayList<>();
        for (SeedValue s : seeds) {
            parts.add(s.seed() + ": " + optional(s.base()) + " → " + optional(s.next()));
        }
        return escape(String.join(", ", parts));
    }

    /** The JSON tree of {@code compare.json}. */
    public static Map<String, Object> tree(Comparison c) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("base", c.base().source().toString());
        root.put("new", c.next().source().toString());
        root.put("verdict", c.verdict().name().toLowerCase(Locale.ROOT));
        root.put("regressions", c.regressions());
        root.put("improvements", c.improvements());
        root.put("gates", ordered(c.gates()));
        Map<String, Object> passHat = new LinkedHashMap<>();
        Set<String> planners = new LinkedHashSet<>(c.base().passHat().keySet());
        planners.addAll(c.next().passHat().keySet());
        for (String p : planners) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("base", curve(c.base().passHatOf(p).orElse(Map.of())));
            one.put("new", curve(c.next().passHatOf(p).orElse(Map.of())));
            passHat.put(p, one);
        }
        root.put("pass_hat", passHat);
        List<Object> changes = new ArrayList<>();
        for (PassChange p : c.passChanges()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scenario", p.scenario());
            m.put("planner", p.planner());
            m.put("seed", p.seed());
            m.put("base_passed", !p.nowPasses());
            m.put("new_passed", p.nowPasses());
            m.put("regression", !p.nowPasses());
            m.put("violations", p.violations());
            changes.add(m);
        }
        root.put("pass_changes", changes);
        List<Object> differences = new ArrayList<>();
        for (Difference d : c.differences()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scenario", d.scenario());
            m.put("planner", d.planner());
            m.put("metric", d.metric());
            m.put("direction", d.worse() ? "worse" : "better");
            m.put("base_mean", round(d.baseMean()));
            m.put("new_mean", round(d.newMean()));
            m.put("delta", round(d.newMean() - d.baseMean()));
            m.put("base_range", List.of(round(d.baseRange().min()), round(d.baseRange().max())));
            m.put("new_range", List.of(round(d.newRange().min()), round(d.newRange().max())));
            m.put("beyond_spread", d.beyondSpread());
            m.put("gated", d.gated());
            m.put("regression", d.regression());
            List<Object> seeds = new ArrayList<>();
            for (SeedValue s : d.seeds()) {
                Map<String, Object> sv = new LinkedHashMap<>();
                sv.put("seed", s.seed());
                sv.put("base", s.base().isPresent() ? round(s.base().getAsDouble()) : null);
                sv.put("new", s.next().isPresent() ? round(s.next().getAsDouble()) : null);
                seeds.add(sv);
            }
            m.put("seeds", seeds);
            differences.add(m);
        }
        root.put("differences", differences);
        root.put("only_in_base", groupsJson(c.onlyInBase()));
        root.put("only_in_new", groupsJson(c.onlyInNew()));
        return root;
    }

    public static String json(Comparison c) {
        return MAPPER.writeValueAsString(tree(c)) + "\n";
    }

    private static List<Object> groupsJson(List<Group> groups) {
        List<Object> out = new ArrayList<>();
        for (Group g : groups) {
            out.add(Map.of("scenario", g.scenario(), "planner", g.planner()));
        }
        return out;
    }

    private static Map<String, Object> curve(Map<Integer, Double> curve) {
        Map<String, Object> out = new LinkedHashMap<>();
        curve.keySet().stream().sorted().forEach(j -> out.put(Integer.toString(j), curve.get(j)));
        return out;
    }

    /** The gates in the order of the metrics. */
    private static List<String> ordered(Set<String> gates) {
        return MetricRule.keys().stream().filter(gates::contains).toList();
    }

    private static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    private static String ratio(Double v) {
        return v == null ? "—" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String optional(OptionalDouble v) {
        return v.isPresent() ? number(v.getAsDouble()) : "—";
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String signed(double v) {
        return (v > 0 ? "+" : "") + number(v);
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|").replace("\n", " ");
    }
}
