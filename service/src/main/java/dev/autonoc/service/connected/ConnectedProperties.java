package dev.autonoc.service.connected;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code autonoc.connected.*}: connected mode's settings (docs/connected-mode.md, "Settings"). Read
 * only when {@code autonoc.mode=connected}; checked at start, so that a wrong setting stops the
 * service with a message naming it and what is accepted.
 *
 * @param networkId the network's name in case ids and the database (several networks can share one
 *     database); lower-case letters, digits and dashes
 * @param tickInterval how often the loop acts when no telemetry comes (approvals expire, steps that
 *     were waiting run)
 * @param futureTolerance how far ahead of this instance's clock a message may be dated
 * @param telemetry the telemetry topic and the consumer group
 * @param tmf the operator's TMF Open API endpoints that the tools call
 * @param autonomy the autonomy level per tool and element group ({@link AutonomyGate})
 * @param instanceId this instance's name among those sharing the network (in the case rows it owns,
 *     and in the ids of the cases it opens); lower-case letters, digits and dashes, at most 40.
 *     Empty (the default): a fresh random one at each start, which keeps case ids unique across
 *     instances and restarts
 * @param clock the instance's time: the wall clock unless a rehearsal's start and pace are given
 * @param newCasesAtOnce how many of the cases one tick opens are worked at once, each to its first
 *     proposal (their plans' reads of the operator's systems, the database's writes); 1 works them
 *     one after another, as the embedded mode does
 * @param coldStartCases how many cases of throwaway networks the instance works at start, before it
 *     takes partitions, so that its real cases do not run on a cold JVM ({@link ColdStart}); 0 to
 *     64, 0 turns it off
 * @param shares how the instances over one network exchange what their predictors need of each
 *     other's elements ({@link PredictorShareExchange})
 */
@ConfigurationProperties("autonoc.connected")
public record ConnectedProperties(
        @DefaultValue("live") String networkId,
        @DefaultValue("30s") Duration tickInterval,
        @DefaultValue("5m") Duration futureTolerance,
        @DefaultValue Telemetry telemetry,
        @DefaultValue Tmf tmf,
        @DefaultValue AutonomyLevels autonomy,
        @DefaultValue("") String instanceId,
        @DefaultValue ClockSettings clock,
        @DefaultValue("4") int newCasesAtOnce,
        @DefaultValue("8") int coldStartCases,
        @DefaultValue Shares shares) {

    public ConnectedProperties {
        if (networkId == null || !networkId.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException(
                    "autonoc.connected.network-id must be lower-case letters, digits and dashes"
                            + " (e.g. live), got '"
                            + networkId
                            + "'");
        }
        if (instanceId == null || instanceId.isBlank()) {
            instanceId = UUID.randomUUID().toString().substring(0, 8);
        } else if (!instanceId.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException(
                    "autonoc.connected.instance-id must be lower-case letters, digits and dashes,"
                            + " at most 40 (e.g. node-1), or empty for a random one; got '"
                            + instanceId
                            + "'");
        }
        positive("autonoc.connected.tick-interval", tickInterval);
        positive("autonoc.connected.future-tolerance", futureTolerance);
        if (newCasesAtOnce < 1 || newCasesAtOnce > 64) {
            throw new IllegalArgumentException(
                    "autonoc.connected.new-cases-at-once must be 1 (one after another) to 64, got "
                            + newCasesAtOnce);
        }
        if (coldStartCases < 0 || coldStartCases > 64) {
            throw new IllegalArgumentException(
                    "autonoc.connected.cold-start-cases must be 0 (no warm-up at start) to 64, got "
                            + coldStartCases);
        }
    }

    /**
     * The predictors' exchange among the instances of one network, through the database
     * (docs/connected-mode.md, "Peers and neighbours across instances").
     *
     * @param interval how often an instance writes its predictor's share and reads the others'
     * @param staleAfter a share not written again for this long is left out: its instance stopped
     *     or died, and its elements are (or will be) another's
     */
    public record Shares(
            @DefaultValue("1s") Duration interval, @DefaultValue("10s") Duration staleAfter) {

        public Shares {
            positive("autonoc.connected.shares.interval", interval);
            positive("autonoc.connected.shares.stale-after", staleAfter);
            if (staleAfter.compareTo(interval.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException(
                        "autonoc.connected.shares.stale-after ("
                                + staleAfter
                                + ") must be at least twice autonoc.connected.shares.interval ("
                                + interval
                                + "), or a live instance's share would be left out between two"
                                + " writes");
            }
        }
    }

    /**
     * @param topic samples, alarms and inventory changes, keyed by element id
     * @param deadLetterTopic where refused messages go, with the reason in their headers
     * @param group the consumer group the instances share
     * @param concurrency consumer threads per instance
     * @param retryBackoff the first wait before a batch that failed is tried again (doubling to 30
     *     s)
     * @param warmUp how much history of a partition assigned to this instance is read again into
     *     the predictor's state before its first fresh batch ({@link TelemetryReplay}), and how old
     *     a predictor state handed over with the partition may be; zero: neither
     * @param checkpointInterval how often the predictor's state of the elements this instance owns
     *     is written for an heir, should the instance die without handing its partitions over
     *     ({@link PredictorCheckpoints}); zero: never. Shorter than {@code warmUp}: an older
     *     checkpoint is never taken over
     */
    public record Telemetry(
            @DefaultValue(IngestSettings.DEFAULT_TOPIC) String topic,
            @DefaultValue(IngestSettings.DEFAULT_DEAD_LETTER_TOPIC) String deadLetterTopic,
            @DefaultValue("autonoc") String group,
            @DefaultValue("1") int concurrency,
            @DefaultValue("500ms") Duration retryBackoff,
            @DefaultValue("24h") Duration warmUp,
            @DefaultValue("5m") Duration checkpointInterval) {

        public Telemetry {
            if (warmUp == null || warmUp.isNegative()) {
                throw new IllegalArgumentException(
                        "autonoc.connected.telemetry.warm-up must be zero (no warm-up) or a"
                                + " positive duration such as 24h, got "
                                + warmUp);
            }
            if (checkpointInterval == null
                    || checkpointInterval.isNegative()
                    || (!warmUp.isZero() && checkpointInterval.compareTo(warmUp) >= 0)) {
                throw new IllegalArgumentException(
                        "autonoc.connected.telemetry.checkpoint-interval must be zero (no"
                                + " checkpoints) or a positive duration shorter than"
                                + " autonoc.connected.telemetry.warm-up ("
                                + warmUp
                                + "), such as 5m: a checkpoint older than the warm-up's window"
                                + " is never taken over; got "
                                + checkpointInterval);
            }
            // checked when bound, so that a wrong one stops the start
            settings(topic, deadLetterTopic, group, concurrency, retryBackoff);
        }

        /** How often the predictor's state is checkpointed; zero when nothing would read it. */
        Duration checkpoints() {
            return warmUp.isZero() ? Duration.ZERO : checkpointInterval;
        }

        IngestSettings settings() {
            return settings(topic, deadLetterTopic, group, concurrency, retryBackoff);
        }

        private static IngestSettings settings(
                String topic,
                String deadLetterTopic,
                String group,
                int concurrency,
                Duration retryBackoff) {
            try {
                return new IngestSettings(topic, deadLetterTopic, group, concurrency, retryBackoff);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException(
                        "autonoc.connected.telemetry: " + e.getMessage(), e);
            }
        }
    }

    /**
     * The TMF endpoints. {@code base-url}, {@code timeout} and {@code auth} apply to every API;
     * {@code apis.<api>} overrides any of them for one API ({@link TmfApi} names the keys).
     */
    public record Tmf(
            @DefaultValue("http://127.0.0.1:8081/") URI baseUrl,
            @DefaultValue("10s") Duration timeout,
            @DefaultValue Auth auth,
            Map<String, Api> apis) {

        public Tmf {
            apis = apis == null ? Map.of() : Map.copyOf(new TreeMap<>(apis));
            for (String key : apis.keySet()) {
                TmfApi.of(key);
            }
            positive("autonoc.connected.tmf.timeout", timeout);
        }

        /** The endpoint of one API: its own settings where given, else the common ones. */
        Endpoint endpoint(TmfApi api) {
            Api own = apis.getOrDefault(api.key(), new Api(null, null, null));
            return new Endpoint(
                    api,
                    own.baseUrl() != null ? own.baseUrl() : baseUrl,
                    own.timeout() != null ? own.timeout() : timeout,
                    own.auth() != null ? own.auth() : auth);
        }
    }

    /**
     * The instance's time. Live, it is the wall clock (all three unset). A rehearsal against a twin
     * that runs faster than real time ({@code ./autonoc twin --pace}) gives the twin's {@code
     * --start}, {@code --anchor} and {@code --pace} here too, and the instance then lives on the
     * twin's time: its samples are not in the future, approvals and back-off run at the pace.
     *
     * @param start the rehearsal's time at {@code anchor}; unset: the anchor itself
     * @param anchor the wall-clock instant at which the rehearsal's time is {@code start}; unset:
     *     when the instance starts
     * @param pace rehearsal seconds per wall-clock second
     */
    public record ClockSettings(Instant start, Instant anchor, @DefaultValue("1") double pace) {

        public ClockSettings {
            if (!(pace > 0 && pace <= PacedClock.MAX_PACE)) {
                throw new IllegalArgumentException(
                        "autonoc.connected.clock.pace is "
                                + pace
                                + "; a number in (0, 1000000] is accepted (1: the wall clock's"
                                + " pace)");
            }
        }

        /** The clock these settings describe, over {@code wall}. */
        public Clock over(Clock wall) {
            if (start == null && anchor == null && pace == 1) {
                return wall;
            }
            Instant at = anchor != null ? anchor : wall.instant();
            return new PacedClock(wall, at, start != null ? start : at, pace);
        }
    }

    /** One API's own settings; what is not given comes from {@link Tmf}. */
    public record Api(URI baseUrl, Duration timeout, Auth auth) {
        public Api {
            if (timeout != null) {
                positive("autonoc.connected.tmf.apis.*.timeout", timeout);
            }
        }
    }

    /**
     * How the tools sign in to an API.
     *
     * @param type {@code none}, {@code bearer} (a fixed token) or {@code oauth2} (client
     *     credentials: the token is fetched from {@code tokenUri} and renewed before it expires)
     */
    public record Auth(
            @DefaultValue("none") String type,
            String token,
            URI tokenUri,
            String clientId,
            String clientSecret,
            List<String> scopes) {

        static final List<String> TYPES = List.of("none", "bearer", "oauth2");

        public Auth {
            type = type == null ? "none" : type.toLowerCase(Locale.ROOT);
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
            if (!TYPES.contains(type)) {
                throw new IllegalArgumentException(
                        "autonoc.connected.tmf auth type is '"
                                + type
                                + "'; one of "
                                + TYPES
                                + " is accepted");
            }
            if (type.equals("bearer") && (token == null || token.isBlank())) {
                throw new IllegalArgumentException(
                        "autonoc.connected.tmf auth type bearer needs a token");
            }
            if (type.equals("oauth2")
                    && (tokenUri == null || isBlank(clientId) || isBlank(clientSecret))) {
                throw new IllegalArgumentException(
                        "autonoc.connected.tmf auth type oauth2 needs token-uri, client-id and"
                                + " client-secret");
            }
        }

        @Override
        public String toString() {
            // never the secrets, in a log or an error
            return "Auth[" + type + (tokenUri == null ? "" : " " + tokenUri) + "]";
        }
    }

    /** One API's resolved endpoint. */
    record Endpoint(TmfApi api, URI baseUrl, Duration timeout, Auth auth) {
        Endpoint {
            Objects.requireNonNull(baseUrl, "baseUrl");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(
                    name + " must be a positive duration (e.g. 30s), got " + d);
        }
    }
}
