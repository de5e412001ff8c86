package dev.autonoc.policy.yaml;

import java.math.BigInteger;
import java.util.Iterator;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One YAML document composed by SnakeYAML Engine, whose nodes keep their start marks, with the
 * engine's errors given as a line and a reason that names line and column.
 */
public final class MarkedYaml {

    /**
     * Text that is not one YAML document, or a node no hand-written file should hold.
     *
     * <p>{@link #line()} is the 1-based line to name, 0 when the engine gave none; the message is
     * the reason without the line, e.g. {@code "not valid YAML: mapping values are not allowed here
     * at line 2, column 4"}.
     */
    public static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        Problem(String reason, int line) {
            super(reason);
            this.line = line;
        }

        /** The 1-based line, or 0 when the engine could not tell. */
        public int line() {
            return line;
        }
    }

    private MarkedYaml() {}

    /**
     * The one document of {@code text}, or empty when the text holds none (nothing, or only
     * comments).
     *
     * @param oneDocument what holds exactly one document, for the refusal of a second ("a policy
     *     file")
     * @throws Problem on a syntax error, or a second document (named at its first node)
     */
    public static Optional<Node> document(String text, String oneDocument) throws Problem {
        // non-scalar keys pass the composer so that key(...) refuses them with their line
        LoadSettings settings = LoadSettings.builder().setAllowNonScalarKeys(true).build();
        try {
            Iterator<Node> documents = new Compose(settings).composeAllFromString(text).iterator();
            if (!documents.hasNext()) {
                return Optional.empty();
            }
            Node root = documents.next();
            if (documents.hasNext()) {
                throw new Problem(
                        "a second YAML document starts here; " + oneDocument + " holds exactly one",
                        line(documents.next()));
            }
            return Optional.of(root);
        } catch (MarkedYamlEngineException e) {
            throw new Problem("not valid YAML: " + reason(e), line(e, text));
        } catch (YamlEngineException e) {
            // unmarked: one of the engine's limits (aliases, size), which its message names
            throw new Problem("not valid YAML: " + e.getMessage(), 0);
        }
    }

    /** The 1-based line the node starts on, 0 when it has no mark. */
    public static int line(Node node) {
        return line(node.getStartMark());
    }

    /**
     * Refuses a node that contains itself through an alias ({@code &a [*a]}), which a tree walk
     * would follow for ever.
     */
    public static void notRecursive(Node node) throws Problem {
        if (node.isRecursive()) {
            throw new Problem("a YAML alias refers to a node that contains it", line(node));
        }
    }

    /**
     * The text of a map entry's key.
     *
     * @throws Problem when the key is a list or a map ({@code ? [a]})
     */
    public static String key(NodeTuple entry) throws Problem {
        if (entry.getKeyNode() instanceof ScalarNode key) {
            return key.getValue();
        }
        throw new Problem("a key is a list or a map; keys are text", line(entry.getKeyNode()));
    }

    /**
     * A scalar's value by its resolved tag (YAML 1.2's JSON schema for plain scalars): a Long (a
     * Double beyond a long's range, so that a range check refuses it by its value), a Double, a
     * Boolean, null, or the text for any other tag.
     *
     * @throws Problem when an explicit tag does not fit the text ({@code !!int abc})
     */
    public static Object value(ScalarNode scalar) throws Problem {
        Tag tag = scalar.getTag();
        String text = scalar.getValue();
        try {
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            if (tag.equals(Tag.BOOL)) {
                return switch (text) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new NumberFormatException(text);
                };
            }
            if (tag.equals(Tag.INT)) {
                return integer(text);
            }
            if (tag.equals(Tag.FLOAT)) {
                return switch (text) {
                    case ".inf" -> Double.POSITIVE_INFINITY;
                    case "-.inf" -> Double.NEGATIVE_INFINITY;
                    case ".nan" -> Double.NaN;
                    default -> Double.parseDouble(text);
                };
            }
            return text;
        } catch (NumberFormatException e) {
            throw new Problem(
                    "'"
                            + text
                            + "' is tagged "
                            + tag.getValue().replace(Tag.PREFIX, "!!")
                            + " but does not read as one",
                    line(scalar));
        }
    }

    private static Object integer(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException tooLarge) {
            return new BigInteger(text).doubleValue();
        }
    }

    /** The parser's problem and what it was reading, each with line and column, on one line. */
    private static String reason(MarkedYamlEngineException e) {
        String problem = e.getProblem() + at(e.getProblemMark());
        String context = e.getContext();
        return context == null || context.isEmpty()
                ? problem
                : problem + " (" + context + at(e.getContextMark()) + ")";
    }

    /**
     * Where the parser stopped, unless it stopped at the end of the text inside an open construct
     * (a bracket or a quote left open): then the line that opened it, which is the one to fix.
     */
    private static int line(MarkedYamlEngineException e, String text) {
        int end = text.codePointCount(0, text.length());
        boolean atEnd = e.getProblemMark().map(m -> m.getIndex() >= end).orElse(false);
        return line(
                atEnd && e.getContextMark().isPresent() ? e.getContextMark() : e.getProblemMark());
    }

    private static String at(Optional<Mark> mark) {
        return mark.map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
                .orElse("");
    }

    private static int line(Optional<Mark> mark) {
        return mark.map(m -> m.getLine() + 1).orElse(0);
    }
}
