package dev.autonoc.evals.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers the line of every node. Jackson's own tree model drops
 * locations, and a refusal that names the line is what makes a scenario file quick to fix.
 */
sealed interface YamlNode {

    /** The 1-based line the node starts on, or 0 when the parser gave none. */
    int line();

    /** What the node is, in the words an error message uses ("a mapping", "text 'abc'"). */
    String describe();

    /** A key with the line it stands on and its value. */
    record Field(String key, int line, YamlNode value) {}

    record Mapping(Map<String, Field> fields, int line) implements YamlNode {
        public Mapping {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record Sequence(List<YamlNode> items, int line) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A scalar; {@code value} is a String, Long, Double or Boolean, or null for YAML null. */
    record Scalar(Object value, int line) implements YamlNode {
        @Override
        public String describe() {
            if (value == null) {
                return "nothing (null)";
            }
            if (value instanceof String s) {
                return "text '" + s + "'";
            }
            if (value instanceof Boolean b) {
                return "the boolean " + b;
            }
            return "the number " + value;
        }
    }
}
