package dev.autonoc.evals.scenario;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads YAML text into a {@link YamlNode} tree with line numbers. SnakeYAML Engine's composer
 * parses and keeps a start mark on every node; this class turns its nodes into the scenario's tree
 * and its errors into {@link YamlSyntaxException}s that name line and column. Plain scalars are
 * typed by YAML 1.2's JSON schema, the engine's default.
 *
 * <p>The policy module has a reader of the same job over its own node type; the two stay apart
 * because each module's tree speaks its own error vocabulary and neither module may lend the other
 * a YAML type (docs/design.md, module imports).
 */
final class YamlReader {

    /** Text that is not YAML, or YAML of a shape no scenario has (a duplicate key). */
    static final class YamlSyntaxException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        YamlSyntaxException(String message, int line) {
            super(message);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    private YamlReader() {}

    /** The document's root node; an empty document gives a null scalar. */
    static YamlNode read(String text) throws YamlSyntaxException {
        // non-scalar keys pass the composer so that the conversion refuses them with their line
        LoadSettings settings = LoadSettings.builder().setAllowNonScalarKeys(true).build();
        try {
            Iterator<Node> documents = new Compose(settings).composeAllFromString(text).iterator();
            if (!documents.hasNext()) {
                return new YamlNode.Scalar(null, 1);
            }
            YamlNode root = node(documents.next());
            if (documents.hasNext()) {
                throw new YamlSyntaxException(
                        "more than one YAML document in the file; a scenario is one document",
                        line(documents.next().getStartMark()));
            }
            return root;
        } catch (MarkedYamlEngineException e) {
            throw new YamlSyntaxException("not valid YAML: " + reason(e), line(e, text));
        } catch (YamlEngineException e) {
            // unmarked: one of the engine's limits (aliases, size), which its message names
            throw new YamlSyntaxException("not valid YAML: " + e.getMessage(), 0);
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
     * (a bracket or quote left open): then the line that opened it, which is the one to fix.
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

    private static YamlNode node(Node node) throws YamlSyntaxException {
        int line = line(node.getStartMark());
        if (node.isRecursive()) {
            throw new YamlSyntaxException("a YAML alias refers to a node that contains it", line);
        }
        if (node instanceof MappingNode map) {
            Map<String, YamlNode.Field> fields = new LinkedHashMap<>();
            for (NodeTuple tuple : map.getValue()) {
                int keyLine = line(tuple.getKeyNode().getStartMark());
                if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                    throw new YamlSyntaxException(
                            "a key is a list or a mapping; a scenario's keys are text", keyLine);
                }
                String key = keyNode.getValue();
                if (fields.containsKey(key)) {
                    throw new YamlSyntaxException(
                            "the key '"
                                    + key
                                    + "' appears twice in one mapping (first on line "
                                    + fields.get(key).line()
                                    + ")",
                            keyLine);
                }
                fields.put(key, new YamlNode.Field(key, keyLine, node(tuple.getValueNode())));
            }
            return new YamlNode.Mapping(fields, line);
        }
        if (node instanceof SequenceNode list) {
            List<YamlNode> items = new ArrayList<>();
            for (Node item : list.getValue()) {
                items.add(node(item));
            }
            return new YamlNode.Sequence(items, line);
        }
        ScalarNode scalar = (ScalarNode) node;
        try {
            return new YamlNode.Scalar(value(scalar.getTag(), scalar.getValue()), line);
        } catch (NumberFormatException e) {
            throw new YamlSyntaxException(
                    "'"
                            + scalar.getValue()
                            + "' is tagged "
                            + scalar.getTag().getValue().replace(Tag.PREFIX, "!!")
                            + " but does not read as one",
                    line);
        }
    }

    /**
     * A scalar's value by its resolved tag: Long (a Double beyond a long's range, so that a range
     * check refuses it by its value), Double, Boolean, null, or the text for any other tag.
     */
    private static Object value(Tag tag, String text) {
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
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException tooLarge) {
                return new BigInteger(text).doubleValue();
            }
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
    }
}
