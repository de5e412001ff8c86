package dev.autonoc.evals.scenario;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.evals.scenario.ScenarioException.Problem;
import dev.autonoc.simulators.ElementSelector;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads scenario files. Every file is checked whole before anything runs; a refusal lists every
 * problem of every file.
 */
public final class ScenarioLoader {

    private ScenarioLoader() {}

    /**
     * Reads one file.
     *
     * @throws ScenarioException naming each problem: file, line, key path, what is accepted
     */
    public static Scenario load(Path file) {
        return ScenarioParser.parse(file, read(file));
    }

    /**
     * Reads a file already in memory; {@code file} names it in messages and anchors a relative
     * policy path.
     */
    public static Scenario parse(Path file, String text) {
        return ScenarioParser.parse(file, text);
    }

    /**
     * Reads every {@code *.yaml} and {@code *.yml} file of a folder (not its subfolders), in name
     * order.
     *
     * @throws ScenarioException with the problems of every refused file, and ids used twice
     */
    public static List<Scenario> loadAll(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ScenarioException(
                    List.of(
                            new Problem(
                                    dir,
                                    "",
                                    0,
                                    "not a folder; expected a folder of *.yaml scenario files")));
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files =
                    listing.filter(Files::isRegularFile)
                            .filter(p -> isScenarioFile(p.getFileName().toString()))
                            .sorted()
                            .toList();
        } catch (IOException e) {
            throw new ScenarioException(
                    List.of(new Problem(dir, "", 0, "cannot list the folder: " + e.getMessage())));
        }
        if (files.isEmpty()) {
            throw new ScenarioException(
                    List.of(
                            new Problem(
                                    dir,
                                    "",
                                    0,
                                    "holds no scenario files; expected *.yaml or *.yml files")));
        }
        return loadFiles(files);
    }

    /**
     * Reads several files and folders (as a command line names them), checking that ids are unique
     * across all of them.
     */
    public static List<Scenario> loadPaths(List<Path> paths) {
        List<Scenario> scenarios = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path path : paths) {
            try {
                if (Files.isDirectory(path)) {
                    scenarios.addAll(loadAll(path));
                } else {
                    scenarios.add(load(path));
                }
            } catch (ScenarioException e) {
                problems.addAll(e.problems());
            }
        }
        problems.addAll(duplicateIds(scenarios));
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        // a file named twice (itself and through its folder) runs once
        Map<Path, Scenario> unique = new java.util.LinkedHashMap<>();
        scenarios.forEach(sc -> unique.putIfAbsent(sc.source().toAbsolutePath().normalize(), sc));
        return List.copyOf(unique.values());
    }

    /**
     * Checks that every element a scenario names by id exists in the network of each of the {@code
     * k} seeds it will run with: the topology is a function of (preset, sites, seed), and {@link
     * #load} checks the base seed only.
     *
     * @throws ScenarioException naming the scenario, the key and the seed whose network lacks the
     *     element
     */
    public static void checkSeeds(List<Scenario> scenarios, int k) {
        List<Problem> problems = new ArrayList<>();
        for (Scenario s : scenarios) {
            for (int i = 1; i < k; i++) {
                long seed = s.seed(i);
                ElementIndex index;
                try {
                    index = ElementIndex.of(s.network().preset(), s.network().sites(), seed);
                } catch (IllegalArgumentException e) {
                    problems.add(
                            new Problem(
                                    s.source(),
                                    "network",
                                    0,
                                    "seed " + seed + ": " + e.getMessage()));
                    continue;
                }
                for (int f = 0; f < s.faults().size(); f++) {
                    if (s.faults().get(f).target() instanceof ElementSelector.ById byId
                            && index.kindOf(byId.id().value()).isEmpty()) {
                        problems.add(
                                new Problem(
                                        s.source(),
                                        "faults[" + f + "].element",
                                        0,
                                        "with seed "
                                                + seed
                                                + ": "
                                                + index.unknown(byId.id().value())));
                    }
                }
                List<ElementId> prevented = s.expect().failuresPrevented();
                for (int e = 0; e < prevented.size(); e++) {
                    if (index.kindOf(prevented.get(e).value()).isEmpty()) {
                        problems.add(
                                new Problem(
                                        s.source(),
                                        "expect.failures_prevented[" + e + "]",
                                        0,
                                        "with seed "
                                                + seed
                                                + ": "
                                                + index.unknown(prevented.get(e).value())));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
    }

    static boolean isScenarioFile(String name) {
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static List<Scenario> loadFiles(List<Path> files) {
        List<Scenario> scenarios = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                scenarios.add(load(file));
            } catch (ScenarioException e) {
                problems.addAll(e.problems());
            }
        }
        problems.addAll(duplicateIds(scenarios));
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return scenarios;
    }

    private static List<Problem> duplicateIds(List<Scenario> scenarios) {
        Map<String, Path> first = new HashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (Scenario s : scenarios) {
            Path earlier = first.putIfAbsent(s.id(), s.source());
            if (earlier != null
                    && !earlier.toAbsolutePath()
                            .normalize()
                            .equals(s.source().toAbsolutePath().normalize())) {
                problems.add(
                        new Problem(
                                s.source(),
                                "id",
                                0,
                                "the id '"
                                        + s.id()
                                        + "' is also the id of "
                                        + earlier
                                        + "; ids are unique"));
            }
        }
        return problems;
    }

    private static String read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ScenarioException(List.of(new Problem(file, "", 0, "no such file")));
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ScenarioException(List.of(new Problem(file, "", 0, "is not UTF-8 text")));
        } catch (IOException e) {
            throw new ScenarioException(
                    List.of(new Problem(file, "", 0, "cannot be read: " + e.getMessage())));
        }
    }
}
