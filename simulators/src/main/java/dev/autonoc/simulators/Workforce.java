package dev.autonoc.simulators;

import dev.autonoc.core.prediction.Part;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The field engineers: per region, each with skills, a weekday shift, travel times by site and a
 * diary of jobs (OPERATOR.md, field workforce). ENGINEER_SICK makes a region's engineers, or one
 * engineer, unavailable in its window once it is known (from the run's start, or its notice before
 * the window): from then a booking whose travel or work would fall in it is refused at booking, so
 * that the agent learns at once and can pick another engineer or time, and the jobs already booked
 * in it that have not started are cancelled, uncharged, with the reason.
 */
final class Workforce {

    static final List<String> SKILLS = List.of("router", "radio", "fibre");
    static final Set<DayOfWeek> SHIFT_DAYS =
            EnumSet.of(
                    DayOfWeek.MONDAY,
                    DayOfWeek.TUESDAY,
                    DayOfWeek.WEDNESDAY,
                    DayOfWeek.THURSDAY,
                    DayOfWeek.FRIDAY);
    static final int DEFAULT_PER_REGION = 2;

    /** An engineer's id: {@code eng-<region>-<n>}, n from 1. */
    static final java.util.regex.Pattern ENGINEER_ID =
            java.util.regex.Pattern.compile("eng-(north|south|east|west)-([1-9][0-9]*)");

    static final double IN_SHIFT_GBP = 300.0;
    static final double OVERTIME_GBP = 300.0;

    /** What it adds to drive to a site of another region. */
    static final Duration OTHER_REGION_EXTRA = Duration.ofHours(2);

    private final World world;
    final Map<String, Engineer> engineers = new LinkedHashMap<>();
    private final Map<String, Duration> travel = new HashMap<>();
    private final List<Sickness> sick = new ArrayList<>();
    private final Map<String, Job> jobs = new HashMap<>();
    private final Map<String, Job> jobsByKey = new HashMap<>();
    private int jobCount;

    record Window(Instant from, Instant to) {
        boolean overlaps(Instant a, Instant b) {
            return a.isBefore(to) && from.isBefore(b);
        }
    }

    /** A sickness: whom it strikes (a region's engineers, or one), when, and when it is known. */
    record Sickness(String region, String engineer, Window window, Instant knownAt) {
        boolean strikes(Engineer e) {
            return engineer != null ? engineer.equals(e.id) : region.equals(e.region);
        }
    }

    static final class Engineer {
        final String id;
        final String region;
        final List<Job> jobs = new ArrayList<>();

        Engineer(String id, String region) {
            this.id = id;
            this.region = region;
        }
    }

    /**
     * A booked visit; {@link #mends} fills in when the work starts with the right part. A cancelled
     * job keeps its place in the diary's history but holds no time and never starts.
     */
    static final class Job {
        final String id;
        final String key;
        final Engineer engineer;
        final int element;
        final String site;
        final Instant leave;
        final Instant start;
        final Instant end;
        final Part part;
        final String task;
        final boolean inShift;
        final double costGbp;
        final List<FaultRun> mends = new ArrayList<>();
        Instant cancelledAt;
        String cancelReason;

        Job(
                String id,
                String key,
                Engineer engineer,
                int element,
                String site,
                Instant leave,
                Instant start,
                Instant end,
                Part part,
                String task,
                boolean inShift,
                double costGbp) {
            this.id = id;
            this.key = key;
            this.engineer = engineer;
            this.element = element;
            this.site = site;
            this.leave = leave;
            this.start = start;
            this.end = end;
            this.part = part;
            this.task = task;
            this.inShift = inShift;
            this.costGbp = costGbp;
        }

        boolean cancelled() {
            return cancelledAt != null;
        }

        /** Booked, not cancelled, and holding the engineer's time. */
        boolean active() {
            return cancelledAt == null;
        }
    }

    Workforce(World world, TwinSpec spec, SplittableRandom rng) {
        this.world = world;
        int perRegion = spec.engineersPerRegion().orElse(DEFAULT_PER_REGION);
        for (String region : Topology.REGIONS) {
            for (int k = 1; k <= perRegion; k++) {
                String id = "eng-" + region + "-" + k;
                engineers.put(id, new Engineer(id, region));
            }
        }
        for (String site : world.topology.sites) {
            // 1 to 3 hours from the region's depot, in quarter hours
            travel.put(site, Duration.ofMinutes(60 + 15L * rng.nextInt(9)));
        }
        for (Disturbance d : spec.disturbances()) {
            if (d instanceof Disturbance.EngineerSick s) {
                Sickness sickness =
                        new Sickness(
                                s.region().orElse(null),
                                s.engineer().orElse(null),
                                new Window(spec.start().plus(s.from()), spec.start().plus(s.to())),
                                spec.start().plus(s.knownAfter()));
                sick.add(sickness);
                if (sickness.knownAt().isAfter(spec.start())) {
                    world.schedule(sickness.knownAt(), new World.SicknessKnown(sickness));
                }
            }
        }
    }

    /**
     * A sickness becomes known: the jobs it strikes that have not started are cancelled, their
     * call-out not charged, with the reason for whoever reads the appointment.
     */
    void sicknessKnown(Sickness s) {
        Instant now = world.now();
        for (Engineer e : engineers.values()) {
            if (!s.strikes(e)) {
                continue;
            }
            for (Job j : e.jobs) {
                if (j.active() && j.start.isAfter(now) && s.window().overlaps(j.leave, j.end)) {
                    cancelUncharged(
                            j,
                            e.id
                                    + " is off sick from "
                                    + s.window().from()
                                    + " to "
                                    + s.window().to()
                                    + " (known at "
                                    + now
                                    + ")");
                }
            }
        }
    }

    Duration travel(Engineer e, String site) {
        Duration base = travel.get(site);
        return e.region.equals(world.topology.regionOfSite.get(site))
                ? base
                : base.plus(OTHER_REGION_EXTRA);
    }

    /** The windows an engineer is known now to be away in. */
    List<Window> unavailable(Engineer e) {
        List<Window> out = new ArrayList<>();
        Instant now = world.now();
        for (Sickness s : sick) {
            if (!s.knownAt().isAfter(now) && s.strikes(e)) {
                out.add(s.window());
            }
        }
        return out;
    }

    static boolean inShift(Instant start, Instant end) {
        ZonedDateTime from = start.atZone(ZoneOffset.UTC);
        ZonedDateTime to = end.atZone(ZoneOffset.UTC);
        return SHIFT_DAYS.contains(from.getDayOfWeek())
                && !from.toLocalTime().isBefore(Calendar.SHIFT_START)
                && from.toLocalDate().equals(to.toLocalDate())
                && !to.toLocalTime().isAfter(Calendar.SHIFT_END);
    }

    Job book(
            String engineerId,
            int element,
            String site,
            Instant start,
            String task,
            Part part,
            String key) {
        Engineer e = engineers.get(engineerId);
        if (e == null) {
            throw TwinRefusal.invalid(
                    "unknown engineer '"
                            + engineerId
                            + "'; engineers are "
                            + String.join(", ", engineers.keySet()));
        }
        String elementSite = world.topology.element(element).site();
        if (!elementSite.equals(site)) {
            throw TwinRefusal.invalid(
                    world.topology.element(element).id()
                            + " is at site "
                            + elementSite
                            + ", not "
                            + site);
        }
        Duration drive = travel(e, site);
        Instant leave = start.minus(drive);
        Instant end = start.plus(World.JOB_DURATION);
        Instant now = world.now();
        if (leave.isBefore(now)) {
            throw new TwinRefusal(
                    e.id
                            + " needs "
                            + drive.toMinutes()
                            + " minutes to reach "
                            + site
                            + "; the earliest start is "
                            + now.plus(drive));
        }
        for (Window w : unavailable(e)) {
            if (w.overlaps(leave, end)) {
                throw new TwinRefusal(e.id + " is unavailable from " + w.from() + " to " + w.to());
            }
        }
        for (Job j : e.jobs) {
            if (j.active() && leave.isBefore(j.end) && j.leave.isBefore(end)) {
                throw new TwinRefusal(
                        e.id
                                + " is booked from "
                                + j.leave
                                + " (leaving) to "
                                + j.end
                                + "; one job at a time");
            }
        }
        for (Engineer other : engineers.values()) {
            for (Job j : other.jobs) {
                if (j.active()
                        && j.element == element
                        && start.isBefore(j.end)
                        && j.start.isBefore(end)) {
                    throw new TwinRefusal(
                            world.topology.element(element).id()
                                    + " already has a job from "
                                    + j.start
                                    + " to "
                                    + j.end
                                    + " ("
                                    + j.id
                                    + ")");
                }
            }
        }
        boolean shift = inShift(start, end);
        double cost = shift ? IN_SHIFT_GBP : IN_SHIFT_GBP + OVERTIME_GBP;
        world.addCost("callout", IN_SHIFT_GBP);
        if (!shift) {
            world.addCost("overtime", OVERTIME_GBP);
        }
        Job job =
                new Job(
                        String.format("apt-%04d", ++jobCount),
                        key,
                        e,
                        element,
                        site,
                        leave,
                        start,
                        end,
                        part,
                        task,
                        shift,
                        cost);
        e.jobs.add(job);
        jobs.put(job.id, job);
        jobsByKey.put(key, job);
        world.schedule(start, new World.JobStart(job));
        world.schedule(end, new World.JobEnd(job));
        return job;
    }

    Job find(String jobId) {
        return jobs.get(jobId);
    }

    Job findByKey(String key) {
        return jobsByKey.get(key);
    }

    /**
     * Cancels a job whose engineer has not left: it frees the diary, never starts, and its call-out
     * (and overtime) is not charged. A cancelled job stays as it is; one under way or done is
     * refused.
     */
    void cancel(Job job, String reason) {
        if (job.cancelled()) {
            return;
        }
        Instant now = world.now();
        if (!now.isBefore(job.end)) {
            throw new TwinRefusal(job.id + " was done at " + job.end + "; nothing to cancel");
        }
        if (!now.isBefore(job.leave)) {
            throw new TwinRefusal(
                    job.engineer.id
                            + " left for "
                            + job.site
                            + " at "
                            + job.leave
                            + " ("
                            + job.id
                            + "); the job goes ahead");
        }
        cancelUncharged(job, reason);
    }

    private void cancelUncharged(Job job, String reason) {
        job.cancelledAt = world.now();
        job.cancelReason = reason;
        world.addCost("callout", -IN_SHIFT_GBP);
        if (!job.inShift) {
            world.addCost("overtime", -OVERTIME_GBP);
        }
    }

    /** The job's state now: cancelled, completed, inProgress (on the way or on site), confirmed. */
    String state(Job job) {
        Instant now = world.now();
        if (job.cancelled()) {
            return dev.autonoc.tools.oss.BookedAppointment.CANCELLED;
        }
        if (!now.isBefore(job.end)) {
            return dev.autonoc.tools.oss.BookedAppointment.COMPLETED;
        }
        if (!now.isBefore(job.leave)) {
            return dev.autonoc.tools.oss.BookedAppointment.IN_PROGRESS;
        }
        return dev.autonoc.tools.oss.BookedAppointment.CONFIRMED;
    }
}
