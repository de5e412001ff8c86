package dev.autonoc.service.console;

import dev.autonoc.service.ops.LedgerActivity;
import dev.autonoc.service.simulation.Simulation;
import dev.autonoc.service.simulation.SimulationStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The console's live updates, pushed as server-sent events on {@code /console/events}: an event
 * {@code changed} whenever the world moved (simulated time, the ledger, the simulation's state or
 * pace), at most once a {@code period}, and a comment every {@code keepAlive} so that proxies keep
 * the stream open. The pages then read what they show from the API; nothing polls on a timer.
 */
@RestController
class ConsoleEvents implements SmartLifecycle {

    private static final Duration PERIOD = Duration.ofMillis(500);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final long STREAM_TIMEOUT_MS = Duration.ofMinutes(30).toMillis();

    private final Simulation simulation;
    private final LedgerActivity ledger;
    private final List<SseEmitter> streams = new CopyOnWriteArrayList<>();
    private volatile ScheduledExecutorService thread;
    private String lastState = "";
    private long quietSince = System.nanoTime();

    ConsoleEvents(Simulation simulation, ObjectProvider<LedgerActivity> ledger) {
        this.simulation = simulation;
        // without the operations wiring (a web-layer test), only the clock says what changed
        this.ledger = ledger.getIfAvailable(LedgerActivity::new);
    }

    @GetMapping(path = "/console/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events() throws IOException {
        SseEmitter stream = new SseEmitter(STREAM_TIMEOUT_MS);
        stream.onCompletion(() -> streams.remove(stream));
        stream.onTimeout(() -> streams.remove(stream));
        stream.onError(e -> streams.remove(stream));
        streams.add(stream);
        stream.send(SseEmitter.event().name("changed").data(state(), MediaType.APPLICATION_JSON));
        return stream;
    }

    private Map<String, Object> state() {
        SimulationStatus s = simulation.status();
        return Map.of(
                "simTime", s.simTime().toString(),
                "running", s.running(),
                "pacing", s.pacing().state(),
                "ledger", ledger.count());
    }

    private void push() {
        if (streams.isEmpty()) {
            return;
        }
        Map<String, Object> state = state();
        String key = state.toString();
        boolean changed = !key.equals(lastState);
        boolean quiet = System.nanoTime() - quietSince > KEEP_ALIVE.toNanos();
        if (!changed && !quiet) {
            return;
        }
        lastState = key;
        quietSince = System.nanoTime();
        for (SseEmitter stream : streams) {
            try {
                if (changed) {
                    stream.send(
                            SseEmitter.event()
                                    .name("changed")
                                    .data(state, MediaType.APPLICATION_JSON));
                } else {
                    stream.send(SseEmitter.event().comment("keep-alive"));
                }
            } catch (IOException | IllegalStateException e) {
                // the page went away: forget its stream
                streams.remove(stream);
                stream.completeWithError(e);
            }
        }
    }

    @Override
    public synchronized void start() {
        thread =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "autonoc-console-events");
                            t.setDaemon(true);
                            return t;
                        });
        thread.scheduleWithFixedDelay(
                () -> {
                    try {
                        push();
                    } catch (RuntimeException e) {
                        // a stopped simulation or a closed stream: try again next period
                    }
                },
                PERIOD.toMillis(),
                PERIOD.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
        streams.forEach(SseEmitter::complete);
        streams.clear();
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
