package dev.autonoc.service.store;

import dev.autonoc.core.network.ElementId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * The predictor's state of each element, as the instance that owned the element's partition last
 * wrote it ({@code service_predictor_state}; see {@link
 * dev.autonoc.core.prediction.FailurePredictor#states}): when it gave the partition away, or at its
 * last checkpoint if it died without doing so. The instance that takes the partition over reads it,
 * so that the element's baselines go on rather than start again from the warm-up's hours.
 *
 * <p>One row per element. A save is fenced by the partitions' claims: it holds their rows in {@code
 * service_partition_owner} for its transaction and writes only the states of partitions the writer
 * still owns at the epoch of its claim, so that an instance which missed a rebalance writes nothing
 * over its heir's; and a state replaces only one taken no later than itself, so that a checkpoint
 * written late cannot undo the handover that followed it.
 */
public final class PredictorStates {

    /** How many elements one statement names, well inside any driver's limit on parameters. */
    private static final int CHUNK = 500;

    /**
     * What a save did.
     *
     * @param written the states written
     * @param laterKept the states not written because one taken later was kept
     * @param fenced the partitions whose states were not written: another instance claimed them
     *     since (or nobody claimed them)
     */
    public record Saved(int written, int laterKept, Set<Integer> fenced) {

        public Saved {
            fenced = Set.copyOf(fenced);
        }
    }

    private final ServiceDatabase db;
    private final String worldId;

    public PredictorStates(ServiceDatabase db, String worldId) {
        this.db = Objects.requireNonNull(db, "db");
        this.worldId = Objects.requireNonNull(worldId, "worldId");
    }

    /**
     * Keeps the states (by element, in the predictor of {@code model}'s own format), taken at
     * {@code takenAt}, in place of those kept before, in one transaction: those of the partitions
     * {@code claims} still holds, and of each element only if no state taken later is kept.
     */
    public Saved save(
            String model,
            Map<ElementId, byte[]> states,
            ToIntFunction<ElementId> partitionOf,
            PartitionClaims claims,
            Instant takenAt) {
        if (states.isEmpty()) {
            return new Saved(0, 0, Set.of());
        }
        Map<Integer, List<ElementId>> byPartition = new TreeMap<>();
        states.keySet()
                .forEach(
                        e ->
                                byPartition
                                        .computeIfAbsent(
                                                partitionOf.applyAsInt(e), p -> new ArrayList<>())
                                        .add(e));
        return db.transaction(
                "keep the predictor's state of " + states.size() + " element(s)",
                () -> {
                    Set<Integer> held = heldBy(claims, byPartition.keySet());
                    Set<Integer> fenced = new TreeSet<>(byPartition.keySet());
                    fenced.removeAll(held);
                    Map<ElementId, Instant> kept =
                            takenAtOf(
                                    held.stream()
                                            .flatMap(p -> byPartition.get(p).stream())
                                            .toList());
                    List<Map<String, Object>> updates = new ArrayList<>();
                    List<Map<String, Object>> inserts = new ArrayList<>();
                    int laterKept = 0;
                    Base64.Encoder base64 = Base64.getEncoder();
                    for (int p : held) {
                        for (ElementId e : byPartition.get(p)) {
                            Instant before = kept.get(e);
                            if (before != null && before.isAfter(takenAt)) {
                                laterKept++;
                                continue;
                            }
                            Map<String, Object> row = new HashMap<>();
                            row.put("world", worldId);
                            row.put("element", e.value());
                            row.put("partition", p);
                            row.put("model", model);
                            row.put("state", base64.encodeToString(states.get(e)));
                            row.put("at", ServiceDatabase.utc(takenAt));
                            (before == null ? inserts : updates).add(row);
                        }
                    }
                    db.batch(
                            "UPDATE service_predictor_state SET partition_no = :partition, model ="
                                    + " :model, state = :state, taken_at = :at WHERE world_id ="
                                    + " :world AND element_id = :element",
                            updates);
                    db.batch(
                            "INSERT INTO service_predictor_state (world_id, element_id,"
                                    + " partition_no, model, state, taken_at) VALUES (:world,"
                                    + " :element, :partition, :model, :state, :at)",
                            inserts);
                    return new Saved(updates.size() + inserts.size(), laterKept, fenced);
                });
    }

    /**
     * The partitions of {@code partitions} whose claim {@code claims} still holds, their rows
     * locked to the end of the transaction: a claim by another instance waits for this save, and a
     * save after it sees it.
     */
    private Set<Integer> heldBy(PartitionClaims claims, Set<Integer> partitions) {
        Set<Integer> held = new TreeSet<>();
        db.jdbc()
                .sql(
                        "SELECT partition_no, owner, owner_epoch FROM service_partition_owner"
                                + " WHERE world_id = :world AND partition_no IN (:partitions)"
                                + " ORDER BY partition_no FOR UPDATE")
                .param("world", worldId)
                .param("partitions", List.copyOf(partitions))
                .query(
                        rs -> {
                            int p = rs.getInt("partition_no");
                            if (claims.holds(p, rs.getString("owner"), rs.getLong("owner_epoch"))) {
                                held.add(p);
                            }
                        });
        return held;
    }

    /** When the kept states of {@code elements} were taken, of those that have one. */
    private Map<ElementId, Instant> takenAtOf(List<ElementId> elements) {
        Map<ElementId, Instant> out = new HashMap<>();
        for (int from = 0; from < elements.size(); from += CHUNK) {
            List<String> ids =
                    elements.subList(from, Math.min(elements.size(), from + CHUNK)).stream()
                            .map(ElementId::value)
                            .toList();
            db.jdbc()
                    .sql(
                            "SELECT element_id, taken_at FROM service_predictor_state WHERE"
                                    + " world_id = :world AND element_id IN (:ids)")
                    .param("world", worldId)
                    .param("ids", ids)
                    .query(
                            rs -> {
                                out.put(
                                        ElementId.of(rs.getString("element_id")),
                                        ServiceDatabase.instant(rs, "taken_at"));
                            });
        }
        return out;
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
