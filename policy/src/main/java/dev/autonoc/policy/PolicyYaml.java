package dev.autonoc.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shapes a policy file is made of, read out of its {@link YamlNode}s: a map with known keys, a
 * required or optional text, a list of texts. Anything else is a {@link PolicyLoadException} naming
 * the file, the line, what was found and what is accepted.
 */
final class PolicyYaml {

    private final String file;

    PolicyYaml(String file) {
        this.file = file;
    }

    YamlNode.Mapping mapping(YamlNode node, String what, String expected) {
        if (node instanceof YamlNode.Mapping m) {
            return m;
        }
        throw error(
                node.line(),
                what + " must be a map with " + expected + ", found " + node.describe());
    }

    void checkKeys(YamlNode.Mapping map, List<String> accepted, String where) {
        for (YamlNode.Mapping.Entry e : map.entries().values()) {
            if (!accepted.contains(e.key())) {
                throw error(
                        e.keyLine(),
                        "unknown key '"
                                + e.key()
                                + "' "
                                + where
                                + "; accepted: "
                                + String.join(", ", accepted));
            }
        }
    }

    YamlNode.Mapping.Entry required(YamlNode.Mapping map, String key, String what) {
        YamlNode.Mapping.Entry e = map.entries().get(key);
        if (e == null) {
            throw error(map.line(), "missing '" + key + "' (" + what + ")");
        }
        return e;
    }

    void requireText(YamlNode.Mapping map, String key, String expected) {
        YamlNode.Mapping.Entry e = required(map, key, "must be " + expected);
        String value = text(e, expected);
        if (!value.equals(expected)) {
            throw error(
                    e.value().line(), "'" + key + "' is '" + value + "'; accepted: " + expected);
        }
    }

    Optional<String> optionalText(YamlNode.Mapping map, String key) {
        YamlNode.Mapping.Entry e = map.entries().get(key);
        return e == null ? Optional.empty() : Optional.of(text(e, "text"));
    }

    String text(YamlNode.Mapping.Entry e, String what) {
        if (e.value() instanceof YamlNode.Scalar s && s.value() instanceof String text) {
            return text;
        }
        throw error(
                e.value().line(),
                "'" + e.key() + "' must be " + what + " (text), found " + e.value().describe());
    }

    /** A list of texts, or one text standing for a list of one. */
    List<YamlNode.Scalar> texts(String where, YamlNode.Mapping.Entry e, String what) {
        List<YamlNode> items =
                e.value() instanceof YamlNode.Sequence s ? s.items() : List.of(e.value());
        List<YamlNode.Scalar> out = new ArrayList<>();
        for (YamlNode item : items) {
            if (item instanceof YamlNode.Scalar s && s.value() instanceof String) {
                out.add(s);
            } else {
                throw error(
                        item.line(),
                        where
                                + "'"
                                + e.key()
                                + "' lists "
                                + what
                                + " per item, found "
                                + item.describe());
            }
        }
        return out;
    }

    PolicyLoadException error(int line, String reason) {
        return new PolicyLoadException(file, line, reason);
    }
}
