package dev.autonoc.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.tool.Risk;
import dev.autonoc.tools.oss.AppointmentRequest;
import dev.autonoc.tools.oss.OutagePreview;
import dev.autonoc.tools.oss.ServiceActivation;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The what-if by example: in a regional network with core-rtr-01 drained, taking the core link
 * between core-rtr-02 and core-rtr-03 out overloads its neighbours at the evening peak but not in
 * the quiet hours; what is out then (drains, restarts, jobs in the window) is counted, and only
 * that.
 */
class OutagePreviewTest {

    private static final String LINK = "link-core-rtr-02-core-rtr-03";
    private static final Instant MONDAY_19 = OperatorTwin.EPOCH.plus(Duration.ofHours(19));
    private static final Instant TUESDAY_03 = OperatorTwin.EPOCH.plus(Duration.ofHours(27));

    private static OperatorTwin drainedCore() {
        OperatorTwin twin = Specs.of(Preset.REGIONAL, 1).twin();
        twin.ossBss().serviceActivation().reroute("core-rtr-01", "drain-1");
        return twin;
    }

    private static ServiceActivation activation(OperatorTwin twin) {
        return twin.ossBss().serviceActivation();
    }

    @Test
    void a_second_core_outage_at_the_evening_peak_overloads_links_and_is_not_safe() {
        OperatorTwin twin = drainedCore();
        OutagePreview p = activation(twin).previewOutage(LINK, MONDAY_19, Duration.ofHours(1));

        assertThat(p.loadFactor()).isEqualTo(1.0);
        assertThat(p.maxUtilizationAfter()).isGreaterThan(1.0);
        assertThat(p.overloadedLinks())
                .isNotEmpty()
                .allSatisfy((l, u) -> assertThat(u).isGreaterThan(1.0));
        assertThat(p.customerMinutes()).isPositive();
        assertThat(p.safe()).isFalse();
        assertThat(p.elementsOut()).containsExactly("core-rtr-01", LINK);

        twin.advanceTo(MONDAY_19, TwinListener.NONE);
        activation(twin).reroute(LINK, "drain-2");
        twin.advanceTo(MONDAY_19.plus(Duration.ofMinutes(30)), TwinListener.NONE);
        assertThat(twin.outcome().impactByCause().get("congestion")).isPositive();
    }

    @Test
    void the_same_outage_in_the_quiet_hours_is_safe() {
        OperatorTwin twin = drainedCore();
        OutagePreview p = activation(twin).previewOutage(LINK, TUESDAY_03, Duration.ofHours(1));

        assertThat(p.loadFactor()).isLessThan(0.3);
        assertThat(p.peakMaxUtilizationAfter()).isGreaterThan(1.0);
        assertThat(p.maxUtilizationAfter()).isLessThan(1.0);
        assertThat(p.overloadedLinks()).isEmpty();
        assertThat(p.customerMinutes()).isZero();
        assertThat(p.safe()).isTrue();
    }

    @Test
    void a_dispatch_and_a_restart_are_estimated_with_the_outage_of_their_hour() {
        OperatorTwin twin = drainedCore();
        var tools = twin.tools();
        var site = twin.ossBss().resourceInventory().findResource(LINK).orElseThrow().site();
        var peak = tools.require("dispatch_engineer").estimate(job(site, MONDAY_19));
        var quiet = tools.require("dispatch_engineer").estimate(job(site, TUESDAY_03));

        assertThat(peak.facts())
                .containsEntry("outage_safe", false)
                .containsEntry("outage_sites_isolated", 0.0);
        assertThat((Double) peak.facts().get("outage_max_utilization_after")).isGreaterThan(1.0);
        assertThat(peak.risk()).isEqualTo(Risk.HIGH);
        assertThat(quiet.facts()).containsEntry("outage_safe", true);
        assertThat((Double) quiet.facts().get("outage_max_utilization_after")).isLessThan(1.0);

        twin.advanceTo(MONDAY_19, TwinListener.NONE);
        var restart = tools.require("restart_element").estimate(Map.of("element_id", LINK));
        assertThat(restart.facts()).containsEntry("outage_safe", false);
    }

    private static Map<String, Object> job(String site, Instant start) {
        return Map.of(
                "engineer_id",
                "eng-north-1",
                "element_id",
                LINK,
                "site",
                site,
                "task",
                "replace optic",
                "start",
                start.toString());
    }

    @Test
    void a_job_booked_in_the_window_counts_as_out_and_one_outside_it_does_not() {
        OperatorTwin twin = Specs.of(Preset.REGIONAL, 1).twin();
        Instant job = OperatorTwin.EPOCH.plus(Duration.ofDays(1)).plus(Duration.ofHours(10));
        twin.ossBss()
                .appointment()
                .book(
                        new AppointmentRequest(
                                "eng-north-1",
                                "core-rtr-01",
                                "pop-01",
                                job,
                                "swap fan tray",
                                Optional.empty()),
                        "book-1");

        OutagePreview during =
                activation(twin)
                        .previewOutage(LINK, job.plus(Duration.ofMinutes(30)), Duration.ofHours(1));
        OutagePreview before =
                activation(twin)
                        .previewOutage(LINK, job.minus(Duration.ofHours(2)), Duration.ofHours(1));
        OutagePreview overlapping =
                activation(twin)
                        .previewOutage(
                                LINK, job.minus(Duration.ofMinutes(30)), Duration.ofHours(1));

        assertThat(during.elementsOut()).containsExactly("core-rtr-01", LINK);
        assertThat(overlapping.elementsOut()).containsExactly("core-rtr-01", LINK);
        assertThat(before.elementsOut()).containsExactly(LINK);
        assertThat(during.peakMaxUtilizationAfter())
                .isGreaterThan(before.peakMaxUtilizationAfter());
    }

    @Test
    void a_restart_counts_until_it_is_over_and_a_time_in_the_past_is_read_as_now() {
        OperatorTwin twin = Specs.of(Preset.REGIONAL, 1).twin();
        twin.advanceTo(TUESDAY_03, TwinListener.NONE);
        activation(twin).restart("core-rtr-01", "restart-1");

        OutagePreview now =
                activation(twin).previewOutage(LINK, OperatorTwin.EPOCH, Duration.ofMinutes(5));
        OutagePreview later =
                activation(twin)
                        .previewOutage(
                                LINK,
                                TUESDAY_03.plus(Duration.ofMinutes(15)),
                                Duration.ofMinutes(5));

        assertThat(now.at()).isEqualTo(TUESDAY_03);
        assertThat(now.elementsOut()).containsExactly("core-rtr-01", LINK);
        assertThat(later.elementsOut()).containsExactly(LINK);
    }
}
