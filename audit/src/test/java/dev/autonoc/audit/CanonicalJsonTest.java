package dev.autonoc.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {

    @Test
    void keys_are_sorted_by_utf16_code_units_as_in_rfc_8785() {
        // RFC 8785, section 3.2.3: the sorting example.
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("\u20ac", "Euro Sign");
        map.put("\r", "Carriage Return");
        map.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
        map.put("1", "One");
        map.put("\ud83d\ude00", "Emoji: Grinning Face");
        map.put("\u0080", "Control");
        map.put("\u00f6", "Latin Small Letter O With Diaeresis");

        String json = CanonicalJson.canonicalise(map);

        assertThat(json)
                .isEqualTo(
                        "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
                                + "\"\u20ac\":\"Euro Sign\","
                                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void nested_trees_have_no_whitespace_and_keep_list_order() {
        Map<String, Object> inner = new HashMap<>();
        inner.put("b", List.of(3L, 1L, 2L));
        inner.put("a", null);
        Map<String, Object> outer = new HashMap<>();
        outer.put("z", true);
        outer.put("inner", inner);
        outer.put("empty", Map.of());
        outer.put("none", List.of());

        assertThat(CanonicalJson.canonicalise(outer))
                .isEqualTo(
                        "{\"empty\":{},\"inner\":{\"a\":null,\"b\":[3,1,2]},\"none\":[],\"z\":true}");
    }

    @Test
    void strings_are_escaped_minimally() {
        String s = "q\" b\\ /\b\f\n\r\t\u0000\u001f\u007f é € \ud83d\ude00 \u2028";

        assertThat(CanonicalJson.canonicalise(s))
                .isEqualTo(
                        "\"q\\\" b\\\\ /\\b\\f\\n\\r\\t\\u0000\\u001f\u007f é € \ud83d\ude00"
                                + " \u2028\"");
    }

    @Test
    void a_lone_surrogate_is_refused_with_where_it_is() {
        assertThatThrownBy(
                        () -> CanonicalJson.canonicalise(Map.of("note", List.of("ok", "a\ud800b"))))
                .isInstanceOf(CanonicalJsonException.class)
                .hasMessageContaining("lone surrogate U+D800")
                .hasMessageContaining("note[1]");
    }

    /** RFC 8785 Appendix B, and ECMAScript's Number.prototype.toString. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0000000000000000, 0",
        "8000000000000000, 0",
        "0000000000000001, 5e-324",
        "8000000000000001, -5e-324",
        "7fefffffffffffff, 1.7976931348623157e+308",
        "ffefffffffffffff, -1.7976931348623157e+308",
        "4340000000000000, 9007199254740992",
        "c340000000000000, -9007199254740992",
        "4430000000000000, 295147905179352830000",
        "44b52d02c7e14af5, 9.999999999999997e+22",
        "44b52d02c7e14af6, 1e+23",
        "44b52d02c7e14af7, 1.0000000000000001e+23",
        "444b1ae4d6e2ef4e, 999999999999999700000",
        "444b1ae4d6e2ef4f, 999999999999999900000",
        "444b1ae4d6e2ef50, 1e+21",
        "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
        "3eb0c6f7a0b5ed8d, 0.000001",
        "41b3de4355555553, 333333333.3333332",
        "41b3de4355555554, 333333333.33333325",
        "41b3de4355555555, 333333333.3333333",
        "41b3de4355555556, 333333333.3333334",
        "41b3de4355555557, 333333333.33333343",
        "becbf647612f3696, -0.0000033333333333333333",
        "43143ff3c1cb0959, 1424953923781206.2",
    })
    void doubles_are_written_as_ecmascript_writes_them(String bits, String expected) {
        double d = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));

        assertThat(CanonicalJson.canonicalise(d)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0.1, 0.1",
        "0.87, 0.87",
        "1.0, 1",
        "-2.5, -2.5",
        "100.0, 100",
        "1.0E-7, 1e-7",
        "1.5E-6, 0.0000015",
        "1.0E21, 1e+21",
        "1.0E20, 100000000000000000000",
        "2.0E-3, 0.002",
        "123456.789, 123456.789",
    })
    void common_doubles_take_their_shortest_form(double value, String expected) {
        assertThat(CanonicalJson.canonicalise(value)).isEqualTo(expected);
    }

    @Test
    void integers_keep_every_digit() {
        assertThat(CanonicalJson.canonicalise(Long.MAX_VALUE)).isEqualTo("9223372036854775807");
        assertThat(CanonicalJson.canonicalise(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
        assertThat(CanonicalJson.canonicalise(42)).isEqualTo("42");
        assertThat(CanonicalJson.canonicalise((short) -7)).isEqualTo("-7");
        assertThat(CanonicalJson.canonicalise(new BigInteger("123456789012345678901234567890")))
                .isEqualTo("123456789012345678901234567890");
    }

    @Test
    void big_decimals_are_integers_when_integral_and_doubles_otherwise() {
        assertThat(CanonicalJson.canonicalise(new BigDecimal("2.000"))).isEqualTo("2");
        assertThat(CanonicalJson.canonicalise(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(CanonicalJson.canonicalise(new BigDecimal("1.50"))).isEqualTo("1.5");
        assertThat(CanonicalJson.canonicalise(new BigDecimal("0.1000000000000000000001")))
                .isEqualTo("0.1");
    }

    @Test
    void a_float_is_written_as_its_exact_double_value() {
        assertThat(CanonicalJson.canonicalise(0.5f)).isEqualTo("0.5");
        assertThat(CanonicalJson.canonicalise(0.1f)).isEqualTo("0.10000000149011612");
    }

    @Test
    void nan_and_infinity_are_refused_naming_the_field() {
        assertThatThrownBy(() -> CanonicalJson.canonicalise(Map.of("p", Map.of("q", Double.NaN))))
                .isInstanceOf(CanonicalJsonException.class)
                .hasMessageContaining("NaN and Infinity are not JSON numbers")
                .hasMessageContaining("(at p.q)");
        assertThatThrownBy(() -> CanonicalJson.canonicalise(Double.NEGATIVE_INFINITY))
                .isInstanceOf(CanonicalJsonException.class)
                .hasMessageContaining("-Infinity");
    }

    @Test
    void a_value_of_another_type_is_refused_with_the_accepted_types() {
        assertThatThrownBy(() -> CanonicalJson.canonicalise(Map.of("when", Instant.EPOCH)))
                .isInstanceOf(CanonicalJsonException.class)
                .hasMessageContaining("java.time.Instant has no JSON form")
                .hasMessageContaining("accepted: String, Boolean")
                .hasMessageContaining("(at when)");
        Map<Object, Object> intKeys = new HashMap<>();
        intKeys.put(1, "one");
        assertThatThrownBy(() -> CanonicalJson.canonicalise(intKeys))
                .isInstanceOf(CanonicalJsonException.class)
                .hasMessageContaining("map keys must be Strings, found a java.lang.Integer");
    }

    @Test
    void a_map_that_contains_itself_is_refused() {
        Map<String, Object> loop = new HashMap<>();
        loop.put("self", loop);

        assertThatThrownBy(() -> CanonicalJson.canonicalise(loop))
                .isInstanceOf(CanonicalJsonException.class)
                .hasMessageContaining("nested deeper than 64 levels");
    }

    @Test
    void an_event_has_a_fixed_canonical_form() {
        AuditEvent event =
                new AuditEvent(
                        AuditEventType.TOOL_CALL,
                        "case-1",
                        "rtr-7",
                        "agent:autonoc",
                        Instant.parse("2026-03-01T08:00:00.250Z"),
                        Map.of(
                                "tool",
                                "order_part",
                                "arguments",
                                Map.of("quantity", 2, "part", "PSU-48V"),
                                "cost",
                                1250.5));

        assertThat(CanonicalJson.event(event))
                .isEqualTo(
                        "{\"actor\":\"agent:autonoc\",\"correlation_id\":\"case-1\","
                                + "\"element\":\"rtr-7\",\"payload\":{\"arguments\":{\"part\":"
                                + "\"PSU-48V\",\"quantity\":2},\"cost\":1250.5,\"tool\":"
                                + "\"order_part\"},\"sim_time\":\"2026-03-01T08:00:00.250Z\","
                                + "\"type\":\"TOOL_CALL\"}");
    }

    @Test
    void an_event_parses_back_to_the_same_canonical_form() {
        AuditEvent event = Events.aCase("case-1", "rtr-7", 0)[4];
        String json = CanonicalJson.event(event);

        AuditEvent back = CanonicalJson.parseEvent(json);

        assertThat(back.type()).isEqualTo(event.type());
        assertThat(back.simTime()).isEqualTo(event.simTime());
        assertThat(back.payload()).isEqualTo(event.payload());
        assertThat(CanonicalJson.event(back)).isEqualTo(json);
    }

    @Test
    void parsing_gives_long_for_integers_and_double_for_the_rest() {
        Object tree =
                CanonicalJson.parse("[1, -0, 1.0, 2e3, 12345678901234567890, \"\\u00e9\\/\"]");

        assertThat(tree)
                .isEqualTo(
                        List.of(1L, 0L, 1.0, 2000.0, new BigInteger("12345678901234567890"), "é/"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "{\"a\":1,\"a\":2} | duplicate key 'a'",
                "{\"a\":1} x | unexpected text after the JSON value",
                "[1,] | Unexpected character (']'",
                "01 | Leading zeroes not allowed",
                "\"tab\there\" | has to be escaped",
                "{\"a\" 1} | was expecting a colon",
                "1e999 | beyond the range of a double",
                "\"\\x\" | Unrecognized character escape 'x'",
                "[1 | expected close marker for Array",
                "[1]] | unexpected text after the JSON value",
            })
    void malformed_json_is_refused_saying_what_and_where(String json, String message) {
        assertThatThrownBy(() -> CanonicalJson.parse(json.replace("\\t", "\t")))
                .isInstanceOf(CanonicalJsonException.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining(message)
                .hasMessageContaining("at offset");
    }

    @Test
    void parsing_takes_the_nesting_canonical_json_writes_and_refuses_deeper() {
        String deepest = "[".repeat(65) + "]".repeat(65);

        assertThat(CanonicalJson.canonicalise(CanonicalJson.parse(deepest))).isEqualTo(deepest);
        assertThatThrownBy(() -> CanonicalJson.parse("[" + deepest + "]"))
                .isInstanceOf(CanonicalJsonException.class)
                .hasMessageContaining("not valid JSON: nested deeper than 64 levels at offset 65");
    }

    @Test
    void an_event_with_missing_or_extra_keys_or_a_bad_type_is_refused() {
        String good = CanonicalJson.event(Events.aCase("c", "e", 0)[1]);

        assertThatThrownBy(() -> CanonicalJson.parseEvent(good.replace("\"actor\"", "\"actress\"")))
                .hasMessageContaining("an event has exactly the keys");
        assertThatThrownBy(() -> CanonicalJson.parseEvent(good.replace("CASE_OPENED", "CASE_LOST")))
                .hasMessageContaining("unknown event type 'CASE_LOST'")
                .hasMessageContaining("accepted: [PREDICTION");
        assertThatThrownBy(() -> CanonicalJson.parseEvent(good.replace("T08:00:01Z", "T08:00:01")))
                .hasMessageContaining("sim_time")
                .hasMessageContaining("not an ISO-8601 UTC instant");
        assertThatThrownBy(() -> CanonicalJson.parseEvent("[]"))
                .hasMessageContaining("an event must be a JSON object");
    }

    @Test
    void the_hash_covers_sequence_previous_hash_and_event_text() {
        String json = CanonicalJson.event(Events.aCase("c", "e", 0)[0]);
        String h = AuditChain.hash(1, AuditChain.GENESIS_HASH, json);

        assertThat(h).matches("[0-9a-f]{64}");
        assertThat(AuditChain.hash(2, AuditChain.GENESIS_HASH, json)).isNotEqualTo(h);
        assertThat(AuditChain.hash(1, "1" + AuditChain.GENESIS_HASH.substring(1), json))
                .isNotEqualTo(h);
        assertThat(AuditChain.hash(1, AuditChain.GENESIS_HASH, json + " ")).isNotEqualTo(h);
        // sha256("1\n" + 64 zeros + "\n" + "{}"), computed with sha256sum
        assertThat(AuditChain.hash(1, AuditChain.GENESIS_HASH, "{}"))
                .isEqualTo("e926929dc99bcdf08bb941e379c3186d5c55b45ee4202b4748a1efc35ba05fe3");
    }
}
