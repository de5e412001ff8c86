package dev.autonoc.evals.generate;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.evals.generate.ScenarioDraft.DraftFault;
import dev.autonoc.evals.scenario.Scenario;
import dev.autonoc.simulators.Disturbance;
import dev.autonoc.simulators.ElementSelector;
import dev.autonoc.simulators.StockLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a drawn scenario as a scenario file in the documented format (docs/scenarios.md), key by
 * key, so that what is generated is what a person would write and the loader checks it as it checks
 * theirs.
 */
final class ScenarioYaml {

    private ScenarioYaml() {}

    /**
     * The file's text.
     *
     * @param description the text for people
     * @param expect what a passing run shows; {@link Scenario.Expect#NOTHING} writes {@code {}}
     */
    static String render(ScenarioDraft d, String description, Scenario.Expect expect) {
        StringBuilder y = new StringBuilder();
        y.append("id: ").append(d.id()).append('\n');
        y.append("description: ").append(quoted(description)).append('\n');
        y.append("seed: ").append(d.seed()).append('\n');
        y.append("duration: ").append(iso(d.duration())).append('\n');
        y.append("network:\n  preset: ")
                .append(d.preset().name().toLowerCase(Locale.ROOT))
                .append('\n');
        d.customers()
                .ifPresent(
                        c ->
                                y.append("customers:\n  enterprise_slices: ")
                                        .append(c.enterpriseSlices())
                                        .append("\n  consumers_per_cell: ")
                                        .append(c.consumersPerCell())
                                        .append('\n'));
        if (!d.stock().isEmpty()) {
            y.append("stock:\n");
            for (StockLevel s : d.stock()) {
                y.append("  - {warehouse: ")
                        .append(s.warehouse())
                        .append(", part: ")
                        .append(s.part().code())
                        .append(", quantity: ")
                        .append(s.quantity())
                        .append("}\n");
            }
        }
        d.engineersPerRegion()
                .ifPresent(
                        n ->
                                y.append("workforce:\n  engineers_per_region: ")
                                        .append(n)
                                        .append('\n'));
        y.append("faults:\n");
        for (DraftFault f : d.faults()) {
            if (f.spec().target() instanceof ElementSelector.ById byId) {
                y.append("  - element: ").append(byId.id().value()).append('\n');
            } else {
                ElementSelector.ByMatch m = (ElementSelector.ByMatch) f.spec().target();
                List<String> keys = new ArrayList<>();
                m.kind().ifPresent(k -> keys.add("kind: " + k.name()));
                m.role().ifPresent(r -> keys.add("role: " + r));
                m.region().ifPresent(r -> keys.add("region: " + r));
                y.append("  - select: {").append(String.join(", ", keys)).append("}\n");
            }
            y.append("    mode: ").append(f.spec().mode().name()).append('\n');
            y.append("    onset: ").append(iso(f.spec().onset())).append('\n');
            y.append("    time_to_failure: ").append(iso(f.spec().timeToFailure())).append('\n');
            f.spec()
                    .speedup()
                    .ifPresent(
                            u ->
                                    y.append("    speedup: {at: ")
                                            .append(iso(u.at()))
                                            .append(", factor: ")
                                            .append(number(u.factor()))
                                            .append("}\n"));
        }
        if (!d.disturbances().isEmpty()) {
            y.append("disturbances:\n");
            for (Disturbance x : d.disturbances()) {
                disturbance(y, x);
            }
        }
        Scenario.Approvals a = d.approvals();
        y.append("approvals:\n  mode: ").append(a.mode().key()).append('\n');
        a.belowGbp().ifPresent(b -> y.append("  below_gbp: ").append(number(b)).append('\n'));
        y.append("  delay: ").append(iso(a.delay())).append('\n');
        expect(y, expect);
        return y.toString();
    }

    private static void disturbance(StringBuilder y, Disturbance x) {
        if (x instanceof Disturbance.Heatwave h) {
            y.append("  - kind: HEATWAVE\n    region: ").append(h.region()).append('\n');
            window(y, h.from(), h.to());
        } else if (x instanceof Disturbance.SupplierDelay s) {
            y.append("  - kind: SUPPLIER_DELAY\n    part: ")
                    .append(s.part().code())
                    .append("\n    extra: ")
                    .append(iso(s.extra()))
                    .append('\n');
            s.window().ifPresent(w -> window(y, w.from(), w.to()));
        } else if (x instanceof Disturbance.ToolFaults t) {
            y.append("  - kind: TOOL_FAULTS\n    tool: ")
                    .append(t.tool())
                    .append("\n    error_rate: ")
                    .append(number(t.errorRate()))
                    .append('\n');
        } else if (x instanceof Disturbance.EngineerSick s) {
            y.append("  - kind: ENGINEER_SICK\n");
            s.region().ifPresent(r -> y.append("    region: ").append(r).append('\n'));
            s.engineer().ifPresent(e -> y.append("    engineer: ").append(e).append('\n'));
            window(y, s.from(), s.to());
            s.notice().ifPresent(n -> y.append("    notice: ").append(iso(n)).append('\n'));
        } else if (x instanceof Disturbance.UntrustedText u) {
            y.append("  - kind: UNTRUSTED_TEXT\n    where: ")
                    .append(u.where().name().toLowerCase(Locale.ROOT))
                    .append("\n    text: ")
                    .append(quoted(u.text()))
                    .append('\n');
        } else if (x instanceof Disturbance.BadData b) {
            badData(y, b);
        } else {
            throw new IllegalArgumentException("no YAML form for " + x);
        }
    }

    /** The bad-data kinds, with the keys the scenario format reads (docs/scenarios.md). */
    private static void badData(StringBuilder y, Disturbance.BadData x) {
        if (x instanceof Disturbance.TelemetryGap g) {
            y.append("  - kind: TELEMETRY_GAP\n");
            scope(y, g.scope());
            window(y, g.from(), g.to());
        } else if (x instanceof Disturbance.StuckSensor s) {
            y.append("  - kind: STUCK_SENSOR\n    element: ")
                    .append(s.element())
                    .append("\n    metric: ")
                    .append(s.metric().key())
                    .append('\n');
            window(y, s.from(), s.to());
        } else if (x instanceof Disturbance.Spikes s) {
            y.append("  - kind: SPIKES\n");
            scope(y, s.scope());
            y.append("    rate: ").append(rate(s.rate())).append('\n');
            window(y, s.from(), s.to());
        } else if (x instanceof Disturbance.LateSamples l) {
            y.append("  - kind: LATE_SAMPLES\n");
            scope(y, l.scope());
            y.append("    rate: ")
                    .append(rate(l.rate()))
                    .append("\n    max_delay: ")
                    .append(iso(l.maxDelay()))
                    .append('\n');
            window(y, l.from(), l.to());
        } else if (x instanceof Disturbance.ClockSkew c) {
            y.append("  - kind: CLOCK_SKEW\n    element: ")
                    .append(c.element())
                    .append("\n    drift: ")
                    .append(iso(c.driftPerHour()))
                    .append('\n');
            window(y, c.from(), c.to());
        } else if (x instanceof Disturbance.InventoryDrift i) {
            y.append("  - kind: INVENTORY_DRIFT\n    element: ")
                    .append(i.element())
                    .append("\n    says: ")
                    .append(i.says().name().toLowerCase(Locale.ROOT))
                    .append("\n    from: ")
                    .append(iso(i.from()))
                    .append('\n');
        } else if (x instanceof Disturbance.StaleStock s) {
            y.append("  - kind: STALE_STOCK\n    lag: ").append(iso(s.lag())).append('\n');
        } else {
            throw new IllegalArgumentException("no YAML form for " + x);
        }
    }

    private static void scope(StringBuilder y, Disturbance.Scope scope) {
        scope.element().ifPresent(e -> y.append("    element: ").append(e).append('\n'));
        scope.region().ifPresent(r -> y.append("    region: ").append(r).append('\n'));
    }

    /** A rate as drawn (whole hundredths), written so that it reads back exactly. */
    private static String rate(double r) {
        String s = Double.toString(r);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    private static void window(StringBuilder y, Duration from, Duration to) {
        y.append("    window: [").append(iso(from)).append(", ").append(iso(to)).append("]\n");
    }

    private static void expect(StringBuilder y, Scenario.Expect e) {
        List<String> lines = new ArrayList<>();
        if (!e.failuresPrevented().isEmpty()) {
            lines.add(
                    "failures_prevented: "
                            + list(e.failuresPrevented().stream().map(ElementId::value).toList()));
        }
        e.maxFailures().ifPresent(v -> lines.add("max_failures: " + v));
        e.maxCustomerImpactMinutes()
                .ifPresent(v -> lines.add("max_customer_impact_minutes: " + number(v)));
        e.maxOpsCostGbp().ifPresent(v -> lines.add("max_ops_cost_gbp: " + number(v)));
        e.maxFalseDispatches().ifPresent(v -> lines.add("max_false_dispatches: " + v));
        if (!e.toolsUsed().isEmpty()) {
            lines.add("tools_used: " + list(e.toolsUsed()));
        }
        if (!e.toolsNotUsed().isEmpty()) {
            lines.add("tools_not_used: " + list(e.toolsNotUsed()));
        }
        e.maxCreditGbpPerCustomer()
                .ifPresent(v -> lines.add("max_credit_gbp_per_customer: " + number(v)));
        if (lines.isEmpty()) {
            y.append("expect: {}\n");
            return;
        }
        y.append("expect:\n");
        for (String line : lines) {
            y.append("  ").append(line).append('\n');
        }
    }

    private static String list(List<String> items) {
        return "[" + String.join(", ", items) + "]";
    }

    /** ISO-8601 in days and hours as people write them: P3D, P2DT6H, PT6H, PT25M. */
    static String iso(Duration d) {
        if (d.isZero()) {
            return "PT0H";
        }
        long days = d.toDays();
        Duration rest = d.minusDays(days);
        StringBuilder s = new StringBuilder("P");
        if (days > 0) {
            s.append(days).append('D');
        }
        if (!rest.isZero()) {
            s.append('T');
            if (rest.toHoursPart() > 0) {
                s.append(rest.toHoursPart()).append('H');
            }
            if (rest.toMinutesPart() > 0) {
                s.append(rest.toMinutesPart()).append('M');
            }
            if (rest.toSecondsPart() > 0) {
                s.append(rest.toSecondsPart()).append('S');
            }
        }
        return s.toString();
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    /** A YAML double-quoted scalar. */
    static String quoted(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\t' -> s.append("\\t");
                default -> s.append(c < 0x20 ? ' ' : c);
            }
        }
        return s.append('"').toString();
    }
}
