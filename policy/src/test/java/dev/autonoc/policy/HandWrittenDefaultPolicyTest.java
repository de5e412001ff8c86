package dev.autonoc.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.tool.ToolNames;
import java.time.Instant;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's baseline, the hand-written {@code if} chain, decides as the CEL default policy
 * does (effect, role and rule ids), so the two are timed doing the same work.
 */
class HandWrittenDefaultPolicyTest {

    private static final Policy CEL = CelPolicyGate.defaultCompiled();
    private static final HandWrittenDefaultPolicy HAND = new HandWrittenDefaultPolicy("hand");

    private static void assertSameDecision(ActionRequest request, History history) {
        Decision cel = CelPolicyGate.evaluate(CEL, "d", request, history).decision();
        Decision hand = HAND.decide("d", request, history);
        assertThat(hand.effect()).as(request + "\n" + cel).isEqualTo(cel.effect());
        assertThat(hand.requiredRole()).as(cel.toString()).isEqualTo(cel.requiredRole());
        assertThat(hand.ruleIds()).as(cel.toString()).isEqualTo(cel.ruleIds());
    }

    @Test
    void decides_every_case_of_the_shipped_default_tests_as_the_cel_policy() {
        var cases = PolicyTests.shippedCases("default.tests.yaml");
        assertThat(cases).hasSizeGreaterThan(40);
        cases.forEach(c -> assertSameDecision(c.request(), c.history()));
    }

    record Generated(Requests request, History history) {}

    @Provide
    Arbitrary<Generated> requests() {
        Arbitrary<Optional<Boolean>> bool =
                Arbitraries.of(Optional.of(true), Optional.of(false), Optional.empty());
        Arbitrary<Optional<Double>> fraction =
                Arbitraries.oneOf(
                        Arbitraries.of(0.0, 0.8, 0.81, 1.0).map(Optional::of),
                        Arbitraries.doubles().between(0, 1.2).map(Optional::of),
                        Arbitraries.just(Optional.empty()));
        Arbitrary<Optional<Double>> count =
                Arbitraries.oneOf(
                        Arbitraries.integers().between(0, 3).map(i -> Optional.of((double) i)),
                        Arbitraries.just(Optional.empty()));
        Arbitrary<Optional<Double>> money =
                Arbitraries.oneOf(
                        Arbitraries.of(50.0, 50.01, 500.0, 500.01).map(Optional::of),
                        Arbitraries.doubles().between(0, 1000).map(Optional::of),
                        Arbitraries.just(Optional.empty()));
        Arbitrary<Requests> request =
                Combinators.combine(
                                Arbitraries.of(ToolNames.ACT),
                                Arbitraries.oneOf(
                                        Arbitraries.of(0.0, 1000.0, 1000.01, 5000.0, 50000.01),
                                        Arbitraries.doubles().between(0, 100_000)),
                                Combinators.combine(bool, bool, bool)
                                        .as((a, b, c) -> new Optional<?>[] {a, b, c}),
                                Combinators.combine(fraction, count, count)
                                        .as((a, b, c) -> new Optional<?>[] {a, b, c}),
                                Combinators.combine(money, money)
                                        .as((a, b) -> new Optional<?>[] {a, b}),
                                Arbitraries.integers().between(0, 23),
                                Arbitraries.of(
                                        Requests.MONDAY,
                                        Instant.parse("2025-12-19T00:00:00Z"),
                                        Instant.parse("2026-01-05T00:00:00Z")),
                                Combinators.combine(
                                                Arbitraries.of(
                                                        "core-rtr-01",
                                                        "peering-rtr-01",
                                                        "peering-rtr-02"),
                                                Arbitraries.of(
                                                        "",
                                                        "fresh",
                                                        "gappy",
                                                        "settling",
                                                        "stuck",
                                                        "skewed",
                                                        "contradicted"))
                                        .as((e, q) -> new String[] {e, q}))
                        .as(
                                (tool, cost, bools, reroute, credit, hour, day, where) -> {
                                    String element = where[0];
                                    Requests r =
                                            Requests.of(tool)
                                                    .cost(cost)
                                                    .at(day.plusSeconds(hour * 3600L + 1800))
                                                    .element(element, "north");
                                    bools[0].ifPresent(v -> r.fact("in_shift", v));
                                    bools[1].ifPresent(v -> r.fact("engineer_has_skill", v));
                                    bools[2].ifPresent(v -> r.fact("traffic_moved", v));
                                    reroute[0].ifPresent(v -> r.fact("max_utilization_after", v));
                                    reroute[1].ifPresent(v -> r.fact("slices_breached", v));
                                    reroute[2].ifPresent(v -> r.fact("sites_isolated", v));
                                    credit[0].ifPresent(v -> r.fact("credit_per_customer", v));
                                    credit[1].ifPresent(v -> r.arg("amount_gbp", v));
                                    if (!where[1].isEmpty()) {
                                        r.fact("data_quality", where[1]);
                                    }
                                    return r;
                                });
        Arbitrary<History> history =
                Combinators.combine(
                                Arbitraries.of(0.0, 50000.0, 50000.01, 70000.0),
                                Arbitraries.integers().between(8, 11),
                                Arbitraries.of(true, false),
                                Arbitraries.integers().between(0, 3))
                        .as(
                                (spend, calls, self, others) ->
                                        new History(
                                                spend,
                                                calls,
                                                calls,
                                                self,
                                                others + (self ? 1 : 0),
                                                others,
                                                others + (self ? 1 : 0)));
        return Combinators.combine(request, history).as(Generated::new);
    }

    @Property(tries = 300)
    void decides_any_well_typed_request_as_the_cel_policy(@ForAll("requests") Generated g) {
        assertSameDecision(g.request().build(), g.history());
    }
}
