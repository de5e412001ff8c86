package dev.autonoc.simulators;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailureMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Test specs, built up from a quiet operator. */
final class Specs {

    private Preset preset = Preset.METRO;
    private long seed = 1;
    private final List<FaultSpec> faults = new ArrayList<>();
    private final List<Disturbance> disturbances = new ArrayList<>();
    private final List<StockLevel> stock = new ArrayList<>();
    private OptionalInt engineers = OptionalInt.empty();

    static Specs metro(long seed) {
        Specs s = new Specs();
        s.seed = seed;
        return s;
    }

    static Specs of(Preset preset, long seed) {
        Specs s = metro(seed);
        s.preset = preset;
        return s;
    }

    Specs fault(String element, FailureMode mode, Duration onset, Duration ttf) {
        faults.add(
                new FaultSpec(new ElementSelector.ById(ElementId.of(element)), mode, onset, ttf));
        return this;
    }

    Specs fault(FaultSpec fault) {
        faults.add(fault);
        return this;
    }

    Specs disturb(Disturbance d) {
        disturbances.add(d);
        return this;
    }

    Specs stock(StockLevel level) {
        stock.add(level);
        return this;
    }

    Specs engineers(int perRegion) {
        engineers = OptionalInt.of(perRegion);
        return this;
    }

    TwinSpec spec() {
        return new TwinSpec(
                preset,
                OptionalInt.empty(),
                seed,
                Duration.ofMinutes(5),
                6,
                400,
                stock,
                engineers,
                faults,
                disturbances);
    }

    OperatorTwin twin() {
        return OperatorTwin.create(spec());
    }

    static java.time.Instant at(Duration fromStart) {
        return OperatorTwin.EPOCH.plus(fromStart);
    }
}
