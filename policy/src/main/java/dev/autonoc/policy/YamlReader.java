package dev.autonoc.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads one YAML document into a {@link YamlNode} tree with line numbers. */
final class YamlReader {

    private static final YAMLMapper MAPPER = YAMLMapper.builder().build();

    private YamlReader() {}

    /**
     * Parses {@code text}; a syntax error, a duplicate key, an empty file or a second document is
     * refused with the line where the parser found it.
     */
    static YamlNode read(String fileName, String text) {
        try (JsonParser parser = MAPPER.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new PolicyLoadException(
                        fileName, 1, "the file is empty; a policy has apiVersion, kind and rules");
            }
            YamlNode root = readValue(fileName, parser, first);
            JsonToken extra = parser.nextToken();
            if (extra != null) {
                throw new PolicyLoadException(
                        fileName,
                        line(parser.currentTokenLocation()),
                        "a second YAML document starts here; a policy file holds exactly one");
            }
            return root;
        } catch (JacksonException e) {
            String reason = e.getOriginalMessage();
            if (reason == null) {
                reason = e.getClass().getSimpleName();
            }
            if (reason.contains("alias")) {
                // the usual cause: tools: [*], where YAML reads * as the start of an alias
                reason +=
                        "\n(a bare * starts a YAML alias; write \"*\" in quotes for any act tool)";
            }
            throw new PolicyLoadException(
                    fileName,
                    e.getLocation() == null ? 0 : line(e.getLocation()),
                    "not valid YAML: " + reason,
                    e);
        }
    }

    private static YamlNode readValue(String fileName, JsonParser parser, JsonToken token) {
        int line = line(parser.currentTokenLocation());
        switch (token) {
            case START_OBJECT -> {
                Map<String, YamlNode.Mapping.Entry> entries = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken();
                        t != JsonToken.END_OBJECT;
                        t = parser.nextToken()) {
                    // a YAML key is always reported as a property name by Jackson
                    String key = parser.currentName();
                    int keyLine = line(parser.currentTokenLocation());
                    YamlNode value = readValue(fileName, parser, parser.nextToken());
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
                    entries.put(key, new YamlNode.Mapping.Entry(key, keyLine, value));
                }
                return new YamlNode.Mapping(entries, line);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                for (JsonToken t = parser.nextToken();
                        t != JsonToken.END_ARRAY;
                        t = parser.nextToken()) {
                    items.add(readValue(fileName, parser, t));
                }
                return new YamlNode.Sequence(items, line);
            }
            case VALUE_STRING -> {
                return new YamlNode.Scalar(parser.getString(), line);
            }
            case VALUE_NUMBER_INT -> {
                return new YamlNode.Scalar(parser.getNumberValue().longValue(), line);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new YamlNode.Scalar(parser.getNumberValue().doubleValue(), line);
            }
            case VALUE_TRUE -> {
                return new YamlNode.Scalar(Boolean.TRUE, line);
            }
            case VALUE_FALSE -> {
                return new YamlNode.Scalar(Boolean.FALSE, line);
            }
            case VALUE_NULL -> {
                return new YamlNode.Scalar(null, line);
            }
            default ->
                    throw new PolicyLoadException(
                            fileName,
                            line,
                            "unexpected YAML content ("
                                    + token
                                    + "); a policy holds maps, lists"
                                    + " and plain values");
        }
    }

    private static int line(TokenStreamLocation location) {
        return location.getLineNr();
    }
}
