package dev.autonoc.evals.scenario;

import dev.autonoc.policy.yaml.MarkedYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads YAML text into a {@link YamlNode} tree with line numbers: the policy module's {@link
 * MarkedYaml} composes it with SnakeYAML Engine (the same reader, and the same syntax errors with
 * line and column, as a policy file), this class turns the engine's nodes into the scenario's tree.
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
        try {
            var root = MarkedYaml.document(text, "a scenario file");
            return root.isEmpty() ? new YamlNode.Scalar(null, 1) : node(root.get());
        } catch (MarkedYaml.Problem e) {
            throw new YamlSyntaxException(e.getMessage(), e.line());
        }
    }

    private static YamlNode node(Node node) throws MarkedYaml.Problem, YamlSyntaxException {
        MarkedYaml.notRecursive(node);
        int line = MarkedYaml.line(node);
        if (node instanceof SequenceNode list) {
            List<YamlNode> items = new ArrayList<>();
            for (Node item : list.getValue()) {
                items.add(node(item));
            }
            return new YamlNode.Sequence(items, line);
        }
        if (!(node instanceof MappingNode map)) {
            return new YamlNode.Scalar(MarkedYaml.value((ScalarNode) node), line);
        }
        Map<String, YamlNode.Field> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            String key = MarkedYaml.key(tuple);
            int keyLine = MarkedYaml.line(tuple.getKeyNode());
            YamlNode.Field first = fields.get(key);
            if (first != null) {
                throw new YamlSyntaxException(
                        "the key '"
                                + key
                                + "' appears twice in one mapping (first on line "
                                + first.line()
                                + ")",
                        keyLine);
            }
            fields.put(key, new YamlNode.Field(key, keyLine, node(tuple.getValueNode())));
        }
        return new YamlNode.Mapping(fields, line);
    }
}
