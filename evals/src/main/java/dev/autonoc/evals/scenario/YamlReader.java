package dev.autonoc.evals.scenario;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads YAML text into a {@link YamlNode} tree with line numbers, through Jackson's YAML parser.
 */
final class YamlReader {

    private static final YAMLMapper MAPPER = YAMLMapper.builder().build();

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
        try (JsonParser parser = MAPPER.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new YamlNode.Scalar(null, 1);
            }
            YamlNode root = node(parser);
            if (parser.nextToken() != null) {
                throw new YamlSyntaxException(
                        "more than one YAML document in the file; a scenario is one document",
                        line(parser.currentTokenLocation()));
            }
            return root;
        } catch (JacksonException e) {
            String message = e.getOriginalMessage();
            // the parser's message repeats the location; keep the first line, which says what is
            // wrong
            int newline = message.indexOf('\n');
            String first = newline < 0 ? message : message.substring(0, newline);
            return rethrow(first, e.getLocation());
        }
    }

    private static YamlNode rethrow(String message, TokenStreamLocation location)
            throws YamlSyntaxException {
        throw new YamlSyntaxException("not valid YAML: " + message, line(location));
    }

    private static YamlNode node(JsonParser parser) throws YamlSyntaxException {
        JsonToken token = parser.currentToken();
        int line = line(parser.currentTokenLocation());
        switch (token) {
            case START_OBJECT -> {
                Map<String, YamlNode.Field> fields = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String key = parser.currentName();
                    int keyLine = line(parser.currentTokenLocation());
                    parser.nextToken();
                    YamlNode value = node(parser);
                    if (fields.containsKey(key)) {
                        throw new YamlSyntaxException(
                                "the key '"
                                        + key
                                        + "' appears twice in one mapping (first on line "
                                        + fields.get(key).line()
                                        + ")",
                                keyLine);
                    }
                    fields.put(key, new YamlNode.Field(key, keyLine, value));
                }
                return new YamlNode.Mapping(fields, line);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(node(parser));
                }
                return new YamlNode.Sequence(items, line);
            }
            case VALUE_STRING -> {
                return new YamlNode.Scalar(parser.getString(), line);
            }
            case VALUE_NUMBER_INT -> {
                Number n = parser.getNumberValue();
                if (n instanceof BigInteger big) {
                    // too large for a long: keep it as a decimal so the range check refuses it
                    return new YamlNode.Scalar(new BigDecimal(big).doubleValue(), line);
                }
                return new YamlNode.Scalar(n.longValue(), line);
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
                    throw new YamlSyntaxException("unexpected YAML content (" + token + ")", line);
        }
    }

    private static int line(TokenStreamLocation location) {
        return location == null ? 0 : Math.max(0, location.getLineNr());
    }
}
