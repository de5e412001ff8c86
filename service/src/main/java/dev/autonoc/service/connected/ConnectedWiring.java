package dev.autonoc.service.connected;

import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.loop.LoopSettings;
import dev.autonoc.core.loop.RemediationLoop;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.policy.CelPolicyGate;
import dev.autonoc.policy.PolicyStore;
import dev.autonoc.predictor.ModelBundle;
import dev.autonoc.predictor.TribuoFailurePredictor;
import dev.autonoc.service.history.RecordingPredictor;
import dev.autonoc.service.history.TelemetryHistory;
import dev.autonoc.service.policy.PolicyChanges;
import dev.autonoc.service.simulation.ApprovalProperties;
import dev.autonoc.service.store.GateMemory;
import dev.autonoc.service.store.PolicyVersions;
import dev.autonoc.service.store.PredictorShares;
import dev.autonoc.service.store.PredictorStates;
import dev.autonoc.service.store.ServiceDatabase;
import dev.autonoc.service.store.SharedApprovalQueue;
import dev.autonoc.service.store.SharedCaseStore;
import dev.autonoc.tools.catalogue.ToolCatalogues;
import dev.autonoc.tools.oss.OssBss;
import dev.autonoc.tools.oss.OssException;
import dev.autonoc.tools.oss.Resource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;

/**
 * Connected mode's adapters ({@code autonoc.mode=connected}; docs/connected-mode.md): the tools
 * over the operator's TMF endpoints, telemetry from the Kafka topic, the loop on the wall clock.
 * The ledger, the approval queue, the model and the policy are the modes' shared ones ({@code
 * dev.autonoc.service.SharedWiring}), the planner is {@code autonoc.planner}'s, on the configured
 * database; the network's name ({@code autonoc.connected.network-id}) stands where the embedded
 * mode has its simulated world's id.
 *
 * <p>The inventory at start is the operator's TMF639 inventory; the topic's element messages change
 * it from there, for the predictor and for the elements the loop opens cases on alike. A partition
 * assigned to this instance is warmed up first ({@link TelemetryReplay}): its recent history goes
 * into the predictor's state before its first fresh batch.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "autonoc.mode", havingValue = "connected")
@EnableConfigurationProperties({ConnectedProperties.class, ApprovalProperties.class})
class ConnectedWiring {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectedWiring.class);

    /**
     * The instance's time: the wall clock, or a rehearsal's paced one ({@code
     * autonoc.connected.clock.*}). Approvals, back-off and deadlines are durations on it.
     */
    @Bean
    Clock wallClock(ConnectedProperties settings) {
        Clock clock = settings.clock().over(Clock.systemUTC());
        if (clock instanceof PacedClock paced) {
            LOG.info("autonoc connected: a rehearsal's time, {}", paced);
        }
        return clock;
    }

    /** The operator's OSS/BSS over TMF HTTP. */
    @Bean
    OssBss operatorSystems(ConnectedProperties settings) {
        return new TmfEndpoints(settings.tmf(), OAuth2Tokens.over(settings.tmf())).ossBss();
    }

    /** The tool catalogue over the operator's systems; its tools read the wall clock. */
    @Bean
    ToolCatalogue tools(OssBss operatorSystems, Clock wallClock) {
        return ToolCatalogues.standard(operatorSystems, wallClock);
    }

    @Bean
    PolicyChanges policyChanges(
            PolicyStore store, ServiceDatabase db, AuditLog audit, Clock wallClock) {
        return PolicyChanges.restore(
                store, new PolicyVersions(db), audit, wallClock, wallClock.instant());
    }

    /**
     * The policy, its guards counting every execution on this network, by any instance and across
     * restarts ({@link NetworkPolicyGate}), narrowed by the operator's autonomy levels ({@link
     * AutonomyGate}): the loop's gate and the MCP server's.
     */
    @Bean
    @Primary
    PolicyGate policyGate(
            CelPolicyGate gate,
            ServiceDatabase db,
            ConnectedProperties settings,
            ConnectedLoop connectedLoop) {
        return connectedLoop.gate(gate, new GateMemory(db, settings.networkId()));
    }

    /**
     * The approval queue shared with the other instances on the database: a request this instance
     * parks can be answered through any of them ({@link SharedApprovalQueue}).
     */
    @Bean
    @Primary
    ApprovalQueue sharedApprovalQueue(ServiceDatabase db, RoleHierarchy roles) {
        return SharedApprovalQueue.open(db, roles);
    }

    /**
     * The network's cases, shared with the other instances on the database: this one works those of
     * the telemetry partitions it owns ({@link SharedCaseStore}).
     */
    @Bean
    SharedCaseStore caseStore(ServiceDatabase db, ConnectedProperties settings, Clock wallClock) {
        return SharedCaseStore.open(db, settings.networkId(), settings.instanceId(), wallClock);
    }

    /** The inventory from TMF639, the predictor over it, fed from the topic. */
    @Bean
    ConnectedNetwork connectedNetwork(
            OssBss operatorSystems,
            ModelBundle failureModel,
            Clock wallClock,
            ConnectedProperties settings,
            TelemetryHistory history) {
        return new ConnectedNetwork(
                inventory(operatorSystems, settings),
                elements ->
                        new RecordingPredictor(
                                new TribuoFailurePredictor(elements, failureModel), history),
                wallClock,
                settings.futureTolerance(),
                now -> {});
    }

    private static List<Element> inventory(OssBss oss, ConnectedProperties settings) {
        try {
            return oss.resourceInventory().topology().resources().stream()
                    .map(ConnectedWiring::element)
                    .toList();
        } catch (OssException e) {
            throw new IllegalStateException(
                    "connected mode reads the network's inventory from TMF639 at start, and could"
                            + " not: "
                            + e.getMessage()
                            + " (autonoc.connected.tmf.base-url is "
                            + settings.tmf().endpoint(TmfApi.RESOURCE_INVENTORY).baseUrl()
                            + ")",
                    e);
        }
    }

    private static Element element(Resource r) {
        return new Element(
                dev.autonoc.core.network.ElementId.of(r.id()),
                r.category(),
                r.role(),
                r.region(),
                r.site());
    }

    /**
     * The latencies of telemetry and of new cases' first proposals, on the wall clock whatever the
     * instance's own clock (docs/connected-mode.md, "Measurements").
     */
    @Bean
    IngestLatency ingestLatency(ObjectProvider<MeterRegistry> meters) {
        MeterRegistry registry = meters.getIfAvailable();
        return registry == null
                ? IngestLatency.unobserved()
                : new IngestLatency(registry, Clock.systemUTC(), System::nanoTime);
    }

    /**
     * The threads that work a tick's new cases at once ({@code
     * autonoc.connected.new-cases-at-once}; docs/connected-mode.md, "A case's first proposal") and
     * ask a planning's independent reads at once. Not an {@code Executor} bean: one would take the
     * place of Spring Boot's own task executor.
     */
    @Bean
    LoopWorkers loopWorkers(ConnectedProperties settings) {
        return new LoopWorkers(settings.newCasesAtOnce());
    }

    /** How the loop is wired: for the network's cases and the cold start's alike. */
    @Bean
    ConnectedLoop connectedLoop(
            ConnectedProperties settings,
            ApprovalProperties approvalSettings,
            LoopWorkers loopWorkers) {
        return new ConnectedLoop(
                settings.autonomy(),
                LoopSettings.defaults().withApprovalTimeout(approvalSettings.timeout()),
                loopWorkers);
    }

    @Bean
    RemediationLoop remediationLoop(
            ConnectedLoop connectedLoop,
            ConnectedNetwork network,
            Planner planner,
            PolicyGate gate,
            ApprovalQueue approvals,
            AuditLog audit,
            SharedCaseStore cases,
            ToolCatalogue tools,
            RoleHierarchy roles,
            Clock wallClock,
            ConnectedProperties settings,
            IngestLatency latency) {
        return connectedLoop.build(
                new ConnectedLoop.Ports(
                        network.predictor(),
                        planner,
                        gate,
                        approvals,
                        tools,
                        audit,
                        cases.worked(),
                        wallClock,
                        network.elements(),
                        roles,
                        latency),
                // each instance names its cases apart: ids stay unique whoever opens them
                "case-" + settings.networkId() + "-" + settings.instanceId());
    }

    /** The one thread over the loop; the API's {@code Simulation} in connected mode. */
    @Bean
    ConnectedDriver connectedDriver(
            ConnectedNetwork network,
            RemediationLoop loop,
            SharedCaseStore cases,
            ServiceDatabase db,
            ToolCatalogue tools,
            Clock wallClock,
            ConnectedProperties settings) {
        ConnectedDriver driver =
                new ConnectedDriver(
                        network,
                        loop,
                        cases,
                        new PredictorStates(db, settings.networkId()),
                        settings.telemetry().warmUp(),
                        tools,
                        wallClock,
                        settings.tickInterval(),
                        settings.networkId());
        network.attach(
                new ConnectedNetwork.TelemetryObserver(loop::observe, loop::observe),
                driver::tick,
                loop::inventory);
        return driver;
    }

    /** The predictor's state checkpointed for an heir, should this instance die. */
    @Bean
    PredictorCheckpoints predictorCheckpoints(
            ConnectedDriver driver,
            ConnectedProperties settings,
            Clock wallClock,
            ObjectProvider<MeterRegistry> meters) {
        PredictorCheckpoints checkpoints =
                new PredictorCheckpoints(
                        driver::checkpoint, settings.telemetry().checkpoints(), wallClock);
        meters.ifAvailable(
                r -> {
                    checkpoints.bindTo(r);
                    FunctionCounter.builder(
                                    "autonoc.predictor.states.restored",
                                    driver,
                                    ConnectedDriver::restored)
                            .description(
                                    "elements whose predictor state this instance took over from"
                                            + " the partition's previous owner")
                            .register(r);
                });
        return checkpoints;
    }

    /** The predictors' exchange with the network's other instances, through the database. */
    @Bean
    PredictorShareExchange predictorShareExchange(
            ConnectedNetwork network,
            ConnectedDriver driver,
            ServiceDatabase db,
            ConnectedProperties settings,
            TelemetryIngest ingest) {
        return PredictorShareExchange.of(
                network,
                driver,
                ingest::forgetTaken,
                new PredictorShares(db, settings.networkId(), settings.instanceId()),
                settings.shares());
    }

    /**
     * A warm-up runs inside the group's rebalance, while the consumer does not poll: it stops at
     * half the group's {@code max.poll.interval.ms} (five minutes unless set), so that the member
     * is not taken for dead.
     */
    private static Duration replayTimeout(Map<String, Object> consumer) {
        Object set = consumer.get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        long maxPoll = set == null ? 300_000 : Long.parseLong(set.toString());
        return Duration.ofMillis(Math.max(1_000, maxPoll / 2));
    }

    /**
     * The cold JVM's cost paid before the consumer joins the group, on a throwaway network ({@link
     * ColdStart}): the telemetry's consumer, and so the instance's partitions and its readiness,
     * come after it.
     */
    @Bean
    ColdStart.Done coldStart(
            ConnectedProperties settings,
            ConnectedLoop connectedLoop,
            CelPolicyGate policy,
            Planner planner,
            RoleHierarchy roles) {
        return ColdStart.run(settings.coldStartCases(), connectedLoop, policy, planner, roles);
    }

    @Bean
    @DependsOn("coldStart")
    TelemetryIngest telemetryIngest(
            ConnectedProperties settings,
            KafkaProperties kafka,
            ConnectedDriver driver,
            Clock wallClock,
            ObjectProvider<MeterRegistry> meters,
            IngestLatency latency) {
        Map<String, Object> consumer = new HashMap<>(kafka.buildConsumerProperties());
        // a new group reads the topic from its start; offsets are committed by the ingest alone
        consumer.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // incremental rebalances: an instance joining or leaving moves only the partitions that
        // change hands (each handed over, then warmed up); the others keep flowing, where the
        // eager default stops and revokes every partition of every instance. From the client's
        // default [range, cooperative-sticky] this is the one rolling restart Kafka documents
        consumer.putIfAbsent(
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                CooperativeStickyAssignor.class.getName());
        KafkaTemplate<String, byte[]> deadLetters =
                new KafkaTemplate<>(
                        new DefaultKafkaProducerFactory<>(
                                kafka.buildProducerProperties(),
                                new StringSerializer(),
                                new ByteArraySerializer()));
        Duration warmUp = settings.telemetry().warmUp();
        TelemetryReplay replay =
                warmUp.isZero()
                        ? null
                        : new TelemetryReplay(
                                consumer,
                                settings.telemetry().topic(),
                                warmUp,
                                settings.futureTolerance(),
                                replayTimeout(consumer),
                                wallClock,
                                driver);
        DefaultKafkaConsumerFactory<String, byte[]> consumers =
                new DefaultKafkaConsumerFactory<>(
                        consumer, new StringDeserializer(), new ByteArrayDeserializer());
        // the Kafka client's own metrics, among them the consumer's lag behind the topic's end
        // (kafka_consumer_fetch_manager_records_lag_max)
        meters.ifAvailable(r -> consumers.addListener(new MicrometerConsumerListener<>(r)));
        TelemetryIngest ingest =
                new TelemetryIngest(
                        settings.telemetry().settings(),
                        consumers,
                        deadLetters,
                        driver,
                        driver,
                        replay,
                        latency);
        meters.ifAvailable(ingest::bindTo);
        return ingest;
    }
}
