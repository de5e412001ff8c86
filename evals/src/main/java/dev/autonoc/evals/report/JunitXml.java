package dev.autonoc.evals.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.junit.xml}: the eval in the JUnit XML that CI servers read, so that any CI shows
 * the runs as tests. One test suite per planner asked for, one test case per scenario in it: it
 * passes when every seed passed; a seed that broke an expectation makes it a {@code failure}, a run
 * that stopped on an error an {@code error}. The baselines run only for the capture ratio are not
 * tests.
 */
public final class JunitXml {

    public static final String FILE = "report.junit.xml";

    private JunitXml() {}

    public static String xml(EvalReport report) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        int tests = 0;
        int failures = 0;
        int errors = 0;
        StringBuilder suites = new StringBuilder();
        for (String planner : report.planners()) {
            Map<String, List<RunReport>> byScenario = new LinkedHashMap<>();
            for (RunReport r : report.runs()) {
                if (r.planner().equals(planner)) {
                    byScenario.computeIfAbsent(r.scenario(), s -> new ArrayList<>()).add(r);
                }
            }
            int suiteFailures = 0;
            int suiteErrors = 0;
            double suiteTime = 0;
            StringBuilder cases = new StringBuilder();
            for (Map.Entry<String, List<RunReport>> e : byScenario.entrySet()) {
                List<RunReport> runs = e.getValue();
                double time = runs.stream().mapToDouble(RunReport::wallSeconds).sum();
                suiteTime += time;
                cases.append(
                        String.format(
                                Locale.ROOT,
                                "    <testcase classname=\"autonoc.eval.%s\" name=\"%s\" time=\"%.3f\">",
                                attr(planner),
                                attr(e.getKey()),
                                time));
                List<RunReport> errored = runs.stream().filter(r -> r.metrics().isEmpty()).toList();
                List<RunReport> failed =
                        runs.stream().filter(r -> !r.passed() && r.metrics().isPresent()).toList();
                if (!errored.isEmpty()) {
                    suiteErrors++;
                    cases.append("\n      <error message=\"")
                            .append(attr(seedsMessage(errored, runs, "stopped on an error")))
                            .append("\" type=\"run-error\">")
                            .append(text(details(errored)))
                            .append("</error>");
                } else if (!failed.isEmpty()) {
                    suiteFailures++;
                    cases.append("\n      <failure message=\"")
                            .append(attr(seedsMessage(failed, runs, "failed")))
                            .append("\" type=\"expectation\">")
                            .append(text(details(failed)))
                            .append("</failure>");
                }
                cases.append("\n      <system-out>")
                        .append(text(seedLines(runs)))
                        .append("</system-out>\n    </testcase>\n");
            }
            tests += byScenario.size();
            failures += suiteFailures;
            errors += suiteErrors;
            suites.append(
                    String.format(
                            Locale.ROOT,
                            "  <testsuite name=\"autonoc eval: %s\" tests=\"%d\" failures=\"%d\""
                                    + " errors=\"%d\" skipped=\"0\" time=\"%.3f\">%n",
                            attr(planner),
                            byScenario.size(),
                            suiteFailures,
                            suiteErrors,
                            suiteTime));
            suites.append(
                    String.format(
                            Locale.ROOT,
                            "    <properties><property name=\"seeds\" value=\"%d\"/></properties>%n",
                            report.seeds()));
            suites.append(cases).append("  </testsuite>\n");
        }
        xml.append(
                String.format(
                        Locale.ROOT,
                        "<testsuites name=\"autonoc eval\" tests=\"%d\" failures=\"%d\" errors=\"%d\""
                                + " time=\"%.3f\">%n",
                        tests,
                        failures,
                        errors,
                        report.wallSeconds()));
        return xml.append(suites).append("</testsuites>\n").toString();
    }

    private static String seedsMessage(List<RunReport> bad, List<RunReport> all, String what) {
        return bad.size()
                + " of "
                + all.size()
                + " seeds "
                + what
                + ": seed"
                + (bad.size() == 1 ? " " : "s ")
                + String.join(", ", bad.stream().map(r -> Long.toString(r.seed())).toList());
    }

    private static String details(List<RunReport> runs) {
        StringBuilder out = new StringBuilder();
        for (RunReport r : runs) {
            out.append("seed ").append(r.seed()).append(":\n");
            for (Violation v : r.violations()) {
                out.append("  ").append(v.describe()).append('\n');
            }
        }
        return out.toString();
    }

    private static String seedLines(List<RunReport> runs) {
        StringBuilder out = new StringBuilder();
        for (RunReport r : runs) {
            out.append("seed ").append(r.seed()).append(r.passed() ? " passed" : " FAILED");
            r.metrics()
                    .ifPresent(
                            m ->
                                    out.append(
                                            String.format(
                                                    Locale.ROOT,
                                                    ": failures %d, impact %.2f customer-minutes,"
                                                            + " ops %.2f GBP, act calls %d",
                                                    m.failures(),
                                                    m.customerImpactMinutes(),
                                                    m.opsCostGbp(),
                                                    m.toolCalls())));
            out.append('\n');
        }
        return out.toString();
    }

    /** Text in an attribute: markup escaped, and no characters XML 1.0 forbids. */
    private static String attr(String s) {
        return Html.escape(legal(s)).replace("\n", "&#10;");
    }

    private static String text(String s) {
        return Html.escape(legal(s));
    }

    private static String legal(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints()
                .forEach(
                        c -> {
                            boolean ok =
                                    c == 0x9
                                            || c == 0xA
                                            || c == 0xD
                                            || (c >= 0x20 && c <= 0xD7FF)
                                            || (c >= 0xE000 && c <= 0xFFFD)
                                            || (c >= 0x10000 && c <= 0x10FFFF);
                            out.appendCodePoint(ok ? c : '?');
                        });
        return out.toString();
    }
}
