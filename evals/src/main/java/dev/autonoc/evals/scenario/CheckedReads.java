package dev.autonoc.evals.scenario;

import dev.autonoc.core.prediction.Part;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.evals.scenario.ScenarioException.Problem;
import dev.autonoc.evals.scenario.YamlNode.Field;
import dev.autonoc.evals.scenario.YamlNode.Mapping;
import dev.autonoc.evals.scenario.YamlNode.Scalar;
import dev.autonoc.evals.scenario.YamlNode.Sequence;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.BiFunction;

/**
 * The checked reads every section of a scenario file shares: a value of the expected shape (text, a
 * whole number or a number in range, a duration, one of a closed set), a mapping's keys (required,
 * optional, none unknown), each with the message that names what is accepted. A read that fails
 * records a {@link Problem} and answers empty, so that the file's other problems are still found.
 * One instance per file.
 */
final class CheckedReads {

    static final String DURATION_FORMS = "an ISO-8601 duration such as PT5M, PT12H, P3D or P2DT6H";

    private final Path file;
    private final List<Problem> problems = new ArrayList<>();

    CheckedReads(Path file) {
        this.file = file;
    }

    /** The scenario file read, which names it in problems and anchors relative paths. */
    Path file() {
        return file;
    }

    /** The problems found so far, in the order they were found. */
    List<Problem> problems() {
        return problems;
    }

    Optional<String> tool(YamlNode node, String path) {
        return oneOf(node, path, "tool", ToolNames.ALL);
    }

    Optional<String> region(YamlNode node, String path) {
        return oneOf(node, path, "region", ElementIndex.REGIONS);
    }

    Optional<Part> part(YamlNode node, String path) {
        return choice(
                node,
                path,
                "part",
                Arrays.stream(Part.values()).map(Part::code).toList(),
                Part::fromCode);
    }

    /**
     * The text of a required key that must be one of {@code accepted}; a missing key's message
     * lists them.
     */
    Optional<String> requiredOneOf(
            Mapping m, String path, String key, String what, List<String> accepted) {
        return required(m, path, key, String.join(" | ", accepted))
                .flatMap(f -> oneOf(f.value(), child(path, key), what, accepted));
    }

    /** A text value that must be one of {@code accepted}, taken as it is. */
    Optional<String> oneOf(YamlNode node, String path, String what, List<String> accepted) {
        return choice(node, path, what, accepted, t -> Optional.of(t).filter(accepted::contains));
    }

    /** A text value that must be one of {@code accepted}; the message lists them. */
    <T> Optional<T> choice(
            YamlNode node,
            String path,
            String what,
            List<String> accepted,
            java.util.function.Function<String, Optional<T>> lookup) {
        if (!(node instanceof Scalar s) || !(s.value() instanceof String text)) {
            problem(
                    path,
                    node.line(),
                    "expected a "
                            + what
                            + " ("
                            + String.join(" | ", accepted)
                            + "); got "
                            + node.describe());
            return Optional.empty();
        }
        Optional<T> found = lookup.apply(text);
        if (found.isEmpty()) {
            problem(
                    path,
                    node.line(),
                    "unknown "
                            + what
                            + " '"
                            + text
                            + "'; accepted: "
                            + String.join(", ", accepted));
        }
        return found;
    }

    Optional<String> text(Field field, String path) {
        return text(field.value(), path);
    }

    Optional<String> text(YamlNode node, String path) {
        if (node instanceof Scalar s && s.value() instanceof String text) {
            if (text.isBlank()) {
                problem(path, node.line(), "is empty; expected text");
                return Optional.empty();
            }
            return Optional.of(text);
        }
        problem(path, node.line(), "expected text; got " + node.describe());
        return Optional.empty();
    }

    OptionalLong integer(YamlNode node, String path, long min, long max) {
        if (!(node instanceof Scalar s) || !(s.value() instanceof Long n)) {
            problem(
                    path,
                    node.line(),
                    "expected a whole number" + range(min, max) + "; got " + node.describe());
            return OptionalLong.empty();
        }
        if (n < min || n > max) {
            problem(path, node.line(), "expected a whole number" + range(min, max) + "; got " + n);
            return OptionalLong.empty();
        }
        return OptionalLong.of(n);
    }

    private static String range(long min, long max) {
        if (min == Long.MIN_VALUE) {
            return "";
        }
        if (max >= Integer.MAX_VALUE) {
            return " >= " + min;
        }
        return " from " + min + " to " + max;
    }

    static OptionalInt toInt(OptionalLong value) {
        return value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
    }

    OptionalInt intKey(Mapping m, String parent, String key, int min, int max) {
        return optional(m, key)
                .map(f -> toInt(integer(f.value(), parent + "." + key, min, max)))
                .orElse(OptionalInt.empty());
    }

    OptionalDouble numberKey(Mapping m, String parent, String key) {
        return optional(m, key)
                .map(f -> number(f.value(), parent + "." + key, 0, Double.MAX_VALUE))
                .orElse(OptionalDouble.empty());
    }

    OptionalDouble number(YamlNode node, String path, double min, double max) {
        String accepted =
                max == Double.MAX_VALUE
                        ? "a number >= " + fmt(min)
                        : "a number from " + fmt(min) + " to " + fmt(max);
        double value;
        if (node instanceof Scalar s && s.value() instanceof Long n) {
            value = n;
        } else if (node instanceof Scalar s && s.value() instanceof Double d) {
            value = d;
        } else {
            problem(path, node.line(), "expected " + accepted + "; got " + node.describe());
            return OptionalDouble.empty();
        }
        if (!(value >= min && value <= max)) {
            problem(path, node.line(), "expected " + accepted + "; got " + fmt(value));
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(value);
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15
                ? Long.toString((long) d)
                : Double.toString(d);
    }

    Optional<Duration> duration(YamlNode node, String path, boolean zeroAllowed) {
        String accepted = (zeroAllowed ? "" : "a positive duration, ") + DURATION_FORMS;
        if (!(node instanceof Scalar s) || !(s.value() instanceof String text)) {
            problem(path, node.line(), "expected " + accepted + "; got " + node.describe());
            return Optional.empty();
        }
        Duration d;
        try {
            d = Duration.parse(text);
        } catch (DateTimeParseException e) {
            String hint =
                    text.matches("(?i)P\\d+[WMY].*")
                            ? " (weeks, months and years are not durations here: write days, P14D)"
                            : "";
            problem(path, node.line(), "'" + text + "' is not " + DURATION_FORMS + hint);
            return Optional.empty();
        }
        if (d.isNegative() || (!zeroAllowed && d.isZero())) {
            problem(
                    path,
                    node.line(),
                    "'"
                            + text
                            + "' is not allowed; expected "
                            + (zeroAllowed ? "a duration >= 0" : "a duration > 0"));
            return Optional.empty();
        }
        return Optional.of(d);
    }

    /**
     * Reads each item of the list at {@code path} ({@code faults}) that is a mapping with {@code
     * item}, given the item's path ({@code faults[2]}); an item that is not a mapping is reported,
     * and so is a node that is not a list. Keeps what {@code item} reads, in list order.
     */
    <T> List<T> mappings(
            YamlNode node, String path, BiFunction<String, Mapping, Optional<? extends T>> item) {
        List<T> result = new ArrayList<>();
        List<YamlNode> items = list(node, path);
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path + "[" + i + "]";
            mapping(items.get(i), itemPath)
                    .flatMap(m -> item.apply(itemPath, m))
                    .ifPresent(result::add);
        }
        return result;
    }

    List<YamlNode> list(YamlNode node, String path) {
        if (node instanceof Sequence s) {
            return s.items();
        }
        problem(path, node.line(), "expected a list; got " + node.describe());
        return List.of();
    }

    Optional<Mapping> mapping(YamlNode node, String path) {
        if (node instanceof Mapping m) {
            return Optional.of(m);
        }
        problem(path, node.line(), "expected a mapping (key: value lines); got " + node.describe());
        return Optional.empty();
    }

    // ---- keys

    void onlyKeys(Mapping m, String path, List<String> accepted) {
        onlyKeys(m, path, accepted, null);
    }

    void onlyKeys(Mapping m, String path, List<String> accepted, String forKind) {
        for (Field f : m.fields().values()) {
            if (!accepted.contains(f.key())) {
                problem(
                        child(path, f.key()),
                        f.line(),
                        "unknown key '"
                                + f.key()
                                + "'"
                                + (forKind == null ? "" : " for a " + forKind)
                                + "; accepted: "
                                + String.join(", ", accepted));
            }
        }
    }

    Optional<Field> required(Mapping m, String path, String key, String what) {
        Field f = m.fields().get(key);
        if (f == null) {
            problem(child(path, key), m.line(), "missing required key; expected " + what);
            return Optional.empty();
        }
        return Optional.of(f);
    }

    static Optional<Field> optional(Mapping m, String key) {
        return Optional.ofNullable(m.fields().get(key));
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void problem(String path, int line, String reason) {
        problems.add(new Problem(file, path, line, reason));
    }
}
