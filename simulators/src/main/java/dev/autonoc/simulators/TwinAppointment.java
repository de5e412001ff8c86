package dev.autonoc.simulators;

import dev.autonoc.core.prediction.Part;
import dev.autonoc.tools.oss.Appointment;
import dev.autonoc.tools.oss.AppointmentRequest;
import dev.autonoc.tools.oss.BookedAppointment;
import dev.autonoc.tools.oss.FieldEngineer;
import dev.autonoc.tools.oss.Money;
import dev.autonoc.tools.oss.TimePeriod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * TMF646 over the twin: the field engineers, booking one, finding and cancelling a booking. Acting
 * calls run once per key through {@link TwinEdge}, under the world's lock.
 */
final class TwinAppointment implements Appointment {

    private final TwinEdge edge;
    private final World world;

    TwinAppointment(TwinEdge edge) {
        this.edge = edge;
        this.world = edge.world();
    }

    @Override
    public List<FieldEngineer> engineers(Optional<String> region, Optional<String> site) {
        return edge.read(
                API,
                () -> {
                    site.ifPresent(world.stock::requireSite);
                    List<FieldEngineer> out = new ArrayList<>();
                    for (Workforce.Engineer e : world.workforce.engineers.values()) {
                        if (region.map(e.region::equals).orElse(true)) {
                            out.add(engineer(e, site));
                        }
                    }
                    return out;
                });
    }

    @Override
    public Optional<FieldEngineer> findEngineer(String engineerId) {
        synchronized (world) {
            Workforce.Engineer e = world.workforce.engineers.get(engineerId);
            return e == null ? Optional.empty() : Optional.of(engineer(e, Optional.empty()));
        }
    }

    private FieldEngineer engineer(Workforce.Engineer e, Optional<String> site) {
        List<TimePeriod> booked = new ArrayList<>();
        for (Workforce.Job j : e.jobs) {
            if (j.active() && j.end.isAfter(world.now())) {
                booked.add(new TimePeriod(j.start, j.end));
            }
        }
        List<TimePeriod> unavailable = new ArrayList<>();
        for (Workforce.Window w : world.workforce.unavailable(e)) {
            unavailable.add(new TimePeriod(w.from(), w.to()));
        }
        return new FieldEngineer(
                e.id,
                e.region,
                Workforce.SKILLS,
                Workforce.SHIFT_DAYS,
                Calendar.SHIFT_START,
                Calendar.SHIFT_END,
                site.map(s -> world.workforce.travel(e, s)),
                booked,
                unavailable);
    }

    @Override
    public BookedAppointment book(AppointmentRequest request, String idempotencyKey) {
        return edge.once(
                API,
                idempotencyKey,
                () -> {
                    int e = edge.element(request.elementId());
                    Part p = request.part().map(TwinEdge::part).orElse(null);
                    Workforce.Job job =
                            world.workforce.book(
                                    request.engineerId(),
                                    e,
                                    request.site(),
                                    request.start(),
                                    request.task(),
                                    p,
                                    idempotencyKey);
                    return appointment(job);
                });
    }

    /** The job as an appointment now: its state, and why it was cancelled if it was. */
    private BookedAppointment appointment(Workforce.Job job) {
        BookedAppointment booked =
                new BookedAppointment(
                        job.id,
                        job.key,
                        new AppointmentRequest(
                                job.engineer.id,
                                world.topology.element(job.element).id().value(),
                                job.site,
                                job.start,
                                job.task,
                                Optional.ofNullable(job.part).map(Part::code)),
                        new TimePeriod(job.start, job.end),
                        job.leave,
                        Money.gbp(job.costGbp),
                        job.inShift);
        String state = world.workforce.state(job);
        return booked.withStatus(state, Optional.ofNullable(job.cancelReason));
    }

    @Override
    public Optional<BookedAppointment> findAppointment(String appointmentId) {
        return edge.read(
                API,
                () ->
                        Optional.ofNullable(world.workforce.find(appointmentId))
                                .map(this::appointment));
    }

    @Override
    public Optional<BookedAppointment> findAppointmentByKey(String idempotencyKey) {
        return edge.read(
                API,
                () ->
                        Optional.ofNullable(world.workforce.findByKey(idempotencyKey))
                                .map(this::appointment));
    }

    @Override
    public BookedAppointment cancelAppointment(
            String appointmentId, String reason, String idempotencyKey) {
        return edge.once(
                API,
                idempotencyKey,
                () -> {
                    Workforce.Job job = world.workforce.find(appointmentId);
                    if (job == null) {
                        throw TwinRefusal.invalid(
                                "unknown appointment '"
                                        + appointmentId
                                        + "'; appointments are apt-0001 ..");
                    }
                    world.workforce.cancel(job, reason);
                    return appointment(job);
                });
    }
}
