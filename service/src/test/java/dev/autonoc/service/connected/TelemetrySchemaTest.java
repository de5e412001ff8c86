package dev.autonoc.service.connected;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.telemetry.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The published JSON Schema and the consumer must not drift apart. */
class TelemetrySchemaTest {

    private static final Path SCHEMA = Path.of("../docs/schemas/telemetry-message.schema.json");

    private static JsonNode schema() throws Exception {
        return JsonMapper.builder().build().readTree(Files.readString(SCHEMA));
    }

    @Test
    void every_example_of_the_schema_is_read_as_good() throws Exception {
        for (JsonNode example : schema().at("/examples")) {
            TelemetryMessages.Read read =
                    TelemetryMessages.read(
                            example.at("/element").asString(), example.toString().getBytes());
            assertThat(read).as(example.toString()).isInstanceOf(TelemetryMessages.Good.class);
        }
    }

    @Test
    void the_schema_lists_exactly_the_metrics_the_consumer_accepts() throws Exception {
        List<String> listed =
                new ArrayList<>(
                        schema().at("/oneOf/0/properties/metrics/properties").propertyNames());
        assertThat(listed)
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(Metric.values()).map(Metric::key).toList());
    }
}
