package dev.autonoc.simulators;

import static java.time.Duration.ofDays;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    /** A SHA-256 of every sample and alarm the run emits, in order. */
    private static String streamHash(TwinSpec spec, boolean readToolsMeanwhile) throws Exception {
        OperatorTwin twin = OperatorTwin.create(spec);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        ByteBuffer buf = ByteBuffer.allocate(8);
        TwinListener listener =
                new TwinListener() {
                    @Override
                    public void onTelemetry(TelemetrySample s) {
                        digest.update(s.element().value().getBytes(StandardCharsets.UTF_8));
                        digest.update(buf.clear().putLong(s.at().getEpochSecond()).array());
                        for (double v : s.values()) {
                            digest.update(
                                    buf.clear().putLong(Double.doubleToRawLongBits(v)).array());
                        }
                    }

                    @Override
                    public void onAlarm(Alarm a) {
                        digest.update(a.toString().getBytes(StandardCharsets.UTF_8));
                    }
                };
        for (int day = 1; day <= 6; day++) {
            twin.advanceTo(Specs.at(ofDays(day)), listener);
            if (readToolsMeanwhile) {
                twin.ossBss().resourceInventory().topology();
                twin.ossBss().serviceActivation().previewReroute("core-rtr-01");
                twin.ossBss().appointment().engineers("north", Optional.of("site-01"));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The twin builds no sample for a listener that reads no telemetry ({@link
     * TwinListener#wantsTelemetry}); its sensors must read all the same. Three days unheard, then
     * three heard, emit what three heard days after three heard ones emit, and the elements' memory
     * of their last day (what {@code get_telemetry} reads) is the same.
     */
    @Test
    void a_twin_unheard_for_days_then_heard_emits_what_a_twin_heard_throughout_does()
            throws Exception {
        OperatorTwin unheard = OperatorTwin.create(spec(17));
        OperatorTwin heard = OperatorTwin.create(spec(17));
        java.util.List<TelemetrySample> ignored = new java.util.ArrayList<>();
        unheard.advanceTo(Specs.at(ofDays(3)), TwinListener.NONE);
        heard.advanceTo(Specs.at(ofDays(3)), ignored::add);
        assertThat(ignored).isNotEmpty();
        for (String id : java.util.List.of("core-rtr-02", "core-rtr-01")) {
            assertThat(unheard.ossBss().resourceInventory().telemetry(id, 288))
                    .as(id)
                    .hasSize(288)
                    .isEqualTo(heard.ossBss().resourceInventory().telemetry(id, 288));
        }
        java.util.List<TelemetrySample> afterUnheard = new java.util.ArrayList<>();
        java.util.List<TelemetrySample> afterHeard = new java.util.ArrayList<>();
        unheard.advanceTo(Specs.at(ofDays(6)), afterUnheard::add);
        heard.advanceTo(Specs.at(ofDays(6)), afterHeard::add);
        assertThat(afterUnheard).isNotEmpty().isEqualTo(afterHeard);
    }

    private static TwinSpec spec(long seed) {
        return Specs.metro(seed)
                .fault("core-rtr-02", FailureMode.FAN_WEAR, ofDays(1), ofDays(3))
                .fault(
                        new FaultSpec(
                                new ElementSelector.ByMatch(
                                        Optional.empty(), Optional.empty(), Optional.empty()),
                                FailureMode.LASER_AGING,
                                ofDays(1),
                                ofDays(2)))
                .disturb(new Disturbance.Heatwave("south", ofDays(2), ofDays(4)))
                .spec();
    }

    @Test
    void the_same_spec_twice_gives_an_identical_telemetry_stream() throws Exception {
        assertThat(streamHash(spec(11), false)).isEqualTo(streamHash(spec(11), false));
    }

    @Test
    void reading_through_the_tools_does_not_change_the_stream() throws Exception {
        assertThat(streamHash(spec(11), true)).isEqualTo(streamHash(spec(11), false));
    }

    @Test
    void another_seed_gives_another_stream() throws Exception {
        assertThat(streamHash(spec(11), false)).isNotEqualTo(streamHash(spec(12), false));
    }

    @Test
    void a_selector_picks_the_same_element_for_the_same_seed() {
        var a = OperatorTwin.create(spec(11)).groundTruth().faults();
        var b = OperatorTwin.create(spec(11)).groundTruth().faults();

        assertThat(a).isEqualTo(b);
        assertThat(a).extracting(FaultTruth::element).contains(ElementId.of("core-rtr-02"));
        assertThat(a.get(1).element().value()).startsWith("link-");
    }

    @Test
    void the_same_spec_twice_gives_the_same_truth_failures_impact_and_slas() {
        OperatorTwin a = OperatorTwin.create(spec(11));
        OperatorTwin b = OperatorTwin.create(spec(11));
        a.advanceTo(Specs.at(ofDays(6)), TwinListener.NONE);
        b.advanceTo(Specs.at(ofDays(6)), TwinListener.NONE);

        assertThat(a.truth()).isEqualTo(b.truth());
        assertThat(a.truth().outcome().failures()).hasSize(2); // both faults ran their course
        assertThat(a.truth().outcome().customerImpactMinutes()).isPositive();
    }
}
