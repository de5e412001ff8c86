package dev.autonoc.policy;

import java.util.List;
import java.util.Map;

/**
 * A YAML tree that remembers where each node stood in the file, so that a refused policy can name
 * the line of the offending key or value. Jackson's own tree forgets locations; this one is built
 * from its token stream.
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Sequence, YamlNode.Mapping {

    /** 1-based line of the node's first character. */
    int line();

    /** What the node is, in words, for error messages ("a list", "a map", "the text 'x'"). */
    String describe();

    /**
     * A scalar: {@code value} is a String, Long, Double, Boolean, or null for YAML's null.
     *
     * @param value the parsed value
     * @param line 1-based line
     */
    record Scalar(Object value, int line) implements YamlNode {
        @Override
        public String describe() {
            if (value == null) {
                return "null";
            }
            if (value instanceof String s) {
                return "the text '" + s + "'";
            }
            return value instanceof Boolean ? "the boolean " + value : "the number " + value;
        }
    }

    /** A list, in file order. */
    record Sequence(List<YamlNode> items, int line) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A map, in file order; keys are unique (a duplicate key is refused while reading). */
    record Mapping(Map<String, Entry> entries, int line) implements YamlNode {
        public Mapping {
            entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
        }

        /** One key of a map, with the line of the key itself. */
        record Entry(String key, int keyLine, YamlNode value) {}

        @Override
        public String describe() {
            return "a map";
        }
    }
}
