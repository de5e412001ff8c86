package dev.autonoc.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The fast path of verify may only say "canonical" where the full check (parse, re-canonicalise,
 * compare) says so too; on plain events, the kind the loop writes, it must say it, or verify gains
 * nothing.
 */
class FastEventCheckPropertiesTest {

    /** What the full check says: the event's header if the text is a canonical event, or null. */
    private static FastEventCheck.Header fullCheck(String json) {
        try {
            AuditEvent e = CanonicalJson.parseEvent(json);
            return CanonicalJson.event(e).equals(json) ? FastEventCheck.Header.of(e) : null;
        } catch (CanonicalJsonException e) {
            return null;
        }
    }

    @Property(tries = 500, edgeCases = EdgeCasesMode.FIRST)
    void on_a_canonical_event_the_fast_check_agrees_with_the_full_one(
            @ForAll("events") AuditEvent event) {
        String json = CanonicalJson.event(event);

        FastEventCheck.Header fast = FastEventCheck.check(json);

        assertThat(fullCheck(json)).isEqualTo(FastEventCheck.Header.of(event));
        if (fast != null) {
            assertThat(fast).isEqualTo(FastEventCheck.Header.of(event));
        }
        if (!json.contains("\\")) {
            assertThat(fast).as("plain canonical text takes the fast path: %s", json).isNotNull();
        }
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.FIRST)
    void a_changed_character_is_never_called_canonical_by_the_fast_check_alone(
            @ForAll("events") AuditEvent event,
            @ForAll @IntRange(min = 0, max = 100_000) int where,
            @ForAll("replacements") String replacement,
            @ForAll @IntRange(min = 0, max = 2) int kind) {
        String json = CanonicalJson.event(event);
        int at = where % json.length();
        String changed =
                switch (kind) {
                    case 0 -> json.substring(0, at) + replacement + json.substring(at + 1);
                    case 1 -> json.substring(0, at) + replacement + json.substring(at);
                    default -> json.substring(0, at) + json.substring(at + 1);
                };

        FastEventCheck.Header fast = FastEventCheck.check(changed);

        if (fast != null) {
            assertThat(fullCheck(changed)).as("full check of %s", changed).isEqualTo(fast);
        }
    }

    @Property(tries = 5000)
    void a_plain_decimal_the_fast_check_accepts_is_the_shortest_form_of_its_double(
            @ForAll("decimals") String decimal) {
        String json = eventWithRawNumber(decimal);

        FastEventCheck.Header fast = FastEventCheck.check(json);

        if (fast != null) {
            assertThat(EcmaNumbers.format(Double.parseDouble(decimal)))
                    .as("ECMAScript form of %s", decimal)
                    .isEqualTo(decimal);
        }
        assertThat(fast != null).isEqualTo(fullCheck(json) != null);
    }

    @Property(tries = 3000)
    void every_double_as_the_ledger_writes_it_passes_the_fast_check(@ForAll("doubles") double d) {
        String json = eventWithRawNumber(EcmaNumbers.format(d));

        assertThat(FastEventCheck.check(json)).isNotNull();
    }

    @Property(tries = 3000)
    void a_long_decimal_next_to_a_doubles_own_form_is_accepted_only_if_it_is_the_shortest(
            @ForAll("doubles") double d, @ForAll @IntRange(min = -2, max = 2) int step) {
        String own = EcmaNumbers.format(d);
        if (own.contains("e") || !own.contains(".")) {
            return; // exponent forms and integers take other paths
        }
        String near = addToLastDigit(own, step);

        FastEventCheck.Header fast = FastEventCheck.check(eventWithRawNumber(near));

        if (fast != null) {
            assertThat(EcmaNumbers.format(Double.parseDouble(near))).isEqualTo(near);
        }
        if (step == 0) {
            assertThat(fast).isNotNull();
        }
    }

    /** The decimal text with {@code step} added to its last digit's unit, same scale. */
    private static String addToLastDigit(String decimal, int step) {
        java.math.BigDecimal v = new java.math.BigDecimal(decimal);
        return v.add(java.math.BigDecimal.valueOf(step, v.scale())).toPlainString();
    }

    @Property(tries = 2000)
    void decimals_of_sixteen_or_seventeen_digits_agree_with_the_full_check(
            @ForAll("longDecimals") String decimal) {
        String json = eventWithRawNumber(decimal);

        FastEventCheck.Header fast = FastEventCheck.check(json);

        if (fast != null) {
            assertThat(EcmaNumbers.format(Double.parseDouble(decimal))).isEqualTo(decimal);
        }
        assertThat(fast != null).isEqualTo(fullCheck(json) != null);
    }

    @Provide
    Arbitrary<String> longDecimals() {
        return Combinators.combine(
                        Arbitraries.integers().between(16, 17),
                        Arbitraries.integers().between(0, 21),
                        Arbitraries.longs().between(0, Long.MAX_VALUE))
                .as(
                        (digits, point, seed) -> {
                            String all =
                                    String.format("%019d", seed)
                                            .substring(19 - digits)
                                            .replaceFirst("^0", "1");
                            int at = Math.min(point, digits - 1);
                            return at == 0
                                    ? "0." + all
                                    : all.substring(0, at) + "." + all.substring(at);
                        });
    }

    private static String eventWithRawNumber(String number) {
        return "{\"actor\":\"a\",\"correlation_id\":\"c\",\"element\":\"e\",\"payload\":{\"p\":"
                + number
                + "},\"sim_time\":\"2026-03-01T08:00:00Z\",\"type\":\"TOOL_CALL\"}";
    }

    @Provide
    Arbitrary<String> decimals() {
        Arbitrary<String> intPart =
                Arbitraries.oneOf(
                        Arbitraries.just("0"),
                        Arbitraries.strings()
                                .numeric()
                                .ofMinLength(1)
                                .ofMaxLength(22)
                                .filter(s -> s.charAt(0) != '0'));
        Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(19);
        return Combinators.combine(Arbitraries.of("", "-"), intPart, fraction)
                .as((sign, i, f) -> sign + i + "." + f);
    }

    @Provide
    Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(
                Arbitraries.longs()
                        .map(Double::longBitsToDouble)
                        .filter(d -> !d.isNaN() && !d.isInfinite()),
                Arbitraries.doubles(),
                Arbitraries.integers().between(0, 1_000_000).map(i -> i / 1_000_000.0),
                Arbitraries.integers().between(-100_000, 100_000).map(i -> i / 1000.0));
    }

    @Provide
    Arbitrary<String> replacements() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "\"", "\\", "{", "}", "[", "]", ",", ":", "0", "-", ".", "e", "n", " ",
                        "\u0001", "\ud800", "\\n", "\\u0041", "\\\"", "1", "9", "a", "Z"),
                Arbitraries.chars().map(String::valueOf));
    }

    @Provide
    Arbitrary<AuditEvent> events() {
        Arbitrary<Map<String, Object>> payload =
                Arbitraries.maps(keys(), tree(2))
                        .ofMaxSize(6)
                        .map(FastEventCheckPropertiesTest::noNulls);
        return Combinators.combine(
                        Arbitraries.of(AuditEventType.values()),
                        text(),
                        text(),
                        text(),
                        Arbitraries.longs()
                                .between(0, 4_000_000_000L)
                                .map(s -> Instant.ofEpochSecond(s, (s % 7) * 1_000_000L)),
                        payload)
                .as(AuditEvent::new);
    }

    private static Map<String, Object> noNulls(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v == null ? "null" : v));
        return out;
    }

    private static Arbitrary<Object> tree(int depth) {
        Arbitrary<Object> leaf =
                Arbitraries.oneOf(
                                text().map(s -> (Object) s),
                                Arbitraries.longs().map(l -> (Object) l),
                                Arbitraries.doubles().map(d -> (Object) d),
                                Arbitraries.integers()
                                        .between(-100_000, 100_000)
                                        .map(i -> (Object) (i / 1000.0)),
                                Arbitraries.of(true, false).map(b -> (Object) b))
                        .injectNull(0.05);
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Object> inner = tree(depth - 1);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf),
                net.jqwik.api.Tuple.of(1, inner.list().ofMaxSize(4).map(l -> (Object) l)),
                net.jqwik.api.Tuple.of(
                        1, Arbitraries.maps(keys(), inner).ofMaxSize(4).map(m -> (Object) m)));
    }

    private static Arbitrary<String> keys() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMaxLength(6),
                Arbitraries.of("tool", "effect", "step", "a_b", "A", "Z", "é", "\ud83d\ude00"),
                text().ofMaxLength(4));
    }

    @Property(tries = 3000)
    void the_plain_instant_reader_reads_what_instant_to_string_writes(
            @ForAll
                    @net.jqwik.api.constraints.LongRange(
                            min = -62_167_219_200L,
                            max = 253_402_300_799L)
                    long second,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
            @ForAll @IntRange(min = 0, max = 3) int precision) {
        int keep = new int[] {1_000_000_000, 1_000_000, 1_000, 1}[precision];
        Instant t = Instant.ofEpochSecond(second, nanos / keep * keep);

        assertThat(FastEventCheck.plainInstant(t.toString())).isEqualTo(t);
    }

    @Property(tries = 3000)
    void the_plain_instant_reader_takes_no_text_that_instant_to_string_would_not_write(
            @ForAll("instantLike") String text) {
        Instant read = FastEventCheck.plainInstant(text);
        if (read != null) {
            assertThat(read.toString()).isEqualTo(text);
        }
    }

    /** Instants as text, then one character changed, dropped or added. */
    @Provide
    Arbitrary<String> instantLike() {
        Arbitrary<String> valid =
                Arbitraries.longs()
                        .between(-62_167_219_200L, 253_402_300_799L)
                        .map(
                                sec ->
                                        Instant.ofEpochSecond(sec, (sec % 7) * 100_000_000L)
                                                .toString());
        return Combinators.combine(
                        valid,
                        Arbitraries.integers().between(0, 29),
                        Arbitraries.of('0', '9', '1', ':', '-', '.', 'T', 'Z', ' ', '6', '3'),
                        Arbitraries.integers().between(0, 2))
                .as(
                        (t, at, c, how) -> {
                            int i = Math.min(at, t.length() - 1);
                            return switch (how) {
                                case 0 -> t.substring(0, i) + c + t.substring(i + 1);
                                case 1 -> t.substring(0, i) + t.substring(i + 1);
                                default -> t.substring(0, i) + c + t.substring(i);
                            };
                        });
    }

    /** Mostly plain text, sometimes quotes, escapes, controls and surrogate pairs. */
    private static net.jqwik.api.arbitraries.StringArbitrary text() {
        return Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('\u00e0', '\u00ff')
                .withChars("-:/_ .0123456789")
                .withChars("\"\\\n\t\u0001\u007f\u2028")
                .ofMaxLength(12);
    }
}
