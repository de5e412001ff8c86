package dev.autonoc.core.planner;

import dev.autonoc.core.plan.Holding;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One way to get a part and an engineer to a site: where the part comes from (or the one already on
 * order), whether it is expedited, who goes (from any region) and when, what it costs, and whose
 * booking it takes, if any. {@link Search} finds them all.
 *
 * @param source a warehouse, {@code central}, {@code supplier}, or {@link #ON_ORDER}
 * @param keptOrder the case's standing order the choice relies on
 * @param keptAppointment the case's standing booking the choice relies on
 * @param takes bookings of less urgent cases the choice's slot needs
 * @param travel how long the engineer drives to the site (they leave that long before {@code
 *     start}, and from then on the booking cannot be undone)
 */
record RepairChoice(
        String source,
        boolean expedite,
        Instant arrival,
        String engineerId,
        String engineerRegion,
        Instant start,
        boolean inShift,
        boolean beforeDeadline,
        double costGbp,
        OptionalInt keptOrder,
        OptionalInt keptAppointment,
        List<Holding> takes,
        Duration travel) {

    static final String ON_ORDER = "on order";

    RepairChoice {
        takes = List.copyOf(takes);
    }

    /** Where a part can come from, when it arrives and what it adds to the bill. */
    record Supply(
            String source,
            boolean expedite,
            Instant arrival,
            double costGbp,
            OptionalInt keptOrder) {}

    /** A busy window in an engineer's diary; a less urgent case's booking can be taken. */
    record Busy(Instant from, Instant to, Optional<Holding> takeable) {
        boolean overlaps(Instant a, Instant b) {
            return a.isBefore(to) && from.isBefore(b);
        }
    }

    /** An engineer as list_engineers describes them, with what other cases hold of their time. */
    record Engineer(
            String id,
            String region,
            Duration travel,
            List<DayOfWeek> days,
            LocalTime shiftStart,
            LocalTime shiftEnd,
            List<Busy> busy) {

        boolean inShift(Instant start, Duration work) {
            ZonedDateTime s = start.atZone(ZoneOffset.UTC);
            ZonedDateTime end = s.plus(work);
            return days.contains(s.getDayOfWeek())
                    && !s.toLocalTime().isBefore(shiftStart)
                    && end.toLocalDate().equals(s.toLocalDate())
                    && !end.toLocalTime().isAfter(shiftEnd);
        }

        /** What stands in the way of a job at {@code t}; travel both ways counts as busy. */
        List<Busy> clashes(Instant t, Duration work) {
            Instant leave = t.minus(travel);
            Instant end = t.plus(work).plus(travel);
            List<Busy> out = new ArrayList<>();
            for (Busy b : busy) {
                if (b.overlaps(leave, end)) {
                    out.add(b);
                }
            }
            return out;
        }
    }

    /** The search over supplies, engineers and slots, for one case at one time. */
    static final class Search {
        private final Instant now;
        private final Optional<Instant> deadline;
        private final PlaybookSettings settings;
        private final String homeRegion;
        private final Duration approvalLead;

        Search(
                Instant now,
                Optional<Instant> deadline,
                PlaybookSettings settings,
                String homeRegion) {
            this(now, deadline, settings, homeRegion, Duration.ZERO);
        }

        /**
         * @param approvalLead how long a visit must leave for a person's approval before the
         *     engineer sets off
         */
        Search(
                Instant now,
                Optional<Instant> deadline,
                PlaybookSettings settings,
                String homeRegion,
                Duration approvalLead) {
            this.now = now;
            this.deadline = deadline;
            this.settings = settings;
            this.homeRegion = homeRegion;
            this.approvalLead = approvalLead;
        }

        /**
         * Every choice: for each supply and engineer, the first free slot in shift and the first at
         * any hour, without taking anyone's booking; and where that is too late, the first slot
         * that takes a less urgent case's booking.
         */
        List<RepairChoice> all(List<Supply> supplies, List<Engineer> engineers, double calloutGbp) {
            List<RepairChoice> out = new ArrayList<>();
            Instant horizon = now.plus(settings.searchHorizon());
            for (Supply supply : supplies) {
                for (Engineer e : engineers) {
                    Instant earliest =
                            latest(
                                    supply.arrival().plus(settings.arrivalBuffer()),
                                    now.plus(e.travel()).plus(settings.slotStep()));
                    earliest = roundUp(earliest, settings.slotStep());
                    Instant approved =
                            roundUp(
                                    latest(
                                            earliest,
                                            now.plus(approvalLead)
                                                    .plus(e.travel())
                                                    .plus(settings.slotStep())),
                                    settings.slotStep());
                    for (boolean shiftOnly : new boolean[] {true, false}) {
                        Instant from = approved;
                        Optional<Instant> free = firstSlot(e, from, horizon, shiftOnly, false);
                        free.ifPresent(s -> out.add(choice(supply, e, s, List.of(), calloutGbp)));
                        if (free.isEmpty() || !inTime(free.get())) {
                            firstSlot(e, from, horizon, shiftOnly, true)
                                    .filter(s -> free.isEmpty() || s.isBefore(free.get()))
                                    .ifPresent(
                                            s ->
                                                    out.add(
                                                            choice(
                                                                    supply,
                                                                    e,
                                                                    s,
                                                                    takeable(e, s),
                                                                    calloutGbp)));
                        }
                    }
                }
            }
            return out;
        }

        /**
         * The latest start of a job in shift that still ends by the deadline, for any engineer: how
         * long a watch may wait before it must decide.
         */
        Optional<Instant> latestInTimeStart(List<Engineer> engineers) {
            if (deadline.isEmpty()) {
                return Optional.empty();
            }
            Instant best = null;
            for (Engineer e : engineers) {
                Instant t =
                        roundDown(
                                deadline.get().minus(settings.repairDuration()),
                                settings.slotStep());
                for (; t.isAfter(now.plus(e.travel())); t = t.minus(settings.slotStep())) {
                    if (e.inShift(t, settings.repairDuration())
                            && e.clashes(t, settings.repairDuration()).isEmpty()) {
                        break;
                    }
                }
                if (t.isAfter(now.plus(e.travel())) && (best == null || t.isAfter(best))) {
                    best = t;
                }
            }
            return Optional.ofNullable(best);
        }

        private Optional<Instant> firstSlot(
                Engineer e, Instant from, Instant horizon, boolean shiftOnly, boolean taking) {
            for (Instant t = from; t.isBefore(horizon); t = t.plus(settings.slotStep())) {
                if (shiftOnly && !e.inShift(t, settings.repairDuration())) {
                    continue;
                }
                List<Busy> clashes = e.clashes(t, settings.repairDuration());
                boolean free =
                        taking
                                ? clashes.stream().allMatch(b -> b.takeable().isPresent())
                                : clashes.isEmpty();
                if (free) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }

        private List<Holding> takeable(Engineer e, Instant t) {
            return e.clashes(t, settings.repairDuration()).stream()
                    .map(b -> b.takeable().orElseThrow())
                    .toList();
        }

        private RepairChoice choice(
                Supply supply, Engineer e, Instant start, List<Holding> takes, double calloutGbp) {
            boolean shift = e.inShift(start, settings.repairDuration());
            double callout = shift ? calloutGbp : 2 * calloutGbp;
            return new RepairChoice(
                    supply.source(),
                    supply.expedite(),
                    supply.arrival(),
                    e.id(),
                    e.region(),
                    start,
                    shift,
                    inTime(start),
                    supply.costGbp() + callout,
                    supply.keptOrder(),
                    OptionalInt.empty(),
                    takes,
                    e.travel());
        }

        boolean inTime(Instant start) {
            return deadline.map(d -> !start.plus(settings.repairDuration()).isAfter(d))
                    .orElse(false);
        }

        /**
         * Which way to mend is best. In time: the cheapest, keeping what the case has, the home
         * region's engineer, the earliest; taking another case's booking only when nothing else is
         * in time. Late (down already, or nothing beats the deadline): the earliest, whatever it
         * costs.
         */
        Comparator<RepairChoice> preference(boolean late) {
            Comparator<RepairChoice> kept =
                    Comparator.comparing((RepairChoice c) -> c.keptAppointment().isEmpty())
                            .thenComparing(c -> c.keptOrder().isEmpty());
            Comparator<RepairChoice> tail =
                    Comparator.comparing((RepairChoice c) -> !c.engineerRegion().equals(homeRegion))
                            .thenComparing(RepairChoice::start)
                            .thenComparing(RepairChoice::engineerId)
                            .thenComparing(RepairChoice::source)
                            .thenComparing(RepairChoice::expedite);
            if (late) {
                return Comparator.comparing(RepairChoice::start)
                        .thenComparing(c -> !c.takes().isEmpty())
                        .thenComparing(RepairChoice::costGbp)
                        .thenComparing(kept)
                        .thenComparing(tail);
            }
            return Comparator.comparing((RepairChoice c) -> !c.takes().isEmpty())
                    .thenComparing(RepairChoice::costGbp)
                    .thenComparing(kept)
                    .thenComparing(tail);
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    static Instant roundUp(Instant t, Duration step) {
        long s = step.getSeconds();
        long epoch = t.getEpochSecond();
        return Instant.ofEpochSecond(Math.floorDiv(epoch + s - 1, s) * s);
    }

    static Instant roundDown(Instant t, Duration step) {
        long s = step.getSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), s) * s);
    }

    /** The same choice relying on the case's standing booking (no new one). */
    RepairChoice keepingAppointment(int index) {
        return new RepairChoice(
                source,
                expedite,
                arrival,
                engineerId,
                engineerRegion,
                start,
                inShift,
                beforeDeadline,
                costGbp,
                keptOrder,
                OptionalInt.of(index),
                takes,
                travel);
    }
}
