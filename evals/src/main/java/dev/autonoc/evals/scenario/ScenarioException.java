package dev.autonoc.evals.scenario;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Scenario files that are refused, with every problem found in them: each problem names the file,
 * the line where the YAML parser gives one, the key's path ({@code faults[0].mode}) and what is
 * accepted. One refusal may span several files, so that a whole folder is fixed in one go.
 */
public final class ScenarioException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public ScenarioException(List<Problem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** The files refused, in the order their problems were found. */
    public Set<Path> files() {
        return problems.stream()
                .map(Problem::file)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public List<Problem> problems() {
        return problems;
    }

    /**
     * One thing wrong with a file.
     *
     * @param path the key's path from the document's root ({@code faults[0].mode}); empty for the
     *     whole file
     * @param line the 1-based line, or 0 when there is none
     * @param reason what is wrong and what is accepted
     */
    public record Problem(Path file, String path, int line, String reason) {
        public Problem {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(reason, "reason");
        }

        /** {@code file.yaml:12: faults[0].mode: unknown failure mode ...}. */
        public String describe() {
            StringBuilder b = new StringBuilder(file.toString());
            if (line > 0) {
                b.append(':').append(line);
            }
            b.append(": ");
            if (!path.isEmpty()) {
                b.append(path).append(": ");
            }
            return b.append(reason).toString();
        }
    }

    private static String message(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a refusal names at least one problem");
        }
        long files = problems.stream().map(Problem::file).distinct().count();
        String head =
                (files == 1 ? "scenario file " + problems.get(0).file() : files + " scenario files")
                        + " refused ("
                        + problems.size()
                        + (problems.size() == 1 ? " problem" : " problems")
                        + "):";
        return head
                + problems.stream().map(p -> "\n  " + p.describe()).collect(Collectors.joining());
    }
}
