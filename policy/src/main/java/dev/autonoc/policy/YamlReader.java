package dev.autonoc.policy;

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
 * Reads one YAML document into a {@link YamlNode} tree with line numbers: {@link MarkedYaml}
 * composes it with SnakeYAML Engine, this class turns the engine's nodes into the policy's tree and
 * every refusal into a {@link PolicyLoadException}.
 */
final class YamlReader {

    private YamlReader() {}

    /**
     * Parses {@code text}; a syntax error (named by line and column), a duplicate key, an empty
     * file or a second document is refused with the line where it stands.
     */
    static YamlNode read(String fileName, String text) {
        try {
            Node root =
                    MarkedYaml.document(text, "a policy file")
                            .orElseThrow(
                                    () ->
                                            new PolicyLoadException(
                                                    fileName,
                                                    1,
                                                    "the file is empty; a policy has apiVersion,"
                                                            + " kind and rules"));
            return new Converter(fileName).node(root);
        } catch (MarkedYaml.Problem e) {
            String reason = e.getMessage();
            if (reason.startsWith("not valid YAML") && reason.contains("alias")) {
                // the usual cause: tools: [*], where YAML reads * as the start of an alias
                reason +=
                        "\n(a bare * starts a YAML alias; write \"*\" in quotes for any act tool)";
            }
            throw new PolicyLoadException(fileName, e.line(), reason, e);
        }
    }

    /** One document's nodes to {@link YamlNode}s, refusing a key given twice in a map. */
    private record Converter(String fileName) {

        YamlNode node(Node node) throws MarkedYaml.Problem {
            MarkedYaml.notRecursive(node);
            int line = MarkedYaml.line(node);
            if (node instanceof MappingNode map) {
                Map<String, YamlNode.Mapping.Entry> entries = new LinkedHashMap<>();
                for (NodeTuple tuple : map.getValue()) {
                    String key = MarkedYaml.key(tuple);
                    int keyLine = MarkedYaml.line(tuple.getKeyNode());
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
            return new YamlNode.Scalar(MarkedYaml.value((ScalarNode) node), line);
        }
    }
}
