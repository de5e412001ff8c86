package dev.autonoc.simulators;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.tool.ToolNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Checks a spec once, at the entry point, with messages naming what is wrong and what is accepted.
 */
final class SpecValidation {

    private SpecValidation() {}

    static void check(TwinSpec spec) {
        if (spec.tick().isNegative() || spec.tick().isZero() || spec.tick().toSeconds() < 1) {
            throw new IllegalArgumentException(
                    "tick must be a positive whole number of seconds (PT5M by default), got "
                            + spec.tick());
        }
        if (spec.enterpriseSlices() < 0) {
            throw new IllegalArgumentException(
                    "enterpriseSlices must be >= 0, got " + spec.enterpriseSlices());
        }
        if (spec.consumersPerCell() < 0) {
            throw new IllegalArgumentException(
                    "consumersPerCell must be >= 0, got " + spec.consumersPerCell());
        }
        if (spec.engineersPerRegion().isPresent() && spec.engineersPerRegion().getAsInt() < 0) {
            throw new IllegalArgumentException(
                    "engineersPerRegion must be >= 0, got " + spec.engineersPerRegion().getAsInt());
        }
        for (StockLevel level : spec.stock()) {
            if (!Stock.knownWarehouse(level.warehouse())) {
                throw new IllegalArgumentException(
                        "unknown warehouse '"
                                + level.warehouse()
                                + "' in stock; accepted: central, "
                                + String.join(", ", Topology.REGIONS));
            }
            if (level.part() == null) {
                throw new IllegalArgumentException("a stock level needs a part");
            }
            if (level.quantity() < 0) {
                throw new IllegalArgumentException(
                        "stock quantity must be >= 0, got "
                                + level.quantity()
                                + " for "
                                + level.part().code()
                                + " at "
                                + level.warehouse());
            }
        }
        for (Disturbance d : spec.disturbances()) {
            if (d instanceof Disturbance.Heatwave h) {
                region(h.region(), "HEATWAVE");
                window(h.from(), h.to(), "HEATWAVE");
            } else if (d instanceof Disturbance.EngineerSick s) {
                sick(s, spec);
            } else if (d instanceof Disturbance.SupplierDelay s) {
                if (s.part() == null || s.extra() == null || s.extra().isNegative()) {
                    throw new IllegalArgumentException(
                            "SUPPLIER_DELAY needs a part and an extra delay >= 0, got " + s);
                }
                s.window().ifPresent(w -> window(w.from(), w.to(), "SUPPLIER_DELAY"));
            } else if (d instanceof Disturbance.ToolFaults t) {
                if (!ToolNames.ALL.contains(t.tool())) {
                    throw new IllegalArgumentException(
                            "unknown tool '"
                                    + t.tool()
                                    + "' in TOOL_FAULTS; accepted: "
                                    + String.join(", ", ToolNames.ALL));
                }
                if (!(t.errorRate() >= 0.0 && t.errorRate() <= 1.0)) {
                    throw new IllegalArgumentException(
                            "TOOL_FAULTS error_rate must be between 0 and 1, got " + t.errorRate());
                }
            } else if (d instanceof Disturbance.UntrustedText u) {
                if (u.where() == null || u.text() == null) {
                    throw new IllegalArgumentException(
                            "UNTRUSTED_TEXT needs where (ticket_note, customer_message,"
                                    + " tool_output) and text");
                }
            }
        }
        for (FaultSpec f : spec.faults()) {
            if (f.onset().isNegative()) {
                throw new IllegalArgumentException(
                        "a fault's onset must be >= 0, got " + f.onset());
            }
            if (f.timeToFailure().isNegative() || f.timeToFailure().isZero()) {
                throw new IllegalArgumentException(
                        "a fault's time_to_failure must be > 0, got " + f.timeToFailure());
            }
            if (f.speedup().isPresent()) {
                FaultSpec.Speedup s = f.speedup().get();
                Duration fails = f.onset().plus(f.timeToFailure());
                if (s.at().compareTo(f.onset()) <= 0 || s.at().compareTo(fails) >= 0) {
                    throw new IllegalArgumentException(
                            "a fault's speedup must come after its onset ("
                                    + f.onset()
                                    + ") and before its failure ("
                                    + fails
                                    + "), got at "
                                    + s.at());
                }
                if (!(s.factor() > 1.0) || Double.isInfinite(s.factor())) {
                    throw new IllegalArgumentException(
                            "a fault's speedup factor must be a number above 1, got " + s.factor());
                }
            }
        }
    }

    private static void sick(Disturbance.EngineerSick s, TwinSpec spec) {
        window(s.from(), s.to(), "ENGINEER_SICK");
        if (s.region().isEmpty() && s.engineer().isEmpty()) {
            throw new IllegalArgumentException(
                    "ENGINEER_SICK needs a region or an engineer (eng-north-1, ...)");
        }
        s.region().ifPresent(r -> region(r, "ENGINEER_SICK"));
        if (s.engineer().isPresent()) {
            String id = s.engineer().get();
            int perRegion = spec.engineersPerRegion().orElse(Workforce.DEFAULT_PER_REGION);
            java.util.regex.Matcher m = Workforce.ENGINEER_ID.matcher(id);
            if (!m.matches() || Integer.parseInt(m.group(2)) > perRegion) {
                throw new IllegalArgumentException(
                        "unknown engineer '"
                                + id
                                + "' in ENGINEER_SICK; engineers are eng-<region>-1 .. eng-<region>-"
                                + perRegion
                                + " (regions "
                                + String.join(", ", Topology.REGIONS)
                                + ")");
            }
            if (s.region().isPresent() && !s.region().get().equals(m.group(1))) {
                throw new IllegalArgumentException(
                        "ENGINEER_SICK names "
                                + id
                                + " of region "
                                + m.group(1)
                                + " with region "
                                + s.region().get()
                                + "; give the engineer's own region, or none");
            }
        }
        if (s.notice().isPresent() && s.notice().get().isNegative()) {
            throw new IllegalArgumentException(
                    "ENGINEER_SICK notice must be >= 0, got " + s.notice().get());
        }
    }

    private static void region(String region, String what) {
        if (!Topology.REGIONS.contains(region)) {
            throw new IllegalArgumentException(
                    "unknown region '"
                            + region
                            + "' in "
                            + what
                            + "; accepted: "
                            + String.join(", ", Topology.REGIONS));
        }
    }

    private static void window(Duration from, Duration to, String what) {
        if (from.isNegative() || to.compareTo(from) <= 0) {
            throw new IllegalArgumentException(
                    what + " window must run forward from >= 0, got [" + from + ", " + to + "]");
        }
    }

    /** The element a fault strikes; a selector picks one with the seed among those that match. */
    static int resolve(Topology topology, FaultSpec fault, int position, SplittableRandom rng) {
        String where = "faults[" + position + "]";
        int element;
        if (fault.target() instanceof ElementSelector.ById byId) {
            Integer e = topology.index.get(byId.id());
            if (e == null) {
                throw new IllegalArgumentException(
                        where
                                + ": unknown element '"
                                + byId.id()
                                + "' in a "
                                + topology.preset.key()
                                + " network; ids look like "
                                + topology.someIds());
            }
            element = e;
        } else if (fault.target() instanceof ElementSelector.ByMatch m) {
            m.region().ifPresent(r -> region(r, where + " select"));
            List<Integer> match = new ArrayList<>();
            for (int i = 0; i < topology.size(); i++) {
                Element e = topology.element(i);
                boolean ok =
                        m.kind().map(k -> k == e.kind()).orElse(fault.mode().strikes(e.kind()))
                                && m.role().map(r -> r.equals(e.role())).orElse(true)
                                && m.region().map(r -> r.equals(e.region())).orElse(true);
                if (ok) {
                    match.add(i);
                }
            }
            if (match.isEmpty()) {
                throw new IllegalArgumentException(
                        where
                                + ": the selector "
                                + describe(m)
                                + " matches no element; kinds are ROUTER (roles core,"
                                + " aggregation), RADIO (role cell), LINK (role fibre); regions "
                                + String.join(", ", Topology.REGIONS));
            }
            element = match.get(rng.nextInt(match.size()));
        } else {
            throw new IllegalArgumentException(where + ": a fault needs an element or a selector");
        }
        ElementKind kind = topology.kind(element);
        if (!fault.mode().strikes(kind)) {
            throw new IllegalArgumentException(
                    where
                            + ": "
                            + fault.mode()
                            + " cannot strike "
                            + topology.element(element).id()
                            + " (a "
                            + kind
                            + "); FAN_WEAR, PSU_DEGRADATION and MEMORY_LEAK strike routers and"
                            + " radios, LASER_AGING strikes links");
        }
        return element;
    }

    private static String describe(ElementSelector.ByMatch m) {
        List<String> parts = new ArrayList<>();
        m.kind().ifPresent(k -> parts.add("kind: " + k));
        m.role().ifPresent(r -> parts.add("role: " + r));
        m.region().ifPresent(r -> parts.add("region: " + r));
        return "{" + String.join(", ", parts) + "}";
    }
}
