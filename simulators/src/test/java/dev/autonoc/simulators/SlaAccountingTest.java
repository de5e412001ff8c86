package dev.autonoc.simulators;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.autonoc.core.prediction.FailureMode;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Slice SLAs over a billing month and the credit they earn, with numbers worked by hand: January
 * has 31 × 1,440 = 44,640 minutes, of which 0.05 % = 22.32 minutes (1,339.2 s) may be lost;
 * February 2025 has 40,320, of which 20.16 minutes (1,209.6 s).
 */
class SlaAccountingTest {

    private static final YearMonth JANUARY = YearMonth.of(2025, 1);
    private static final YearMonth FEBRUARY = YearMonth.of(2025, 2);

    @Test
    void january_allows_22_32_minutes_out_of_service_and_not_a_second_more() {
        SlaStatement within = SlaStatement.assess("slice-01", "ent-01", JANUARY, 12_000, 1_339, 0);
        SlaStatement over = SlaStatement.assess("slice-01", "ent-01", JANUARY, 12_000, 1_340, 0);

        assertThat(within.minutesInMonth()).isEqualTo(44_640);
        assertThat(within.breached()).isFalse();
        assertThat(within.creditDueGbp()).isZero();
        assertThat(over.availabilityBreached()).isTrue();
        assertThat(over.creditDueGbp()).isEqualTo(600.0); // 5 % of 12,000
        assertThat(over.availability()).isCloseTo(1 - (1_340 / 60.0) / 44_640, within(1e-12));
    }

    @Test
    void a_shorter_month_allows_fewer_minutes() {
        SlaStatement feb = SlaStatement.assess("slice-02", "ent-02", FEBRUARY, 2_000, 1_210, 0);
        SlaStatement jan = SlaStatement.assess("slice-02", "ent-02", JANUARY, 2_000, 1_210, 0);

        assertThat(feb.minutesInMonth()).isEqualTo(40_320);
        assertThat(feb.breached()).isTrue();
        assertThat(feb.creditDueGbp()).isEqualTo(100.0); // 5 % of 2,000
        assertThat(jan.breached()).isFalse();
    }

    @Test
    void a_latency_breach_alone_earns_the_credit_and_two_breaches_earn_it_once() {
        SlaStatement late = SlaStatement.assess("slice-03", "ent-03", JANUARY, 8_400, 0, 3_600);
        SlaStatement both = SlaStatement.assess("slice-03", "ent-03", JANUARY, 8_400, 3_600, 3_600);

        assertThat(late.latencyBreached()).isTrue();
        assertThat(late.availabilityBreached()).isFalse();
        assertThat(late.minutesOverLatency()).isEqualTo(60.0);
        assertThat(late.creditDueGbp()).isEqualTo(420.0); // 5 % of 8,400
        assertThat(both.creditDueGbp()).isEqualTo(420.0);
    }

    @Test
    void negative_seconds_or_fees_are_refused_naming_them() {
        assertThatThrownBy(() -> SlaStatement.assess("s", "c", JANUARY, 100, -1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unavailable -1 s");
    }

    @Test
    void an_interval_over_a_months_end_is_split_at_midnight() {
        Customers.Slice slice = new Customers.Slice("slice-01", "ent-01", new int[] {0}, 4_000, 20);
        SlaLedger ledger = new SlaLedger(List.of(slice));
        Instant from = Instant.parse("2025-01-31T23:30:00Z");

        ledger.add(from, from.plusSeconds(3_600), new boolean[] {true}, new boolean[] {false});

        List<SlaStatement> s = ledger.statements(OperatorTwin.EPOCH, from.plusSeconds(3_600));
        assertThat(s).extracting(SlaStatement::month).containsExactly(JANUARY, FEBRUARY);
        assertThat(s).extracting(SlaStatement::minutesUnavailable).containsExactly(30.0, 30.0);
        assertThat(s).allMatch(SlaStatement::availabilityBreached); // 30 > 22.32 and > 20.16
    }

    @Test
    void an_hour_without_a_slice_site_breaches_that_slice_alone_and_the_bill_says_5_percent() {
        Customers.Slice slice = Specs.metro(3).twin().world().customers.slices.get(0);
        OperatorTwin quiet = Specs.metro(3).twin();
        String agg =
                quiet.world()
                        .topology
                        .element(quiet.world().topology.aggs[slice.sites()[0]])
                        .id()
                        .value();
        OperatorTwin twin =
                Specs.metro(3).fault(agg, FailureMode.FAN_WEAR, ofHours(12), ofHours(12)).twin();

        twin.advanceTo(Specs.at(ofDays(1).plusHours(1)), TwinListener.NONE);

        List<SlaStatement> statements = twin.outcome().slaStatements();
        assertThat(statements).hasSize(6).allMatch(s -> s.month().equals(JANUARY));
        SlaStatement hit =
                statements.stream()
                        .filter(s -> s.sliceId().equals(slice.id()))
                        .findFirst()
                        .orElseThrow();
        assertThat(hit.minutesUnavailable()).isEqualTo(60.0);
        assertThat(hit.availabilityBreached()).isTrue();
        assertThat(hit.creditDueGbp()).isEqualTo(slice.monthlyFeeGbp() * 0.05);
        for (SlaStatement s : statements) {
            boolean overThatSite =
                    twin.world().customers.slices.stream()
                            .filter(x -> x.id().equals(s.sliceId()))
                            .anyMatch(x -> contains(x.sites(), slice.sites()[0]));
            assertThat(s.breached()).as(s.sliceId()).isEqualTo(overThatSite);
        }
        assertThat(twin.outcome().slaCreditDueGbp())
                .isEqualTo(statements.stream().mapToDouble(SlaStatement::creditDueGbp).sum());
    }

    @Test
    void a_quiet_month_and_a_half_breaches_nothing_and_bills_both_months() {
        OperatorTwin twin = Specs.metro(1).twin();

        twin.advanceTo(Specs.at(ofDays(30)), TwinListener.NONE);

        List<SlaStatement> s = twin.outcome().slaStatements();
        assertThat(s).hasSize(12);
        assertThat(s.subList(0, 6)).allMatch(x -> x.month().equals(JANUARY));
        assertThat(s.subList(6, 12)).allMatch(x -> x.month().equals(FEBRUARY));
        assertThat(s).allMatch(x -> x.minutesUnavailable() == 0 && !x.breached());
        assertThat(twin.outcome().slaCreditDueGbp()).isZero();
    }

    private static boolean contains(int[] sites, int site) {
        for (int s : sites) {
            if (s == site) {
                return true;
            }
        }
        return false;
    }
}
