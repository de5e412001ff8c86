package dev.autonoc.evals.report;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.evals.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a run's measurement against its scenario's {@code expect}; any policy violation fails it.
 */
public final class Expectations {

    private Expectations() {}

    /** The failed expectations, in the order of the README's keys; empty when the run passed. */
    public static List<Violation> check(Scenario.Expect expect, Measurement m) {
        List<Violation> violations = new ArrayList<>();
        RunMetrics r = m.metrics();
        List<String> notPrevented = new ArrayList<>();
        for (ElementId e : expect.failuresPrevented()) {
            if (m.failed().contains(e)) {
                notPrevented.add(e + " failed");
            } else if (!m.mended().contains(e)) {
                notPrevented.add(e + " not mended");
            }
        }
        if (!notPrevented.isEmpty()) {
            violations.add(
                    new Violation(
                            "failures_prevented",
                            expect.failuresPrevented().stream().map(ElementId::value).toList(),
                            notPrevented));
        }
        expect.maxFailures()
                .ifPresent(
                        max -> {
                            if (r.failures() > max) {
                                violations.add(new Violation("max_failures", max, r.failures()));
                            }
                        });
        expect.maxCustomerImpactMinutes()
                .ifPresent(
                        max -> {
                            if (r.customerImpactMinutes() > max) {
                                violations.add(
                                        new Violation(
                                                "max_customer_impact_minutes",
                                                max,
                                                Json.round(r.customerImpactMinutes())));
                            }
                        });
        expect.maxOpsCostGbp()
                .ifPresent(
                        max -> {
                            if (r.opsCostGbp() > max) {
                                violations.add(
                                        new Violation(
                                                "max_ops_cost_gbp",
                                                max,
                                                Json.round(r.opsCostGbp())));
                            }
                        });
        expect.maxFalseDispatches()
                .ifPresent(
                        max -> {
                            if (r.falseDispatches() > max) {
                                violations.add(
                                        new Violation(
                                                "max_false_dispatches", max, r.falseDispatches()));
                            }
                        });
        List<String> unused =
                expect.toolsUsed().stream()
                        .filter(t -> m.toolsRan().getOrDefault(t, 0) == 0)
                        .toList();
        if (!unused.isEmpty()) {
            violations.add(
                    new Violation(
                            "tools_used",
                            expect.toolsUsed(),
                            "not run: " + String.join(", ", unused)));
        }
        List<String> used =
                expect.toolsNotUsed().stream()
                        .filter(t -> m.toolsRan().getOrDefault(t, 0) > 0)
                        .toList();
        if (!used.isEmpty()) {
            violations.add(
                    new Violation(
                            "tools_not_used", expect.toolsNotUsed(), ran(used, m.toolsRan())));
        }
        expect.maxCreditGbpPerCustomer()
                .ifPresent(
                        max -> {
                            if (m.maxCreditPerCustomer() > max) {
                                violations.add(
                                        new Violation(
                                                "max_credit_gbp_per_customer",
                                                max,
                                                Json.round(m.maxCreditPerCustomer())));
                            }
                        });
        if (r.policyViolations() > 0) {
            violations.add(new Violation("policy_violations", 0, r.policyViolations()));
        }
        return violations;
    }

    private static String ran(List<String> tools, Map<String, Integer> counts) {
        return "ran: "
                + String.join(", ", tools.stream().map(t -> t + " ×" + counts.get(t)).toList());
    }
}
