package dev.autonoc.service.connected;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class TelemetryMessagesTest {

    private static TelemetryMessages.Read read(String key, String json) {
        return TelemetryMessages.read(key, json.getBytes(StandardCharsets.UTF_8));
    }

    private static Rejection rejected(String key, String json) {
        TelemetryMessages.Read r = read(key, json);
        assertThat(r).isInstanceOf(TelemetryMessages.Bad.class);
        return ((TelemetryMessages.Bad) r).why();
    }

    @Test
    void reads_a_sample_with_absent_metrics_as_not_reported() {
        TelemetryMessages.Read r =
                read(
                        "core-rtr-01",
                        "{\"type\":\"sample\",\"element\":\"core-rtr-01\",\"at\":\"2025-01-06T00:05:00Z\","
                                + "\"metrics\":{\"temperature_c\":41.5,\"fan_rpm\":null},\"extra\":1}");

        assertThat(r).isInstanceOf(TelemetryMessages.Good.class);
        TelemetrySample s =
                ((TelemetryMessage.Sample) ((TelemetryMessages.Good) r).message()).sample();
        assertThat(s.element()).isEqualTo(ElementId.of("core-rtr-01"));
        assertThat(s.at()).isEqualTo(Instant.parse("2025-01-06T00:05:00Z"));
        assertThat(s.value(Metric.TEMPERATURE_C)).isEqualTo(41.5);
        assertThat(s.has(Metric.FAN_RPM)).isFalse();
    }

    @Test
    void reads_alarms_and_inventory_changes() {
        assertThat(
                        read(
                                "r1",
                                "{\"type\":\"alarm\",\"element\":\"r1\",\"at\":\"2025-01-06T00:05:00Z\","
                                        + "\"kind\":\"element_down\",\"probableCause\":\"thermal shutdown\"}"))
                .isEqualTo(
                        new TelemetryMessages.Good(
                                new TelemetryMessage.AlarmRaised(
                                        new Alarm(
                                                ElementId.of("r1"),
                                                Instant.parse("2025-01-06T00:05:00Z"),
                                                Alarm.Kind.ELEMENT_DOWN,
                                                "thermal shutdown"))));
        assertThat(
                        read(
                                "r1",
                                "{\"type\":\"element\",\"element\":\"r1\",\"at\":\"2025-01-06T00:00:00Z\","
                                        + "\"kind\":\"ROUTER\",\"role\":\"core\",\"region\":\"north\",\"site\":\"n1\"}"))
                .isEqualTo(
                        new TelemetryMessages.Good(
                                new TelemetryMessage.ElementUpserted(
                                        new Element(
                                                ElementId.of("r1"),
                                                ElementKind.ROUTER,
                                                "core",
                                                "north",
                                                "n1"),
                                        Instant.parse("2025-01-06T00:00:00Z"))));
    }

    @Test
    void refuses_what_is_not_json_naming_what_is_accepted() {
        assertThat(rejected("r1", "{not json").code()).isEqualTo(Rejection.MALFORMED);
        assertThat(rejected("r1", "[1,2]").detail()).contains("a JSON object with a \"type\"");
        assertThat(TelemetryMessages.read("r1", new byte[0]))
                .isEqualTo(
                        new TelemetryMessages.Bad(
                                Rejection.malformed(
                                        "the message is empty; a JSON object with a \"type\" is"
                                                + " expected")));
    }

    @Test
    void refuses_a_record_keyed_by_another_element_or_not_keyed() {
        String json =
                "{\"type\":\"sample\",\"element\":\"r1\",\"at\":\"2025-01-06T00:05:00Z\",\"metrics\":{\"fan_rpm\":1}}";
        assertThat(rejected("r2", json))
                .extracting(Rejection::code, Rejection::detail)
                .containsExactly(
                        Rejection.KEY_MISMATCH,
                        "the record's key 'r2' is not its element 'r1'; key every message by its"
                                + " element id");
        assertThat(rejected(null, json).code()).isEqualTo(Rejection.KEY_MISMATCH);
    }

    @Test
    void refuses_unknown_types_metrics_bad_values_and_bad_instants() {
        assertThat(
                        rejected(
                                        "r1",
                                        "{\"type\":\"reading\",\"element\":\"r1\",\"at\":\"2025-01-06T00:05:00Z\"}")
                                .detail())
                .contains("'reading'", "sample, alarm, element, element-removed");
        assertThat(
                        rejected(
                                        "r1",
                                        "{\"type\":\"sample\",\"element\":\"r1\",\"at\":\"2025-01-06T00:05:00Z\","
                                                + "\"metrics\":{\"fan_speed\":1}}")
                                .detail())
                .contains("unknown metric 'fan_speed'", "fan_rpm");
        assertThat(
                        rejected(
                                        "r1",
                                        "{\"type\":\"sample\",\"element\":\"r1\",\"at\":\"2025-01-06T00:05:00Z\","
                                                + "\"metrics\":{\"fan_rpm\":\"fast\"}}")
                                .detail())
                .contains("metric 'fan_rpm' is string", "a finite number");
        assertThat(
                        rejected(
                                        "r1",
                                        "{\"type\":\"sample\",\"element\":\"r1\",\"at\":\"yesterday\","
                                                + "\"metrics\":{\"fan_rpm\":1}}")
                                .detail())
                .contains("'yesterday'", "ISO-8601");
        assertThat(
                        rejected(
                                        "r1",
                                        "{\"type\":\"sample\",\"element\":\"r1\",\"at\":\"2025-01-06T00:05:00Z\","
                                                + "\"metrics\":{}}")
                                .detail())
                .contains("at least one metric");
        assertThat(
                        rejected(
                                        "r1",
                                        "{\"type\":\"alarm\",\"element\":\"r1\",\"at\":\"2025-01-06T00:05:00Z\","
                                                + "\"kind\":\"ON_FIRE\",\"probableCause\":\"x\"}")
                                .detail())
                .contains("'ON_FIRE'", "ELEMENT_DOWN");
    }

    @Property
    void a_written_message_reads_back_as_itself(@ForAll("messages") TelemetryMessage message) {
        assertThat(
                        TelemetryMessages.read(
                                message.element().value(), TelemetryMessages.write(message)))
                .isEqualTo(new TelemetryMessages.Good(message));
    }

    @Property
    void garbage_is_refused_never_thrown(@ForAll byte[] value, @ForAll String key) {
        assertThat(TelemetryMessages.read(key, value)).isNotNull();
    }

    @Provide
    Arbitrary<TelemetryMessage> messages() {
        Arbitrary<ElementId> ids =
                Arbitraries.strings()
                        .alpha()
                        .numeric()
                        .ofMinLength(1)
                        .ofMaxLength(12)
                        .map(ElementId::of);
        Arbitrary<Instant> ats =
                Arbitraries.longs()
                        .between(0, 4_000_000_000L)
                        .map(s -> Instant.ofEpochSecond(s, 0));
        Arbitrary<double[]> values =
                Arbitraries.doubles()
                        .between(-1e6, 1e6)
                        .injectNull(0.4)
                        .array(Double[].class)
                        .ofSize(Metric.values().length)
                        .filter(a -> java.util.Arrays.stream(a).anyMatch(v -> v != null))
                        .map(
                                a -> {
                                    double[] v = TelemetrySample.emptyValues();
                                    for (int i = 0; i < a.length; i++) {
                                        if (a[i] != null) {
                                            v[i] = a[i];
                                        }
                                    }
                                    return v;
                                });
        Arbitrary<TelemetryMessage> samples =
                Combinators.combine(ids, ats, values)
                        .as(
                                (id, at, v) ->
                                        new TelemetryMessage.Sample(
                                                new TelemetrySample(id, at, v)));
        Arbitrary<TelemetryMessage> alarms =
                Combinators.combine(
                                ids,
                                ats,
                                Arbitraries.of(Alarm.Kind.class),
                                Arbitraries.strings()
                                        .ofMinLength(1)
                                        .ofMaxLength(20)
                                        .filter(s -> !s.isBlank()))
                        .as(
                                (id, at, k, c) ->
                                        new TelemetryMessage.AlarmRaised(new Alarm(id, at, k, c)));
        Arbitrary<TelemetryMessage> upserts =
                Combinators.combine(ids, ats, Arbitraries.of(ElementKind.class))
                        .as(
                                (id, at, k) ->
                                        new TelemetryMessage.ElementUpserted(
                                                new Element(id, k, "core", "north", "n1"), at));
        Arbitrary<TelemetryMessage> removals =
                Combinators.combine(ids, ats).as(TelemetryMessage.ElementRemoved::new);
        return Arbitraries.oneOf(samples, alarms, upserts, removals);
    }
}
