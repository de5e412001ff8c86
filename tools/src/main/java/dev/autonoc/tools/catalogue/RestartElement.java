package dev.autonoc.tools.catalogue;

import static dev.autonoc.tools.catalogue.Trees.tree;

import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.tools.catalogue.ArgumentSchema.Args;
import dev.autonoc.tools.oss.ActivationResult;
import dev.autonoc.tools.oss.OutagePreview;
import dev.autonoc.tools.oss.Resource;
import dev.autonoc.tools.oss.ResourceInventory;
import dev.autonoc.tools.oss.ResourceStatus;
import dev.autonoc.tools.oss.ServiceActivation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code restart_element}: restarts an element's software, 10 minutes down. */
final class RestartElement extends CatalogueTool {

    private final ResourceInventory inventory;
    private final ServiceActivation activation;
    private final Clock clock;

    RestartElement(ResourceInventory inventory, ServiceActivation activation, Clock clock) {
        super(
                ToolNames.RESTART_ELEMENT,
                ToolKind.ACT,
                ServiceActivation.API,
                "Restarts an element's software; it is down for 10 minutes. Traffic not moved off"
                        + " first (reroute_traffic) is lost meanwhile.",
                List.of(Arg.string("element_id", "the element to restart, e.g. core-rtr-02")));
        this.inventory = inventory;
        this.activation = activation;
        this.clock = clock;
    }

    @Override
    Estimate estimate(Args args) {
        Resource element = Trees.element(inventory, name(), args.string("element_id"));
        // "Moved" means drained by a reroute: an element DOWN or UNDER_WORK has not had its
        // traffic moved, it has lost it.
        boolean moved = element.resourceStatus() == ResourceStatus.DRAINED;
        Instant now = clock.instant();
        int hour = now.atZone(ZoneOffset.UTC).getHour();
        // the element is down for the restart: what the network does without it meanwhile
        OutagePreview outage =
                activation.previewOutage(element.id(), now, ServiceActivation.RESTART_DOWNTIME);
        Map<String, Object> facts =
                Trees.elementFacts(element, "traffic_moved", moved, "hour", (double) hour);
        facts.putAll(Trees.outageFacts(outage));
        return new Estimate(0.0, moved && outage.safe() ? Risk.MEDIUM : Risk.HIGH, facts);
    }

    @Override
    ToolResult run(Args args, ToolInvocation invocation) {
        ActivationResult result =
                activation.restart(args.string("element_id"), invocation.key().value());
        Instant end =
                result.completionDate()
                        .orElseGet(() -> clock.instant().plus(ServiceActivation.RESTART_DOWNTIME));
        long downMinutes = ServiceActivation.RESTART_DOWNTIME.toMinutes();
        return new ToolResult(
                ToolResult.Outcome.SUCCEEDED,
                tree("down_minutes", downMinutes),
                "restarting " + result.resourceId() + ", back at " + end,
                Optional.of(end),
                0.0);
    }
}
