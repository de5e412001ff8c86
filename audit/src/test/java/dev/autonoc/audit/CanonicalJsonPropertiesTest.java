package dev.autonoc.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CanonicalJsonPropertiesTest {

    @Property(tries = 500)
    void canonicalise_then_parse_then_canonicalise_gives_the_same_text(
            @ForAll("trees") Object tree) {
        String canonical = CanonicalJson.canonicalise(tree);

        assertThat(CanonicalJson.canonicalise(CanonicalJson.parse(canonical))).isEqualTo(canonical);
    }

    @Property(tries = 300)
    void maps_with_the_same_entries_in_any_insertion_order_hash_the_same(
            @ForAll("maps") Map<String, Object> tree, @ForAll Random random) {
        Object shuffled = reinsert(tree, random);

        String a = CanonicalJson.canonicalise(tree);
        String b = CanonicalJson.canonicalise(shuffled);

        assertThat(b).isEqualTo(a);
        assertThat(AuditChain.hash(1, AuditChain.GENESIS_HASH, b))
                .isEqualTo(AuditChain.hash(1, AuditChain.GENESIS_HASH, a));
    }

    @Property(tries = 3000)
    void every_finite_double_reads_back_exactly_in_no_more_digits_than_java_gives(
            @ForAll("anyDouble") double d) {
        String json = CanonicalJson.canonicalise(d);
        double back = ((Number) CanonicalJson.parse(json)).doubleValue();

        assertThat(back).isEqualTo(d == 0 ? 0.0 : d); // -0 is written as 0
        assertThat(significantDigits(json))
                .isLessThanOrEqualTo(significantDigits(Double.toString(Math.abs(d))));
    }

    private static int significantDigits(String number) {
        String mantissa = number.split("[eE]")[0].replace("-", "");
        return new BigDecimal(mantissa).stripTrailingZeros().precision();
    }

    /** The same tree with every map rebuilt in a random insertion order. */
    private static Object reinsert(Object tree, Random random) {
        if (tree instanceof Map<?, ?> map) {
            List<Object> keys = new ArrayList<>(map.keySet());
            Collections.shuffle(keys, random);
            Map<Object, Object> copy = new LinkedHashMap<>();
            for (Object k : keys) {
                copy.put(k, reinsert(map.get(k), random));
            }
            return copy;
        }
        if (tree instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            for (Object item : list) {
                copy.add(reinsert(item, random));
            }
            return copy;
        }
        return tree;
    }

    @Provide
    Arbitrary<Double> anyDouble() {
        return Arbitraries.oneOf(
                Arbitraries.longs()
                        .map(Double::longBitsToDouble)
                        .filter(d -> !d.isNaN() && !d.isInfinite()),
                Arbitraries.doubles(),
                Arbitraries.integers().between(-100_000, 100_000).map(i -> i / 1000.0));
    }

    @Provide
    Arbitrary<Object> trees() {
        return tree(3);
    }

    @Provide
    Arbitrary<Map<String, Object>> maps() {
        return Arbitraries.maps(keys(), tree(2)).ofMaxSize(6);
    }

    private static Arbitrary<Object> tree(int depth) {
        Arbitrary<Object> leaf =
                Arbitraries.oneOf(
                                text().map(s -> (Object) s),
                                Arbitraries.longs().map(l -> (Object) l),
                                Arbitraries.integers().map(i -> (Object) i),
                                Arbitraries.doubles().map(d -> (Object) d),
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
                Arbitraries.strings().alpha().ofMaxLength(6), text().ofMaxLength(4));
    }

    /** Any valid Unicode text: every UTF-16 unit but surrogates, plus some surrogate pairs. */
    private static net.jqwik.api.arbitraries.StringArbitrary text() {
        return Arbitraries.strings()
                .withCharRange('\u0000', '\ud7ff')
                .withCharRange('\ue000', '\uffff')
                .withChars("\"\\\n\t\u0001")
                .ofMaxLength(12);
    }
}
