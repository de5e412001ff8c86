package dev.autonoc.core.planner;

import static dev.autonoc.core.tool.ToolNames.DISPATCH_ENGINEER;
import static dev.autonoc.core.tool.ToolNames.GET_ORDER;
import static dev.autonoc.core.tool.ToolNames.LIST_ENGINEERS;
import static dev.autonoc.core.tool.ToolNames.ORDER_PART;
import static dev.autonoc.core.tool.ToolValues.instant;

import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.plan.CaseContext;
import dev.autonoc.core.plan.Holding;
import dev.autonoc.core.planner.RepairChoice.Busy;
import dev.autonoc.core.planner.RepairChoice.Engineer;
import dev.autonoc.core.planner.RepairChoice.Supply;
import dev.autonoc.core.prediction.Part;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolResult;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a part replacement can be made of, read for one planning: the ways to get the part there
 * (the stock's sources, expedited or not, and the order the case already has standing), every
 * engineer with the skill with what other cases hold of their time, and the case's own standing
 * steps; with the arguments an order or a booking is proposed under, which are also what a person's
 * "do not repeat" is matched against. {@link PartReplacement} searches and plans over it.
 */
final class RepairMeans {

    private final Playbook playbook;
    private final Part part;
    private final Element element;
    private final String skill;

    RepairMeans(Playbook playbook, Part part, Element element, String skill) {
        this.playbook = playbook;
        this.part = part;
        this.element = element;
        this.skill = skill;
    }

    /** The skill an engineer needs for this element's kind. */
    String skill() {
        return skill;
    }

    Optional<StepRecord> standing(String tool) {
        return standing(playbook.context, part, tool);
    }

    /** The case's standing step of {@code tool} (an order: of this part), the latest. */
    static Optional<StepRecord> standing(CaseContext context, Part part, String tool) {
        return context.commitments().stream()
                .filter(s -> s.call().tool().equals(tool))
                .filter(
                        s ->
                                !tool.equals(ORDER_PART)
                                        || part.code().equals(s.call().arguments().get("part")))
                .reduce((a, b) -> b);
    }

    List<Supply> supplies(Readings stock, Optional<StepRecord> keptOrder) {
        double price = stock.numberOr("price_gbp", 0.0);
        List<Supply> out = new ArrayList<>();
        keptOrder.ifPresent(
                o -> {
                    Optional<Readings> oss = playbook.ossOf(GET_ORDER, "order_key", o);
                    if (oss.map(r -> "cancelled".equals(r.stringOr("state", ""))).orElse(false)) {
                        return;
                    }
                    // the OSS's word on when it arrives (a supplier may be late) over the record's
                    Instant arrival =
                            oss.flatMap(r -> instant(r.stringOr("expected_delivery_at", "")))
                                    .or(() -> instant(o.output().get("delivery_at")))
                                    .or(o::completesAt)
                                    .orElse(playbook.now);
                    out.add(
                            new Supply(
                                    RepairChoice.ON_ORDER,
                                    Boolean.TRUE.equals(o.call().arguments().get("expedite")),
                                    arrival.isBefore(playbook.now) ? playbook.now : arrival,
                                    0.0,
                                    OptionalInt.of(o.index())));
                });
        for (Readings option : stock.list("options")) {
            String source = option.string("source");
            if (option.number("available") < 1 && !"supplier".equals(source)) {
                continue;
            }
            for (boolean expedite : new boolean[] {false, true}) {
                if (playbook.context.excluded(ORDER_PART, orderArgs(source, expedite))) {
                    continue;
                }
                double minutes =
                        option.number(
                                expedite ? "expedited_lead_time_minutes" : "lead_time_minutes");
                double surcharge = expedite ? option.numberOr("expedite_surcharge_pct", 50.0) : 0.0;
                out.add(
                        new Supply(
                                source,
                                expedite,
                                playbook.now.plus(Duration.ofMinutes((long) Math.ceil(minutes))),
                                price * (1.0 + surcharge / 100.0),
                                OptionalInt.empty()));
            }
        }
        return out;
    }

    /**
     * The part's lead time by the cheapest supply that is not expedited: what a watch must allow.
     */
    Duration leadOf(List<Supply> supplies) {
        return supplies.stream()
                .filter(s -> !s.expedite())
                .min(Comparator.comparingDouble(Supply::costGbp).thenComparing(Supply::arrival))
                .map(s -> Duration.between(playbook.now, s.arrival()))
                .orElse(Duration.ZERO)
                .plus(playbook.settings.arrivalBuffer())
                .plus(playbook.settings.decisionLead());
    }

    /**
     * Every engineer with the skill, of every region, with what other cases hold of their time.
     *
     * @param crewRead what {@link #crewCall} answered when it was read ahead with the element's
     *     other first reads; empty: read now
     */
    List<Engineer> engineers(Optional<ToolResult> crewRead) {
        List<Readings> rows = crew(crewRead);
        Set<String> mine = ownBookings();
        List<Engineer> out = new ArrayList<>();
        for (Readings r : rows) {
            if (!r.strings("skills").contains(skill)) {
                continue;
            }
            String id = r.string("engineer_id");
            List<Busy> busy = new ArrayList<>();
            for (Readings w : r.list("booked")) {
                Instant from = w.instant("from");
                if (mine.contains(id + "@" + from)) {
                    continue; // this case's own booking: free for this case
                }
                busy.add(new Busy(from, w.instant("to"), takeable(id, from)));
            }
            for (Readings w : r.list("unavailable")) {
                busy.add(new Busy(w.instant("from"), w.instant("to"), Optional.empty()));
            }
            for (Holding h : playbook.context.holdings()) {
                if (h.engineerId().equals(id) && !h.booked()) {
                    busy.add(new Busy(h.from(), h.to(), takeable(h)));
                }
            }
            out.add(
                    new Engineer(
                            id,
                            r.stringOr("region", element.region()),
                            Duration.ofMinutes(
                                    (long) Math.ceil(r.numberOr("travel_minutes", 120.0))),
                            r.strings("shift_days").stream().map(DayOfWeek::valueOf).toList(),
                            LocalTime.parse(r.string("shift_start")),
                            LocalTime.parse(r.string("shift_end")),
                            busy));
        }
        return out;
    }

    /** The read of every region's engineers with the skill to come to the element's site. */
    static ToolCall crewCall(Element element) {
        return ToolCall.of(LIST_ENGINEERS, Map.of("site", element.site()));
    }

    /** Every region's engineers; a catalogue that needs a region gets the element's. */
    private List<Readings> crew(Optional<ToolResult> crewRead) {
        ToolCall call = crewCall(element);
        ToolResult all =
                crewRead.orElseGet(
                        () -> playbook.request.reader().read(call.tool(), call.arguments()));
        if (all.succeeded()) {
            return new Readings(LIST_ENGINEERS, all.output()).list("engineers");
        }
        return playbook.read(
                        LIST_ENGINEERS, Map.of("region", element.region(), "site", element.site()))
                .list("engineers");
    }

    private Set<String> ownBookings() {
        Set<String> own = new HashSet<>();
        for (StepRecord s : playbook.context.commitments()) {
            if (s.call().tool().equals(DISPATCH_ENGINEER)) {
                own.add(
                        s.call().arguments().get("engineer_id")
                                + "@"
                                + s.call().arguments().get("start"));
            }
        }
        return own;
    }

    private Optional<Holding> takeable(String engineer, Instant from) {
        return playbook.context.holdings().stream()
                .filter(h -> h.booked() && h.engineerId().equals(engineer) && h.from().equals(from))
                .findFirst()
                .flatMap(this::takeable);
    }

    /** A holding this case may take: its holder's element fails later, and nobody left yet. */
    private Optional<Holding> takeable(Holding h) {
        boolean lessUrgent = h.holderDeadline().isAfter(playbook.prediction.earliestFailureAt());
        return lessUrgent && !h.started() ? Optional.of(h) : Optional.empty();
    }

    Map<String, Object> orderArgs(String source, boolean expedite) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("part", part.code());
        args.put("source", source);
        args.put("site", element.site());
        args.put("element_id", playbook.elementId());
        args.put("expedite", expedite);
        return args;
    }

    Map<String, Object> dispatchArgs(RepairChoice c) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("engineer_id", c.engineerId());
        args.put("element_id", playbook.elementId());
        args.put("site", element.site());
        args.put("start", c.start().toString());
        args.put("task", "replace " + part.code());
        args.put("part", part.code());
        return args;
    }
}
