package dev.autonoc.evals.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.evals.scenario.Scenario;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpectationsTest {

    private static final ElementId RTR = ElementId.of("core-rtr-02");

    private static Measurement measured(
            int failures,
            Set<ElementId> failed,
            Set<ElementId> mended,
            Map<String, Integer> tools,
            double maxCredit,
            int policyViolations) {
        RunMetrics metrics =
                new RunMetrics(
                        failures,
                        mended.size(),
                        120.0,
                        1840.0,
                        maxCredit,
                        1,
                        policyViolations,
                        0,
                        4,
                        OptionalDouble.empty());
        return new Measurement(metrics, tools, failed, mended, maxCredit, List.of());
    }

    private static Scenario.Expect expect(
            List<ElementId> prevented,
            OptionalInt maxFailures,
            List<String> used,
            List<String> notUsed) {
        return new Scenario.Expect(
                prevented,
                maxFailures,
                OptionalDouble.of(100),
                OptionalDouble.of(2000),
                OptionalInt.of(1),
                used,
                notUsed,
                OptionalDouble.of(50));
    }

    @Test
    void a_run_that_meets_every_expectation_has_no_violations() {
        Measurement m =
                measured(
                        0, Set.of(), Set.of(RTR), Map.of("order_part", 1, "check_stock", 2), 50, 0);
        Scenario.Expect e =
                new Scenario.Expect(
                        List.of(RTR),
                        OptionalInt.of(0),
                        OptionalDouble.of(120),
                        OptionalDouble.of(1840),
                        OptionalInt.of(1),
                        List.of("order_part", "check_stock"),
                        List.of("apply_sla_credit"),
                        OptionalDouble.of(50));
        assertThat(Expectations.check(e, m)).isEmpty();
    }

    @Test
    void names_each_failed_key_with_the_measured_value() {
        Measurement m = measured(2, Set.of(RTR), Set.of(), Map.of("apply_sla_credit", 3), 500, 0);
        List<Violation> v =
                Expectations.check(
                        expect(
                                List.of(RTR),
                                OptionalInt.of(0),
                                List.of("order_part"),
                                List.of("apply_sla_credit")),
                        m);
        assertThat(v)
                .extracting(Violation::key)
                .containsExactly(
                        "failures_prevented",
                        "max_failures",
                        "max_customer_impact_minutes",
                        "tools_used",
                        "tools_not_used",
                        "max_credit_gbp_per_customer");
        assertThat(v.get(0).measured()).isEqualTo(List.of("core-rtr-02 failed"));
        assertThat(v.get(1).measured()).isEqualTo(2);
        assertThat(v.get(2).measured()).isEqualTo(120.0);
        assertThat(v.get(4).describe())
                .isEqualTo(
                        "tools_not_used: expected [apply_sla_credit], measured ran: apply_sla_credit ×3");
    }

    @Test
    void an_element_that_did_not_fail_but_was_never_mended_was_not_prevented() {
        Measurement m = measured(0, Set.of(), Set.of(), Map.of(), 0, 0);
        Scenario.Expect onlyPrevented =
                new Scenario.Expect(
                        List.of(RTR),
                        OptionalInt.empty(),
                        OptionalDouble.empty(),
                        OptionalDouble.empty(),
                        OptionalInt.empty(),
                        List.of(),
                        List.of(),
                        OptionalDouble.empty());
        assertThat(Expectations.check(onlyPrevented, m))
                .extracting(Violation::measured)
                .containsExactly(List.of("core-rtr-02 not mended"));
    }

    @Test
    void any_policy_violation_fails_the_run_whatever_expect_says() {
        Measurement m = measured(0, Set.of(), Set.of(), Map.of(), 0, 2);
        assertThat(Expectations.check(Scenario.Expect.NOTHING, m))
                .singleElement()
                .satisfies(
                        v -> {
                            assertThat(v.key()).isEqualTo("policy_violations");
                            assertThat(v.measured()).isEqualTo(2);
                        });
    }
}
