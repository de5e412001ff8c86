package dev.autonoc.core.planner;

import static dev.autonoc.core.tool.ToolNames.CHECK_STOCK;
import static dev.autonoc.core.tool.ToolNames.CLOSE_TICKET;
import static dev.autonoc.core.tool.ToolNames.DISPATCH_ENGINEER;
import static dev.autonoc.core.tool.ToolNames.GET_ELEMENT;
import static dev.autonoc.core.tool.ToolNames.LIST_ENGINEERS;
import static dev.autonoc.core.tool.ToolNames.NOTIFY_CUSTOMERS;
import static dev.autonoc.core.tool.ToolNames.OPEN_TICKET;
import static dev.autonoc.core.tool.ToolNames.ORDER_PART;
import static dev.autonoc.core.tool.ToolNames.REROUTE_TRAFFIC;
import static dev.autonoc.core.tool.ToolNames.RESTART_ELEMENT;
import static dev.autonoc.core.tool.ToolNames.RESTORE_TRAFFIC;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.plan.PlanningRequest;
import dev.autonoc.core.prediction.Part;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The default planner: a playbook per failure mode, timed from the predicted time to failure, stock
 * and delivery times, engineer shifts and the quiet hours.
 *
 * <p>Hardware faults: order the part so that it arrives first, book an engineer with the skill at
 * the earliest slot after it arrives (in shift if that is still before the failure), move the
 * traffic off just before the work (or warn the customers when there is no other path), restore it
 * after, close the ticket. A memory leak: move the traffic off in the next quiet hour, restart,
 * restore. Everything the planner knows of the world it read through the read tools.
 */
public final class PlaybookPlanner implements Planner {

    public static final String NAME = "playbook";
    static final String VERSION = "1";

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
        Element element = request.element();
        Readings info = read(request, GET_ELEMENT, Map.of("element_id", element.id().value()));
        boolean alternatePath = info.boolOr("has_alternate_path", false);
        Optional<Part> part = request.prediction().mode().part();
        return part.isPresent()
                ? replacePart(request, part.get(), alternatePath)
                : restart(request, alternatePath);
    }

    private Plan replacePart(PlanningRequest request, Part part, boolean alternatePath) {
        Element element = request.element();
        Instant now = request.now();
        Optional<Instant> deadline = deadline(request.prediction(), now);
        Readings stock =
                read(request, CHECK_STOCK, Map.of("part", part.code(), "site", element.site()));
        Readings crew =
                read(
                        request,
                        LIST_ENGINEERS,
                        Map.of("region", element.region(), "site", element.site()));
        RepairChoice choice =
                RepairChoice.best(
                                now,
                                deadline,
                                stock,
                                crew.list("engineers"),
                                skillFor(element),
                                settings)
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "no engineer with the skill '"
                                                        + skillFor(element)
                                                        + "' in "
                                                        + element.region()
                                                        + " and no source of "
                                                        + part.code()));

        Steps steps = new Steps(now);
        steps.add(openTicket(request), now, OptionalInt.empty(), "open the case's trouble ticket");
        steps.add(
                ToolCall.of(
                        ORDER_PART,
                        Map.of(
                                "part", part.code(),
                                "source", choice.source(),
                                "site", element.site(),
                                "element_id", element.id().value(),
                                "expedite", choice.expedite())),
                now,
                OptionalInt.empty(),
                "get a " + part.code() + " to " + element.site() + " before the engineer");
        int dispatch =
                steps.add(
                        ToolCall.of(
                                DISPATCH_ENGINEER,
                                Map.of(
                                        "engineer_id", choice.engineerId(),
                                        "element_id", element.id().value(),
                                        "site", element.site(),
                                        "start", choice.start().toString(),
                                        "task", "replace " + part.code(),
                                        "part", part.code())),
                        now,
                        OptionalInt.empty(),
                        "book " + choice.engineerId() + " to replace the " + part.code());
        String ending =
                workAround(
                        steps,
                        request,
                        alternatePath,
                        choice.start(),
                        dispatch,
                        choice.beforeDeadline()
                                ? Optional.empty()
                                : Optional.of(deadline.orElse(now)));
        steps.add(
                ToolCall.of(
                        CLOSE_TICKET,
                        Map.of(
                                "case_id",
                                request.caseId().value(),
                                "resolution",
                                part.code() + " replaced")),
                now,
                OptionalInt.of(dispatch),
                "close the ticket once the work is done");
        String rationale =
                String.format(
                        "%s predicted on %s (p=%.2f), failure expected %s%s; %s from %s%s arrives %s; %s starts %s (%s); %s",
                        request.prediction().mode(),
                        element.id(),
                        request.prediction().probability(),
                        request.prediction().expectedFailureAt(),
                        deadline.map(d -> ", work planned to end by " + d)
                                .orElse(", already failed"),
                        part.code(),
                        choice.source(),
                        choice.expedite() ? " (expedited)" : "",
                        choice.arrival(),
                        choice.engineerId(),
                        choice.start(),
                        choice.inShift() ? "in shift" : "out of hours",
                        choice.beforeDeadline()
                                ? ending
                                : ending
                                        + "; no slot ends before the deadline, so the earliest is taken");
        return new Plan(request.caseId(), NAME, VERSION, steps.list, rationale);
    }

    private Plan restart(PlanningRequest request, boolean alternatePath) {
        Instant now = request.now();
        Optional<Instant> deadline = deadline(request.prediction(), now);
        Instant drain = QuietHours.nextStart(now.plus(settings.slotStep()), settings);
        Instant restartAt = drain.plus(Duration.ofMinutes(10));
        boolean quiet = true;
        if (deadline.isPresent()
                && restartAt.plus(settings.restartDuration()).isAfter(deadline.get())) {
            drain = now;
            restartAt = now.plus(Duration.ofMinutes(10));
            quiet = false;
        }
        Steps steps = new Steps(now);
        steps.add(openTicket(request), now, OptionalInt.empty(), "open the case's trouble ticket");
        Map<String, Object> element = Map.of("element_id", request.element().id().value());
        if (alternatePath) {
            steps.add(
                    ToolCall.of(REROUTE_TRAFFIC, element),
                    drain,
                    OptionalInt.empty(),
                    "move the traffic off before the restart");
        } else {
            steps.add(
                    notify(request, restartAt, "a restart of about 10 minutes"),
                    now,
                    OptionalInt.empty(),
                    "warn the customers: there is no other path");
        }
        int restart =
                steps.add(
                        ToolCall.of(RESTART_ELEMENT, element),
                        restartAt,
                        OptionalInt.empty(),
                        "restart to clear the leak");
        if (alternatePath) {
            steps.add(
                    ToolCall.of(RESTORE_TRAFFIC, element),
                    now,
                    OptionalInt.of(restart),
                    "put the traffic back once the element is up");
        }
        steps.add(
                ToolCall.of(
                        CLOSE_TICKET,
                        Map.of("case_id", request.caseId().value(), "resolution", "restarted")),
                now,
                OptionalInt.of(restart),
                "close the ticket once the element is back");
        String rationale =
                String.format(
                        "%s predicted on %s (p=%.2f), failure expected %s; no part mends it: restart at %s (%s)%s",
                        request.prediction().mode(),
                        request.element().id(),
                        request.prediction().probability(),
                        request.prediction().expectedFailureAt(),
                        restartAt,
                        quiet ? "quiet hours" : "the failure comes before the next quiet hour",
                        alternatePath
                                ? ", with its traffic moved off first"
                                : ", customers warned: no other path");
        return new Plan(request.caseId(), NAME, VERSION, steps.list, rationale);
    }

    /** Moves the traffic around the work, or warns the customers when it has nowhere to go. */
    private String workAround(
            Steps steps,
            PlanningRequest request,
            boolean alternatePath,
            Instant start,
            int dispatch,
            Optional<Instant> drainEarly) {
        String element = request.element().id().value();
        boolean inTime = drainEarly.isEmpty();
        if (alternatePath) {
            // A repair that cannot come before the failure: move the traffic off by the deadline,
            // ahead of the failure, so that the failure takes down an element that carries
            // nothing; not earlier, since every hour drained is an hour without redundancy.
            steps.add(
                    ToolCall.of(REROUTE_TRAFFIC, Map.of("element_id", element)),
                    drainEarly.orElse(start.minus(settings.drainLead())),
                    OptionalInt.empty(),
                    inTime
                            ? "move the traffic off before the engineer starts"
                            : "move the traffic off ahead of the failure: the repair cannot beat it");
            steps.add(
                    ToolCall.of(RESTORE_TRAFFIC, Map.of("element_id", element)),
                    start,
                    OptionalInt.of(dispatch),
                    "put the traffic back after the work");
            return inTime
                    ? "traffic moved off for the work"
                    : "traffic moved off ahead of the failure";
        }
        steps.add(
                notify(
                        request,
                        start,
                        "planned maintenance of about "
                                + settings.repairDuration().toMinutes()
                                + " minutes"),
                request.now(),
                OptionalInt.empty(),
                "warn the customers: the element has no other path");
        return "customers warned: no other path for the traffic";
    }

    private ToolCall openTicket(PlanningRequest request) {
        Prediction p = request.prediction();
        long hours = Math.max(0, p.timeToFailure().toHours());
        return ToolCall.of(
                OPEN_TICKET,
                Map.of(
                        "case_id", request.caseId().value(),
                        "element_id", request.element().id().value(),
                        "summary",
                                String.format(
                                        "%s predicted on %s, p=%.2f, failure in about %d h",
                                        p.mode(), request.element().id(), p.probability(), hours),
                        "severity", hours < 24 ? "critical" : "major"));
    }

    private static ToolCall notify(PlanningRequest request, Instant at, String what) {
        return ToolCall.of(
                NOTIFY_CUSTOMERS,
                Map.of(
                        "element_id",
                        request.element().id().value(),
                        "message",
                        "We will carry out "
                                + what
                                + " on equipment serving you at "
                                + at
                                + " (UTC). Service may be interrupted."));
    }

    /**
     * The time by which the work should be over: ahead of the expected failure by a margin that
     * grows with how far away it is, since estimates further out are less certain. Empty when the
     * element has already failed.
     */
    private static Optional<Instant> deadline(Prediction p, Instant now) {
        Instant failsAt = p.expectedFailureAt();
        if (!failsAt.isAfter(now)) {
            return Optional.empty();
        }
        Duration remaining = Duration.between(now, failsAt);
        Duration margin = remaining.dividedBy(10);
        if (margin.compareTo(Duration.ofHours(2)) < 0) {
            margin = Duration.ofHours(2);
        }
        return Optional.of(failsAt.minus(margin));
    }

    private static String skillFor(Element element) {
        return switch (element.kind()) {
            case ROUTER -> "router";
            case RADIO -> "radio";
            case LINK -> "fibre";
        };
    }

    private static Readings read(
            PlanningRequest request, String tool, Map<String, Object> arguments) {
        ToolResult result = request.reader().read(tool, arguments);
        if (!result.succeeded()) {
            throw new IllegalStateException(tool + " failed: " + result.summary());
        }
        return new Readings(tool, result.output());
    }

    /** Accumulates steps, numbering them as they come. */
    private static final class Steps {
        private final List<PlanStep> list = new ArrayList<>();
        private final Instant now;

        Steps(Instant now) {
            this.now = now;
        }

        int add(ToolCall call, Instant notBefore, OptionalInt after, String purpose) {
            int index = list.size();
            Instant when = notBefore.isBefore(now) ? now : notBefore;
            list.add(new PlanStep(index, call, when, after, purpose));
            return index;
        }
    }

    /**
     * Which way to mend is best. With time before the deadline: in shift, not expedited, earliest.
     * Late (down already, or no way beats the deadline): the earliest, whatever it costs.
     */
    static Comparator<RepairChoice> preference(boolean late) {
        if (late) {
            return Comparator.comparing(RepairChoice::start)
                    .thenComparing(RepairChoice::expedite)
                    .thenComparing(c -> !c.inShift())
                    .thenComparing(RepairChoice::engineerId);
        }
        return Comparator.comparing((RepairChoice c) -> !c.inShift())
                .thenComparing(RepairChoice::expedite)
                .thenComparing(RepairChoice::start)
                .thenComparing(RepairChoice::engineerId);
    }
}
