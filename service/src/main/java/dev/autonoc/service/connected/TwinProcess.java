package dev.autonoc.service.connected;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.simulators.ElementSelector;
import dev.autonoc.simulators.FaultSpec;
import dev.autonoc.simulators.FaultTruth;
import dev.autonoc.simulators.HttpFaults;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.Preset;
import dev.autonoc.simulators.TwinSpec;
import dev.autonoc.simulators.http.TmfHttpFacade;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * {@code ./autonoc twin}: the operator's digital twin as its own process, the stand-in for an
 * operator's OSS/BSS reached only the way a real one would be: its TMF façade over HTTP (the nine
 * APIs) on a loopback port, and its telemetry published to Kafka ({@link TwinPublisher}) at a
 * chosen pace, with the scenario's faults. Runs until stopped (Ctrl-C).
 *
 * <p>The twin's time starts at its epoch (Monday 6 January 2025 00:00 UTC: its calendar counts from
 * it) or at {@code --start}, and runs at {@code --pace} simulated seconds per real second (1: real
 * time) from {@code --anchor}, the wall-clock instant at which its time is its start. Services
 * rehearsing against it are given the same three values ({@code autonoc.connected.clock.*}) and
 * live on the same {@link PacedClock}.
 */
public final class TwinProcess {

    static final String USAGE =
            """
            usage: ./autonoc twin [options]
              --bootstrap-servers HOST:PORT  Kafka (default localhost:9092)
              --topic NAME                   telemetry topic (default autonoc.telemetry)
              --port N                       the TMF façade's loopback port (default 8081)
              --preset metro|regional|national  the operator (default metro)
              --seed N                       (default 42)
              --pace X                       simulated seconds per real second (default 1: real time)
              --fault ELEMENT:MODE:ONSET:TIME_TO_FAILURE   e.g. core-rtr-02:FAN_WEAR:1d:4d (repeatable)
              --start INSTANT|now            the twin's first instant, ISO-8601 UTC, e.g.
                                             2025-01-08T14:30:00Z, or now: the wall clock's minute
                                             (default 2025-01-06T00:00:00Z)
              --anchor INSTANT               the wall-clock instant at which the twin's time is
                                             its start; it waits for it if it is ahead (default:
                                             when the twin starts)
              --help
            """;

    private TwinProcess() {}

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("autonoc twin: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (o.help) {
            System.out.print(USAGE);
            return;
        }
        // the Kafka client's configuration dump and chatter at INFO would bury the twin's own lines
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.kafka"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        OperatorTwin twin = OperatorTwin.create(o.spec());
        TmfHttpFacade facade = TmfHttpFacade.start(twin, HttpFaults.of(twin.spec()), o.port);
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, o.servers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        KafkaTemplate<String, byte[]> kafka =
                new KafkaTemplate<>(
                        new DefaultKafkaProducerFactory<>(
                                props, new StringSerializer(), new ByteArraySerializer()));
        TwinPublisher publisher = new TwinPublisher(twin, kafka, o.topic);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    stopped.countDown();
                                    facade.close();
                                    kafka.destroy();
                                }));
        publisher.publishInventory();
        PacedClock clock = o.clock(Clock.systemUTC());
        System.out.printf(
                "autonoc twin: a %s operator (seed %d), TMF façade on %s, telemetry to Kafka at %s"
                        + " (topic '%s'); its time: %s%n"
                        + "  a service rehearsing against it: --autonoc.connected.clock.start=%s"
                        + " --autonoc.connected.clock.anchor=%s --autonoc.connected.clock.pace=%s%n",
                o.preset.key(),
                o.seed,
                facade.baseUri(),
                o.servers,
                o.topic,
                clock,
                clock.start(),
                clock.anchor(),
                clock.pace());
        run(twin, publisher, clock, stopped);
    }

    /** Keeps the twin's time at the paced clock's, a tick at a time. */
    static void run(
            OperatorTwin twin, TwinPublisher publisher, PacedClock clock, CountDownLatch stopped)
            throws InterruptedException {
        Instant simStart = twin.now();
        Duration tick = twin.spec().tick();
        long lastReport = 0;
        Set<String> told = new HashSet<>();
        while (stopped.getCount() > 0) {
            Instant next = twin.now().plus(tick);
            Duration wait = clock.wallTimeUntil(next);
            if (wait.isZero()) {
                publisher.advanceTo(next);
                tellFaults(twin, told);
                long hour = Duration.between(simStart, twin.now()).toHours();
                if (hour != lastReport) {
                    lastReport = hour;
                    System.out.printf(
                            "autonoc twin: %s, %d messages published, %d engineers dispatched%n",
                            twin.now(), publisher.published(), twin.outcome().dispatches());
                }
            } else {
                stopped.await(
                        Math.max(1, Math.min(wait.toMillis(), 1000)),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * A line when a scenario fault's element fails or is mended: what an operator watching the twin
     * (or a test reading its output) wants to know of a rehearsal's outcome.
     */
    private static void tellFaults(OperatorTwin twin, Set<String> told) {
        for (FaultTruth f : twin.groundTruth().faults()) {
            f.failedAt()
                    .filter(at -> told.add("failed " + f.element() + " " + f.mode()))
                    .ifPresent(
                            at ->
                                    System.out.printf(
                                            "autonoc twin: fault %s on %s: failed at %s%n",
                                            f.mode(), f.element().value(), at));
            f.repairedAt()
                    .filter(at -> told.add("mended " + f.element() + " " + f.mode()))
                    .ifPresent(
                            at ->
                                    System.out.printf(
                                            "autonoc twin: fault %s on %s: mended at %s%n",
                                            f.mode(), f.element().value(), at));
        }
    }

    /** The command line, checked. */
    static final class Options {
        String servers = "localhost:9092";
        String topic = IngestSettings.DEFAULT_TOPIC;
        int port = 8081;
        Preset preset = Preset.METRO;
        long seed = 42;
        double pace = 1;
        List<FaultSpec> faults = new ArrayList<>();
        Instant start = OperatorTwin.EPOCH;
        Instant anchor;
        boolean startedNow;
        boolean help;

        static Options parse(String[] args) {
            return parse(args, Clock.systemUTC());
        }

        /**
         * @param wall what {@code --start now} reads
         */
        static Options parse(String[] args, Clock wall) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    o.help = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--bootstrap-servers" -> o.servers = v;
                    case "--topic" -> o.topic = v;
                    case "--port" -> o.port = number(a, v, 0, 65535);
                    case "--preset" ->
                            o.preset =
                                    Preset.fromKey(v)
                                            .orElseThrow(
                                                    () ->
                                                            new IllegalArgumentException(
                                                                    "--preset is '"
                                                                            + v
                                                                            + "'; one of metro,"
                                                                            + " regional, national"
                                                                            + " is accepted"));
                    case "--seed" -> o.seed = number(a, v, 0, Integer.MAX_VALUE);
                    case "--pace" -> {
                        try {
                            o.pace = Double.parseDouble(v);
                        } catch (NumberFormatException e) {
                            o.pace = -1;
                        }
                        if (!(o.pace > 0 && o.pace <= 1_000_000)) {
                            throw new IllegalArgumentException(
                                    "--pace is '" + v + "'; a number in (0, 1000000] is accepted");
                        }
                    }
                    case "--fault" -> o.faults.add(fault(v));
                    case "--start" -> {
                        o.startedNow = v.equals("now");
                        o.start =
                                o.startedNow
                                        ? wall.instant().truncatedTo(ChronoUnit.SECONDS)
                                        : instant(a, v, ", or now,");
                    }
                    case "--anchor" -> o.anchor = instant(a, v, "");
                    default ->
                            throw new IllegalArgumentException(
                                    "unknown option '" + a + "'; see --help");
                }
            }
            return o;
        }

        TwinSpec spec() {
            TwinSpec quiet = TwinSpec.quiet(preset, seed);
            return new TwinSpec(
                    quiet.preset(),
                    OptionalInt.empty(),
                    seed,
                    quiet.tick(),
                    quiet.enterpriseSlices(),
                    quiet.consumersPerCell(),
                    quiet.stock(),
                    quiet.engineersPerRegion(),
                    faults,
                    quiet.disturbances(),
                    start);
        }

        /**
         * The twin's time: its start at the anchor (when {@code --start now} was read, if no anchor
         * was given; else when the twin starts), at its pace.
         */
        PacedClock clock(Clock wall) {
            return new PacedClock(
                    wall,
                    anchor != null ? anchor : startedNow ? start : wall.instant(),
                    start,
                    pace);
        }

        private static Instant instant(String option, String v, String orNow) {
            try {
                return Instant.parse(v);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(
                        option
                                + " is '"
                                + v
                                + "'; an ISO-8601 instant in UTC such as 2025-01-08T14:30:00Z"
                                + orNow
                                + " is accepted");
            }
        }

        private static int number(String option, String v, int min, int max) {
            try {
                int n = Integer.parseInt(v);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // fall through to the message
            }
            throw new IllegalArgumentException(
                    option + " is '" + v + "'; a whole number from " + min + " to " + max);
        }

        static FaultSpec fault(String v) {
            String[] p = v.split(":");
            if (p.length != 4) {
                throw new IllegalArgumentException(
                        "--fault is '"
                                + v
                                + "'; ELEMENT:MODE:ONSET:TIME_TO_FAILURE is accepted, e.g."
                                + " core-rtr-02:FAN_WEAR:1d:4d");
            }
            FailureMode mode;
            try {
                mode = FailureMode.valueOf(p[1].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "--fault mode is '"
                                + p[1]
                                + "'; one of "
                                + Arrays.toString(FailureMode.values())
                                + " is accepted");
            }
            return new FaultSpec(
                    new ElementSelector.ById(ElementId.of(p[0])),
                    mode,
                    duration(p[2]),
                    duration(p[3]),
                    Optional.empty());
        }

        /** {@code 90m}, {@code 6h}, {@code 2d}, or an ISO-8601 duration. */
        static Duration duration(String v) {
            try {
                if (v.matches("\\d+[mhd]")) {
                    long n = Long.parseLong(v.substring(0, v.length() - 1));
                    return switch (v.charAt(v.length() - 1)) {
                        case 'm' -> Duration.ofMinutes(n);
                        case 'h' -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    };
                }
                return Duration.parse(v);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "a duration is '" + v + "'; 90m, 6h, 2d or PT6H is accepted");
            }
        }
    }
}
