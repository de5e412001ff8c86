package dev.autonoc.policy;

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
 * Reads one YAML document into a {@link YamlNode} tree with line numbers. SnakeYAML Engine's
 * composer does the parsing and keeps a start mark on every node; this class only turns its nodes
 * into the policy's own tree and its errors into {@link PolicyLoadException}s. Plain scalars are
 * typed by YAML 1.2's JSON schema (the engine's default, and what Jackson's YAML parser used).
 */
final class YamlReader {

    private YamlReader() {}

    /**
     * Parses {@code text}; a syntax error, a duplicate key, an empty file or a second document is
     * refused with the line (and, for a syntax error, the column) where the parser found it.
     */
    static YamlNode read(String fileName, String text) {
        // non-scalar keys pass the composer so that the converter refuses them with their line
        LoadSettings settings =
                LoadSettings.builder().setLabel(fileName).setAllowNonScalarKeys(true).build();
        try {
            Iterator<Node> documents = new Compose(settings).composeAllFromString(text).iterator();
            if (!documents.hasNext()) {
                throw new PolicyLoadException(
                        fileName, 1, "the file is empty; a policy has apiVersion, kind and rules");
            }
            YamlNode root = new Converter(fileName).node(documents.next());
            if (documents.hasNext()) {
                throw new PolicyLoadException(
                        fileName,
                        line(documents.next().getStartMark()),
                        "a second YAML document starts here; a policy file holds exactly one");
            }
            return root;
        } catch (MarkedYamlEngineException e) {
            throw new PolicyLoadException(
                    fileName, line(e, text), "not valid YAML: " + reason(e), e);
        } catch (YamlEngineException e) {
            // unmarked: the engine's own limits (aliases, size), which name the limit
            throw new PolicyLoadException(fileName, 0, "not valid YAML: " + e.getMessage(), e);
        }
    }

    /** The parser's problem and its context, each with line and column, on one line. */
    private static String reason(MarkedYamlEngineException e) {
        StringBuilder reason = new StringBuilder(e.getProblem()).append(at(e.getProblemMark()));
        if (e.getContext() != null && !e.getContext().isEmpty()) {
            reason.append(" (").append(e.getContext()).append(at(e.getContextMark())).append(')');
        }
        if (reason.indexOf("alias") >= 0) {
            // the usual cause: tools: [*], where YAML reads * as the start of an alias
            reason.append(
                    "\n(a bare * starts a YAML alias; write \"*\" in quotes for any act tool)");
        }
        return reason.toString();
    }

    /**
     * The line to name: where the parser stopped, unless it stopped at the end of the text with an
     * open construct (an unclosed bracket or quote), where the line that opened it is the one to
     * fix.
     */
    private static int line(MarkedYamlEngineException e, String text) {
        boolean atEnd =
                e.getProblemMark()
                        .map(m -> m.getIndex() >= text.codePointCount(0, text.length()))
                        .orElse(false);
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

    /** One document's nodes to {@link YamlNode}s; refuses what a policy never holds. */
    private record Converter(String fileName) {

        YamlNode node(Node node) {
            int line = line(node.getStartMark());
            if (node.isRecursive()) {
                throw new PolicyLoadException(
                        fileName, line, "a YAML alias refers to a node that contains it");
            }
            if (node instanceof MappingNode map) {
                Map<String, YamlNode.Mapping.Entry> entries = new LinkedHashMap<>();
                for (NodeTuple tuple : map.getValue()) {
                    int keyLine = line(tuple.getKeyNode().getStartMark());
                    if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                        throw new PolicyLoadException(
                                fileName, keyLine, "a map key is a list or a map; keys are text");
                    }
                    String key = keyNode.getValue();
                    if (entries.containsKey(key)) {
                        throw new PolicyLoadException(
                                fileName,
                                keyLine,
                                "duplicate key '"
                                        + key
                                        + "' (first on line "
                                        + entries.get(key).keyLine()
                                        + "); a key appears once per map");
                    }
                    YamlNode value = node(tuple.getValueNode());
                    entries.put(key, new YamlNode.Mapping.Entry(key, keyLine, value));
                }
                return new YamlNode.Mapping(entries, line);
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
                return new YamlNode.Scalar(value(scalar), line);
            } catch (NumberFormatException e) {
                throw new PolicyLoadException(
                        fileName,
                        line,
                        "'"
                                + scalar.getValue()
                                + "' is tagged "
                                + scalar.getTag().getValue().replace(Tag.PREFIX, "!!")
                                + " but does not read as one",
                        e);
            }
        }
    }

    /**
     * The scalar's value by its resolved tag: Long (or Double beyond a long's range), Double,
     * Boolean, null, or the text for any other tag.
     */
    private static Object value(ScalarNode scalar) {
        Tag tag = scalar.getTag();
        String text = scalar.getValue();
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
                // beyond a long: keep it as a number so a range check refuses it by its value
                return new java.math.BigInteger(text).doubleValue();
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
