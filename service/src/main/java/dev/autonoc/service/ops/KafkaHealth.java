package dev.autonoc.service.ops;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Connected mode's telemetry feed, for readiness: the broker answers, the telemetry topic exists,
 * and the instances' consumer group holds every partition of it (so that no element's telemetry is
 * left unread). Down, with what is wrong, otherwise: a broker that does not answer within the
 * timeout, a missing topic, a group with no member (the consumer has not joined, or is rebalancing)
 * or partitions nobody reads. With more instances than partitions an instance may hold none and
 * still be ready: the group as a whole is judged, and the details say how many partitions each
 * member holds.
 */
final class KafkaHealth implements HealthIndicator, AutoCloseable {

    private final Admin admin;
    private final String topic;
    private final String group;
    private final Duration timeout;

    KafkaHealth(Admin admin, String topic, String group, Duration timeout) {
        this.admin = admin;
        this.topic = topic;
        this.group = group;
        this.timeout = timeout;
    }

    @Override
    public Health health() {
        int ms = (int) timeout.toMillis();
        try {
            var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms));
            String clusterId = cluster.clusterId().get(ms, TimeUnit.MILLISECONDS);
            List<Node> brokers = List.copyOf(cluster.nodes().get(ms, TimeUnit.MILLISECONDS));
            Health.Builder health =
                    Health.up()
                            .withDetail("clusterId", clusterId)
                            .withDetail("brokers", brokers.size())
                            .withDetail("topic", topic)
                            .withDetail("group", group);
            TopicDescription described;
            try {
                described =
                        admin.describeTopics(
                                        List.of(topic), new DescribeTopicsOptions().timeoutMs(ms))
                                .allTopicNames()
                                .get(ms, TimeUnit.MILLISECONDS)
                                .get(topic);
            } catch (ExecutionException e) {
                return health.down()
                        .withDetail(
                                "error",
                                "the telemetry topic '"
                                        + topic
                                        + "' cannot be read: "
                                        + e.getCause().getMessage())
                        .build();
            }
            int partitions = described.partitions().size();
            health.withDetail("partitions", partitions);
            ConsumerGroupDescription g;
            try {
                g =
                        admin.describeConsumerGroups(
                                        List.of(group),
                                        new DescribeConsumerGroupsOptions().timeoutMs(ms))
                                .describedGroups()
                                .get(group)
                                .get(ms, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GroupIdNotFoundException) {
                    // a group nobody has joined yet does not exist for the broker
                    return health.down()
                            .withDetail(
                                    "error",
                                    "the consumer group '"
                                            + group
                                            + "' has no member: the telemetry consumer has not"
                                            + " joined (yet)")
                            .build();
                }
                throw e;
            }
            Set<TopicPartition> held =
                    g.members().stream()
                            .flatMap(m -> m.assignment().topicPartitions().stream())
                            .filter(tp -> tp.topic().equals(topic))
                            .collect(Collectors.toSet());
            Map<String, Long> perMember =
                    g.members().stream()
                            .collect(
                                    Collectors.toMap(
                                            MemberDescription::consumerId,
                                            m ->
                                                    m.assignment().topicPartitions().stream()
                                                            .filter(tp -> tp.topic().equals(topic))
                                                            .count(),
                                            (a, b) -> a + b,
                                            java.util.TreeMap::new));
            health.withDetail("groupState", g.groupState().toString())
                    .withDetail("partitionsAssigned", held.size())
                    .withDetail("members", perMember);
            if (g.members().isEmpty()) {
                return health.down()
                        .withDetail(
                                "error",
                                "the consumer group '"
                                        + group
                                        + "' has no member: the telemetry consumer has not joined"
                                        + " (yet), or the group is rebalancing")
                        .build();
            }
            if (held.size() < partitions) {
                return health.down()
                        .withDetail(
                                "error",
                                (partitions - held.size())
                                        + " of the topic's "
                                        + partitions
                                        + " partitions are read by no member of the group")
                        .build();
            }
            return health.build();
        } catch (TimeoutException e) {
            return Health.down()
                    .withDetail("topic", topic)
                    .withDetail("group", group)
                    .withDetail("error", "the Kafka broker did not answer within " + timeout)
                    .build();
        } catch (ExecutionException e) {
            return Health.down()
                    .withDetail("topic", topic)
                    .withDetail("group", group)
                    .withDetail("error", "Kafka: " + e.getCause())
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().withDetail("error", "interrupted").build();
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
