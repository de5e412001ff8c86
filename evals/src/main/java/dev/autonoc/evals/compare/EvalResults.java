package dev.autonoc.evals.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code report.json} read back: its runs of the planners asked for (not the baselines run only
 * for the capture ratio) and each planner's pass^1..pass^k.
 *
 * @param source the file it was read from
 */
public record EvalResults(Path source, List<Run> runs, Map<String, Map<Integer, Double>> passHat) {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    public EvalResults {
        Objects.requireNonNull(source, "source");
        runs = List.copyOf(runs);
        passHat = Map.copyOf(passHat);
    }

    /**
     * One run.
     *
     * @param metrics each numeric metric of the run; a metric that was null (nothing to measure,
     *     such as a time to detect with nothing detected) is absent
     * @param violations each broken expectation, one line each
     */
    public record Run(
            String scenario,
            String planner,
            long seed,
            boolean passed,
            Map<String, Double> metrics,
            List<String> violations) {
        public Run {
            Objects.requireNonNull(scenario, "scenario");
            Objects.requireNonNull(planner, "planner");
            metrics = Map.copyOf(metrics);
            violations = List.copyOf(violations);
        }
    }

    /**
     * Reads a report; {@code path} is the file, or the folder an eval wrote it into.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static EvalResults read(Path path) {
        Path file =
                Files.isDirectory(path)
                        ? path.resolve(dev.autonoc.evals.report.ReportWriter.JSON_FILE)
                        : path;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    Files.isDirectory(path)
                            ? path
                                    + " is a folder without a report.json; expected a report.json or the --out folder of an eval"
                            : "no such file "
                                    + path
                                    + "; expected a report.json written by autonoc eval");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file));
        } catch (JacksonException e) {
            String where =
                    e.getLocation() == null
                            ? ""
                            : " (at line "
                                    + e.getLocation().getLineNr()
                                    + ", column "
                                    + e.getLocation().getColumnNr()
                                    + ")";
            throw new IllegalArgumentException(
                    file
                            + " is not JSON"
                            + where
                            + "; expected a report.json written by autonoc eval");
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    file + " cannot be read: " + firstLine(e.getMessage()));
        }
        if (root == null
                || !root.isObject()
                || !root.path("runs").isArray()
                || !root.path("summary").isObject()) {
            throw new IllegalArgumentException(
                    file
                            + " is not an eval report; expected a report.json written by autonoc eval (an object with runs and summary)");
        }
        List<Run> runs = new ArrayList<>();
        int index = 0;
        for (JsonNode run : root.get("runs")) {
            runs.add(run(file, run, index++));
        }
        Map<String, Map<Integer, Double>> passHat = new LinkedHashMap<>();
        JsonNode planners = root.get("summary").path("planners");
        for (String planner : planners.propertyNames()) {
            Map<Integer, Double> curve = new LinkedHashMap<>();
            JsonNode p = planners.get(planner).path("pass_hat");
            for (String j : p.propertyNames()) {
                if (p.get(j).isNumber()) {
                    curve.put(Integer.parseInt(j), p.get(j).asDouble());
                }
            }
            if (curve.isEmpty() && planners.get(planner).path("pass_hat_k").isNumber()) {
                // a report from before pass^1..pass^k: its pass^k alone
                curve.put(
                        root.get("summary").path("seeds").asInt(1),
                        planners.get(planner).get("pass_hat_k").asDouble());
            }
            passHat.put(planner, curve);
        }
        return new EvalResults(file, runs, passHat);
    }

    private static Run run(Path file, JsonNode run, int index) {
        String where = file + ": runs[" + index + "]";
        if (!run.path("scenario").isString()
                || !run.path("planner").isString()
                || !run.path("seed").isNumber()
                || !run.path("passed").isBoolean()) {
            throw new IllegalArgumentException(
                    where
                            + " lacks scenario, planner, seed or passed; expected a report.json written by autonoc eval");
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        JsonNode m = run.path("metrics");
        if (m.isObject()) {
            for (String name : m.propertyNames()) {
                if (m.get(name).isNumber()) {
                    metrics.put(name, m.get(name).asDouble());
                }
            }
        }
        List<String> violations = new ArrayList<>();
        for (JsonNode v : run.path("violations")) {
            violations.add(
                    v.path("key").asString("?")
                            + ": expected "
                            + text(v.get("expected"))
                            + ", measured "
                            + text(v.get("measured")));
        }
        return new Run(
                run.get("scenario").asString(),
                run.get("planner").asString(),
                run.get("seed").asLong(),
                run.get("passed").asBoolean(),
                metrics,
                violations);
    }

    private static String text(JsonNode node) {
        return node == null ? "?" : node.isString() ? node.asString() : node.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The runs of one scenario and planner, by seed. */
    Map<Long, Run> group(String scenario, String planner) {
        Map<Long, Run> out = new TreeMap<>();
        for (Run r : runs) {
            if (r.scenario().equals(scenario) && r.planner().equals(planner)) {
                out.put(r.seed(), r);
            }
        }
        return out;
    }

    /** Each (scenario, planner) in report order. */
    List<List<String>> groups() {
        Set<List<String>> out = new LinkedHashSet<>();
        for (Run r : runs) {
            out.add(List.of(r.scenario(), r.planner()));
        }
        return List.copyOf(out);
    }

    Optional<Map<Integer, Double>> passHatOf(String planner) {
        return Optional.ofNullable(passHat.get(planner));
    }
}
