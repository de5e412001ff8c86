package dev.autonoc.simulators;

import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.core.tool.ToolDescriptor;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The world being difficult at the tool boundary. TOOL_FAULTS: a tool's calls fail at the
 * scenario's rate, half as "service unavailable" before anything happened (TRANSIENT: a new
 * attempt, with a new key, may succeed) and half as a time-out after the effect happened
 * (UNCERTAIN: the retry under the same key gets the first result, with no second effect, from the
 * tool's and the client's idempotency). UNTRUSTED_TEXT at tool_output: every read tool's answer
 * carries the text under {@code text}.
 *
 * <p>Each faulty tool draws from its own stream, one draw per call, so the faults of one tool do
 * not depend on how often the others are called.
 */
final class InjectedFaults {

    /** Tools added to the catalogue after its first sixteen, in the order they were added. */
    static final List<String> ADDED_LATER =
            List.of(
                    ToolNames.CANCEL_ORDER,
                    ToolNames.CANCEL_APPOINTMENT,
                    ToolNames.GET_ORDER,
                    ToolNames.GET_APPOINTMENT,
                    ToolNames.PREVIEW_OUTAGE);

    private InjectedFaults() {}

    static ToolCatalogue wrap(
            ToolCatalogue inner, TwinSpec spec, World world, SplittableRandom rng) {
        Map<String, Double> rates = new HashMap<>();
        List<String> texts = new ArrayList<>();
        for (Disturbance d : spec.disturbances()) {
            if (d instanceof Disturbance.ToolFaults t) {
                rates.merge(t.tool(), t.errorRate(), (a, b) -> 1 - (1 - a) * (1 - b));
            } else if (d instanceof Disturbance.UntrustedText u
                    && u.where() == Disturbance.UntrustedText.Where.TOOL_OUTPUT) {
                texts.add(u.text());
            }
        }
        if (rates.isEmpty() && texts.isEmpty()) {
            return inner;
        }
        String text = String.join("\n", texts);
        // A stream per tool, split whether or not the tool is faulty: the first catalogue's tools
        // in catalogue order, then the tools added since in the order they were added, so that a
        // new tool leaves the faults an existing scenario meets as they were.
        Map<String, SplittableRandom> streams = new HashMap<>();
        for (Tool tool : inner.tools()) {
            if (!ADDED_LATER.contains(tool.name())) {
                streams.put(tool.name(), rng.split());
            }
        }
        for (String name : ADDED_LATER) {
            streams.put(name, rng.split());
        }
        List<Tool> out = new ArrayList<>();
        for (Tool tool : inner.tools()) {
            SplittableRandom own = streams.get(tool.name());
            double rate = rates.getOrDefault(tool.name(), 0.0);
            boolean addText = !texts.isEmpty() && tool.descriptor().kind() == ToolKind.READ;
            out.add(
                    rate > 0 || addText
                            ? new Faulty(tool, rate, own, addText ? text : null, world)
                            : tool);
        }
        return ToolCatalogue.of(out);
    }

    private static final class Faulty implements Tool {
        private final Tool inner;
        private final double rate;
        private final SplittableRandom rng;
        private final String text;
        private final World world;

        Faulty(Tool inner, double rate, SplittableRandom rng, String text, World world) {
            this.inner = inner;
            this.rate = rate;
            this.rng = rng;
            this.text = text;
            this.world = world;
        }

        @Override
        public ToolDescriptor descriptor() {
            return inner.descriptor();
        }

        @Override
        public Estimate estimate(Map<String, Object> arguments) {
            return inner.estimate(arguments);
        }

        @Override
        public ToolResult execute(ToolInvocation invocation) {
            double u;
            synchronized (world) {
                u = rate > 0 ? rng.nextDouble() : 1.0;
            }
            if (u < rate / 2) {
                return ToolResult.unavailable(
                        name() + ": the far side is unavailable (503); nothing happened");
            }
            ToolResult result = inner.execute(invocation);
            if (u < rate) {
                return ToolResult.uncertain(
                        name()
                                + ": timed out waiting for the far side; the call may have taken"
                                + " effect, retry with the same key");
            }
            if (text != null && result.succeeded()) {
                Map<String, Object> output = new LinkedHashMap<>(result.output());
                output.put("text", text);
                return new ToolResult(
                        result.outcome(),
                        output,
                        result.summary(),
                        result.completesAt(),
                        result.costGbp());
            }
            return result;
        }
    }
}
