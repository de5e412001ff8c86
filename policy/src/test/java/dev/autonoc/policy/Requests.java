package dev.autonoc.policy;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolResult;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds action requests for tests: an element in {@code north}, Monday 6 January 2025. */
final class Requests {

    /** The start of every simulated run (OPERATOR.md): Monday 6 January 2025, 00:00 UTC. */
    static final Instant MONDAY = Instant.parse("2025-01-06T00:00:00Z");

    /** The estimate facts the default policy's rules read, for generators of facts. */
    static final List<String> DEFAULT_POLICY_FACTS =
            List.of(
                    "in_shift",
                    "engineer_has_skill",
                    "max_utilization_after",
                    "slices_breached",
                    "sites_isolated",
                    "traffic_moved",
                    "credit_per_customer");

    private String tool = "open_ticket";
    private final Map<String, Object> args = new HashMap<>();
    private double cost;
    private final Map<String, Object> facts = new HashMap<>();
    private String elementId = "core-rtr-01";
    private ElementKind kind = ElementKind.ROUTER;
    private String region = "north";
    private Instant at = MONDAY.plusSeconds(10 * 3600);

    static Requests of(String tool) {
        Requests r = new Requests();
        r.tool = tool;
        return r;
    }

    Requests cost(double gbp) {
        this.cost = gbp;
        return this;
    }

    Requests fact(String key, Object value) {
        facts.put(key, value);
        return this;
    }

    Requests arg(String key, Object value) {
        args.put(key, value);
        return this;
    }

    Requests element(String id, String region) {
        this.elementId = id;
        this.region = region;
        return this;
    }

    Requests kind(ElementKind kind) {
        this.kind = kind;
        return this;
    }

    Requests at(Instant at) {
        this.at = at;
        return this;
    }

    /** At {@code hh:mm} UTC on the run's first day, a Monday. */
    Requests at(int hour, int minute) {
        return at(MONDAY.plusSeconds(hour * 3600L + minute * 60L));
    }

    ActionRequest build() {
        return new ActionRequest(
                new CaseId("case-1"),
                1,
                ToolCall.of(tool, args),
                new Estimate(cost, Risk.LOW, facts),
                new Element(ElementId.of(elementId), kind, "core", region, "site-01"),
                at,
                "agent:playbook",
                Optional.empty());
    }

    static ToolResult succeeded(double costGbp) {
        return new ToolResult(
                ToolResult.Outcome.SUCCEEDED, Map.of(), "done", Optional.empty(), costGbp);
    }

    static ToolResult succeededUntil(Instant completesAt) {
        return new ToolResult(
                ToolResult.Outcome.SUCCEEDED, Map.of(), "done", Optional.of(completesAt), 0.0);
    }
}
