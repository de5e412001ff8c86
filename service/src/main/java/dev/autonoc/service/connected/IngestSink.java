package dev.autonoc.service.connected;

import dev.autonoc.core.network.ElementId;
import java.util.List;
import java.util.Map;

/**
 * Where the telemetry topic's well-formed messages go, a batch at a time, in the order read. {@link
 * #apply} returns only once the batch's effects are durable (the predictor has them, and any case
 * they opened is in the database); only then does the consumer commit the batch's offsets.
 */
interface IngestSink {

    /**
     * Takes the batch in order.
     *
     * @return the messages refused on their merits (an unknown element, a metric the element does
     *     not report), by index in {@code batch}, and how many were skipped as already seen
     * @throws RuntimeException when the batch's effects could not be made durable: the consumer
     *     commits nothing and the batch is delivered again, so the sink must take a message it has
     *     already seen without a second effect
     */
    Applied apply(List<TelemetryMessage> batch);

    /**
     * As {@link #apply(List)}, told first the partition of the elements whose partition it was not
     * told before ({@code partitions}: each new key's partition, usually none): one partition's
     * messages come in order, partitions run apart, and the predictor judges an element's silence
     * and clock within its own partition ({@link
     * dev.autonoc.core.prediction.FailurePredictor#streams}).
     */
    default Applied apply(List<TelemetryMessage> batch, Map<ElementId, Integer> partitions) {
        return apply(batch);
    }

    /** A message refused, by its index in the batch. */
    record Refused(int index, Rejection why) {}

    /**
     * @param refused the messages refused, to the dead-letter topic
     * @param duplicates how many were skipped as already taken (a replay after a restart)
     */
    record Applied(List<Refused> refused, int duplicates) {
        public Applied {
            refused = List.copyOf(refused);
        }
    }
}
