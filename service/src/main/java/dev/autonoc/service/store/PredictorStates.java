package dev.autonoc.service.store;

import dev.autonoc.core.network.ElementId;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * The predictor's state of each element, as the instance that last gave the element's partition
 * away left it ({@code service_predictor_state}; see {@link
 * dev.autonoc.core.prediction.FailurePredictor#states}): the instance that takes the partition over
 * reads it, so that the element's baselines go on rather than start again from the warm-up's hours.
 * One row per element, written again at each handover.
 */
public final class PredictorStates {

    private final ServiceDatabase db;
    private final String worldId;

    public PredictorStates(ServiceDatabase db, String worldId) {
        this.db = Objects.requireNonNull(db, "db");
        this.worldId = Objects.requireNonNull(worldId, "worldId");
    }

    /**
     * Keeps the states (by element, in the predictor of {@code model}'s own format) in place of
     * those kept before, in one transaction.
     */
    public void save(
            String model,
            Map<ElementId, byte[]> states,
            ToIntFunction<ElementId> partitionOf,
            Instant takenAt) {
        if (states.isEmpty()) {
            return;
        }
        Base64.Encoder base64 = Base64.getEncoder();
        db.transaction(
                "keep the predictor's state of " + states.size() + " element(s)",
                () -> {
                    for (Map.Entry<ElementId, byte[]> e : states.entrySet()) {
                        String element = e.getKey().value();
                        String state = base64.encodeToString(e.getValue());
                        int partition = partitionOf.applyAsInt(e.getKey());
                        int updated =
                                db.jdbc()
                                        .sql(
                                                "UPDATE service_predictor_state SET partition_no ="
                                                        + " :partition, model = :model, state ="
                                                        + " :state, taken_at = :at WHERE world_id ="
                                                        + " :world AND element_id = :element")
                                        .param("partition", partition)
                                        .param("model", model)
                                        .param("state", state)
                                        .param("at", ServiceDatabase.utc(takenAt))
                                        .param("world", worldId)
                                        .param("element", element)
                                        .update();
                        if (updated == 0) {
                            db.jdbc()
                                    .sql(
                                            "INSERT INTO service_predictor_state (world_id,"
                                                    + " element_id, partition_no, model, state,"
                                                    + " taken_at) VALUES (:world, :element,"
                                                    + " :partition, :model, :state, :at)")
                                    .param("world", worldId)
                                    .param("element", element)
                                    .param("partition", partition)
                                    .param("model", model)
                                    .param("state", state)
                                    .param("at", ServiceDatabase.utc(takenAt))
                                    .update();
                        }
                    }
                    return null;
                });
    }

    /**
     * The states kept of the partitions' elements by a predictor of {@code model}, taken at or
     * after {@code notBefore}.
     */
    public Map<ElementId, byte[]> load(
            String model, Collection<Integer> partitions, Instant notBefore) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Base64.Decoder base64 = Base64.getDecoder();
        Map<ElementId, byte[]> out = new LinkedHashMap<>();
        db.query(
                        "read the predictor's state of partitions " + partitions,
                        () ->
                                db.jdbc()
                                        .sql(
                                                "SELECT element_id, state FROM"
                                                        + " service_predictor_state WHERE world_id"
                                                        + " = :world AND partition_no IN"
                                                        + " (:partitions) AND model = :model AND"
                                                        + " taken_at >= :since ORDER BY"
                                                        + " element_id")
                                        .param("world", worldId)
                                        .param("partitions", List.copyOf(partitions))
                                        .param("model", model)
                                        .param("since", ServiceDatabase.utc(notBefore))
                                        .query(
                                                (rs, row) ->
                                                        Map.entry(
                                                                ElementId.of(
                                                                        rs.getString("element_id")),
                                                                base64.decode(
                                                                        rs.getString("state"))))
                                        .list())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
