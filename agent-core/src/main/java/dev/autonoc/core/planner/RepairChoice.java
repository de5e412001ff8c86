package dev.autonoc.core.planner;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One way to get a part and an engineer to a site: where the part comes from, whether it is
 * expedited, who goes and when. {@link #best} searches them all.
 */
record RepairChoice(
        String source,
        boolean expedite,
        Instant arrival,
        String engineerId,
        Instant start,
        boolean inShift,
        boolean beforeDeadline) {

    static Optional<RepairChoice> best(
            Instant now,
            Optional<Instant> deadline,
            Readings stock,
            List<Readings> engineers,
            String skill,
            PlaybookSettings settings) {
        List<RepairChoice> choices = new ArrayList<>();
        for (Readings option : stock.list("options")) {
            String source = option.string("source");
            if (option.number("available") < 1 && !"supplier".equals(source)) {
                continue;
            }
            for (boolean expedite : new boolean[] {false, true}) {
                double minutes =
                        option.number(
                                expedite ? "expedited_lead_time_minutes" : "lead_time_minutes");
                Instant arrival = now.plus(Duration.ofMinutes((long) Math.ceil(minutes)));
                for (Readings engineer : engineers) {
                    if (!engineer.strings("skills").contains(skill)) {
                        continue;
                    }
                    Engineer e = Engineer.from(engineer);
                    Instant earliest =
                            latest(
                                    arrival.plus(settings.arrivalBuffer()),
                                    now.plus(e.travel()).plus(settings.slotStep()));
                    earliest = roundUp(earliest, settings.slotStep());
                    Instant horizon = now.plus(settings.searchHorizon());
                    e.firstSlot(earliest, horizon, settings, true)
                            .ifPresent(
                                    s ->
                                            choices.add(
                                                    choice(
                                                            source, expedite, arrival, e, s, true,
                                                            deadline, settings)));
                    e.firstSlot(earliest, horizon, settings, false)
                            .ifPresent(
                                    s ->
                                            choices.add(
                                                    choice(
                                                            source,
                                                            expedite,
                                                            arrival,
                                                            e,
                                                            s,
                                                            e.inShift(s, settings),
                                                            deadline,
                                                            settings)));
                }
            }
        }
        // When nothing can end before the deadline (or the element is down already), the
        // earliest repair is best, whatever it costs.
        List<RepairChoice> inTime = choices.stream().filter(RepairChoice::beforeDeadline).toList();
        boolean late = deadline.isEmpty() || inTime.isEmpty();
        return (late ? choices : inTime).stream().min(PlaybookPlanner.preference(late));
    }

    private static RepairChoice choice(
            String source,
            boolean expedite,
            Instant arrival,
            Engineer e,
            Instant start,
            boolean inShift,
            Optional<Instant> deadline,
            PlaybookSettings settings) {
        boolean before =
                deadline.map(d -> !start.plus(settings.repairDuration()).isAfter(d)).orElse(true);
        return new RepairChoice(source, expedite, arrival, e.id(), start, inShift, before);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    static Instant roundUp(Instant t, Duration step) {
        long s = step.getSeconds();
        long epoch = t.getEpochSecond();
        long rounded = ((epoch + s - 1) / s) * s;
        return Instant.ofEpochSecond(rounded);
    }

    /** An engineer as list_engineers describes them. */
    private record Engineer(
            String id,
            Duration travel,
            List<DayOfWeek> days,
            LocalTime shiftStart,
            LocalTime shiftEnd,
            List<Instant[]> busy) {

        static Engineer from(Readings r) {
            List<Instant[]> busy = new ArrayList<>();
            for (String key : List.of("booked", "unavailable")) {
                for (Readings w : r.list(key)) {
                    busy.add(new Instant[] {w.instant("from"), w.instant("to")});
                }
            }
            List<DayOfWeek> days =
                    r.strings("shift_days").stream().map(DayOfWeek::valueOf).toList();
            double travel = r.number("travel_minutes");
            return new Engineer(
                    r.string("engineer_id"),
                    Duration.ofMinutes((long) Math.ceil(travel)),
                    days,
                    LocalTime.parse(r.string("shift_start")),
                    LocalTime.parse(r.string("shift_end")),
                    busy);
        }

        boolean inShift(Instant start, PlaybookSettings settings) {
            ZonedDateTime s = start.atZone(ZoneOffset.UTC);
            ZonedDateTime end = s.plus(settings.repairDuration());
            return days.contains(s.getDayOfWeek())
                    && !s.toLocalTime().isBefore(shiftStart)
                    && end.toLocalDate().equals(s.toLocalDate())
                    && !end.toLocalTime().isAfter(shiftEnd);
        }

        /**
         * The first free slot from {@code from}, in shift only if asked; travel counts as busy
         * time.
         */
        Optional<Instant> firstSlot(
                Instant from, Instant horizon, PlaybookSettings settings, boolean shiftOnly) {
            for (Instant t = from; t.isBefore(horizon); t = t.plus(settings.slotStep())) {
                if (shiftOnly && !inShift(t, settings)) {
                    continue;
                }
                Instant leave = t.minus(travel);
                Instant end = t.plus(settings.repairDuration()).plus(travel);
                boolean free = true;
                for (Instant[] window : busy) {
                    if (leave.isBefore(window[1]) && end.isAfter(window[0])) {
                        free = false;
                        break;
                    }
                }
                if (free) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }
}
