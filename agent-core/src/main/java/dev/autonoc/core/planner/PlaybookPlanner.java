package dev.autonoc.core.planner;

import static dev.autonoc.core.tool.ToolNames.GET_ELEMENT;

import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.plan.PlanningRequest;
import dev.autonoc.core.prediction.Part;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The default planner: a playbook per failure mode (docs/agent.md, "The playbook"). A part that
 * wears out is replaced on site ({@link PartReplacement}); a memory leak is restarted in a quiet
 * hour ({@link SoftwareRestart}). Both watch an alarm they do not believe yet, search their
 * alternatives in order of cost against the deadline, check with the network that the work harms
 * nobody, and on a replan keep what still serves and undo the rest. Everything the planner knows of
 * the world it read through the read tools.
 */
public final class PlaybookPlanner implements Planner {

    public static final String NAME = "playbook";
    static final String VERSION = "2";

    private final PlaybookSettings settings;

    public PlaybookPlanner() {
        this(PlaybookSettings.operatorDefault());
    }

    public PlaybookPlanner(PlaybookSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public Plan plan(PlanningRequest request) {
        return assess(request).plan();
    }

    /** A playbook plan, and why the playbook doubts it, if it does. */
    record Assessment(Plan plan, Optional<String> doubt) {}

    Assessment assess(PlanningRequest request) {
        ToolCall element =
                ToolCall.of(GET_ELEMENT, Map.of("element_id", request.element().id().value()));
        Optional<Part> part = request.prediction().mode().part();
        Playbook playbook;
        if (part.isPresent()) {
            // the element, the part's stock and the crew do not depend on each other: asked
            // together when the plan will read all three (docs/agent.md, "The playbook")
            List<ToolCall> calls = new ArrayList<>();
            calls.add(element);
            calls.addAll(PartReplacement.firstReads(request, part.get()));
            List<ToolResult> read = request.reader().readTogether(calls);
            Readings info = Playbook.readings(GET_ELEMENT, read.get(0));
            playbook =
                    new PartReplacement(
                            request, settings, info, part.get(), read.subList(1, read.size()));
        } else {
            playbook =
                    new SoftwareRestart(
                            request,
                            settings,
                            Playbook.read(request, element.tool(), element.arguments()));
        }
        Plan plan = playbook.plan();
        return new Assessment(plan, playbook.doubt);
    }
}
