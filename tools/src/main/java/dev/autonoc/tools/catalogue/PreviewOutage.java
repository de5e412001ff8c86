package dev.autonoc.tools.catalogue;

import static dev.autonoc.tools.catalogue.Trees.tree;

import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.tools.catalogue.ArgumentSchema.Args;
import dev.autonoc.tools.oss.OutagePreview;
import dev.autonoc.tools.oss.ServiceActivation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code preview_outage}: the what-if to ask before any invasive step. What taking an element out
 * of service (drained, or under work with its traffic moved first) at a time would do, on top of
 * every element out then; no effect.
 */
final class PreviewOutage extends CatalogueTool {

    static final long DEFAULT_MINUTES = 60;
    static final long MAX_MINUTES = 7 * 24 * 60;

    private final ServiceActivation activation;
    private final Clock clock;

    PreviewOutage(ServiceActivation activation, Clock clock) {
        super(
                ToolNames.PREVIEW_OUTAGE,
                ToolKind.READ,
                ServiceActivation.API,
                "What taking an element out of service (drained, or under work with its traffic"
                        + " moved off first) from 'at' for 'duration_minutes' would do, on top of"
                        + " every element out then (failed, drained, restarting, under work, jobs"
                        + " booked in that window): the busiest link at that hour's load and at"
                        + " the daily peak, links over capacity, radio sites and consumers cut"
                        + " off, enterprise slices breached, customer-minutes lost, and whether it"
                        + " is safe. Changes nothing.",
                List.of(
                        Arg.string("element_id", "the element to take out, e.g. core-rtr-02"),
                        Arg.string("at", "when it would go out (default now; earlier reads as now)")
                                .asDateTime()
                                .optional(),
                        Arg.integer("duration_minutes", "how long it would be out", 1, MAX_MINUTES)
                                .withDefault(DEFAULT_MINUTES)));
        this.activation = activation;
        this.clock = clock;
    }

    @Override
    Estimate estimate(Args args) {
        return Estimate.free(Risk.LOW);
    }

    @Override
    ToolResult run(Args args, ToolInvocation invocation) {
        // the what-if's own system says whether it knows the element (an unknown one is INVALID,
        // named): no second exchange with the inventory first, which every what-if of a planning
        // round paid for (docs/benchmarks.md, "what the twin did to answer")
        String id = args.string("element_id");
        Instant at = args.values().containsKey("at") ? args.instant("at") : clock.instant();
        OutagePreview p =
                activation.previewOutage(
                        id, at, Duration.ofMinutes(args.integer("duration_minutes")));
        return ToolResult.succeeded(
                output(p),
                (p.safe() ? "safe" : "not safe")
                        + " to take "
                        + id
                        + " out at "
                        + p.at()
                        + ": busiest link at "
                        + Math.round(p.maxUtilizationAfter() * 100)
                        + " %, "
                        + p.sitesIsolated()
                        + " radio site(s) cut off, "
                        + p.slicesBreached()
                        + " slice(s) breached");
    }

    static Map<String, Object> output(OutagePreview p) {
        List<Object> overloaded =
                p.overloadedLinks().entrySet().stream()
                        .<Object>map(e -> tree("link_id", e.getKey(), "utilization", e.getValue()))
                        .toList();
        return tree(
                "element_id", p.resourceId(),
                "at", p.at().toString(),
                "duration_minutes", p.duration().toMinutes(),
                "load_factor", p.loadFactor(),
                "max_utilization_after", p.maxUtilizationAfter(),
                "peak_max_utilization_after", p.peakMaxUtilizationAfter(),
                "overloaded_links", overloaded,
                "sites_isolated", (long) p.sitesIsolated(),
                "consumers_cut", p.consumersCut(),
                "slices_breached", (long) p.slicesBreached(),
                "customer_minutes", p.customerMinutes(),
                "elements_out", p.elementsOut(),
                "safe", p.safe());
    }
}
