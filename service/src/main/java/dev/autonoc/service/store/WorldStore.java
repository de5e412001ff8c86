package dev.autonoc.service.store;

import dev.autonoc.core.tool.ToolInvocation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;

/**
 * The simulated worlds the service has run ({@code service_world}) and, per world, the journal of
 * every tool invocation against its twin ({@code service_tool_journal}). The twin is deterministic
 * given its spec and what was done to it: the spec, the simulated time reached and the journal are
 * enough to rebuild it after a restart.
 */
public final class WorldStore {

    /**
     * A world.
     *
     * @param id the world's id, in its cases' ids ({@code case-<id>-0001})
     * @param specHash SHA-256 of {@link #spec()}: a restart with another spec is another world
     * @param spec the twin's spec, in words
     * @param simTime the simulated time it was last seen at
     */
    public record World(String id, String specHash, String spec, Instant simTime) {}

    /** One tool invocation against a world's twin, at the simulated time it ran. */
    public record JournalEntry(
            long seq,
            Instant simTime,
            String tool,
            Map<String, Object> arguments,
            String idempotencyKey,
            String actor) {}

    private static final TypeReference<Map<String, Object>> ARGUMENTS = new TypeReference<>() {};

    private final ServiceDatabase db;

    public WorldStore(ServiceDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** The world the service ran last, if any. */
    public Optional<World> current() {
        return db.query(
                "read the current simulated world",
                () ->
                        db
                                .jdbc()
                                .sql(
                                        "SELECT id, spec_hash, spec, sim_time FROM service_world"
                                                + " WHERE is_current")
                                .query(
                                        (rs, row) ->
                                                new World(
                                                        rs.getString("id"),
                                                        rs.getString("spec_hash"),
                                                        rs.getString("spec"),
                                                        ServiceDatabase.instant(rs, "sim_time")))
                                .list()
                                .stream()
                                .findFirst());
    }

    /** {@code base}, or {@code base-2}, {@code base-3}, ... if a world already has that id. */
    public String freshId(String base) {
        return db.query(
                "find a free world id",
                () -> {
                    for (int n = 1; ; n++) {
                        String id = n == 1 ? base : base + "-" + n;
                        if (!ServiceDatabase.finds(
                                db.jdbc()
                                        .sql("SELECT 1 FROM service_world WHERE id = :id")
                                        .param("id", id))) {
                            return id;
                        }
                    }
                });
    }

    /** Records a new world as the current one; the one before (if any) is current no more. */
    public World begin(String id, String specHash, String spec, Instant simStart, Instant wallNow) {
        World world = new World(id, specHash, spec, simStart);
        db.transaction(
                "begin simulated world " + id,
                () -> {
                    db.jdbc()
                            .sql("UPDATE service_world SET is_current = FALSE WHERE is_current")
                            .update();
                    return db.jdbc()
                            .sql(
                                    "INSERT INTO service_world (id, spec_hash, spec, created_at,"
                                            + " sim_time, is_current) VALUES (:id, :hash, :spec,"
                                            + " :created, :sim, TRUE)")
                            .param("id", id)
                            .param("hash", specHash)
                            .param("spec", spec)
                            .param("created", ServiceDatabase.utc(wallNow))
                            .param("sim", ServiceDatabase.utc(simStart))
                            .update();
                });
        return world;
    }

    /** The simulated time {@code worldId} has reached (saved after every tick). */
    public void reached(String worldId, Instant simTime) {
        db.query(
                "save the simulated time of world " + worldId,
                () ->
                        db.jdbc()
                                .sql(
                                        "UPDATE service_world SET sim_time = :time WHERE id ="
                                                + " :world AND sim_time < :time")
                                .param("time", ServiceDatabase.utc(simTime))
                                .param("world", worldId)
                                .update());
    }

    /** Writes an invocation to the world's journal; called before the tool runs. */
    public void journal(String worldId, Instant simTime, ToolInvocation invocation) {
        String arguments = StateJson.write(invocation.call().arguments());
        db.query(
                "journal " + invocation.call().tool() + " (" + invocation.key() + ")",
                () ->
                        db.jdbc()
                                .sql(
                                        "INSERT INTO service_tool_journal (world_id, sim_time,"
                                                + " tool, arguments_json, idempotency_key, actor)"
                                                + " VALUES (:world, :time, :tool, :arguments,"
                                                + " :key, :actor)")
                                .param("world", worldId)
                                .param("time", ServiceDatabase.utc(simTime))
                                .param("tool", invocation.call().tool())
                                .param("arguments", arguments)
                                .param("key", invocation.key().value())
                                .param("actor", invocation.actor())
                                .update());
    }

    /** The world's journal, in the order the invocations ran. */
    public List<JournalEntry> journal(String worldId) {
        return db.query(
                "read the tool journal of world " + worldId,
                () ->
                        db.jdbc()
                                .sql(
                                        "SELECT seq, sim_time, tool, arguments_json,"
                                                + " idempotency_key, actor FROM"
                                                + " service_tool_journal WHERE world_id = :world"
                                                + " ORDER BY seq")
                                .param("world", worldId)
                                .query(
                                        (rs, row) ->
                                                new JournalEntry(
                                                        rs.getLong("seq"),
                                                        ServiceDatabase.instant(rs, "sim_time"),
                                                        rs.getString("tool"),
                                                        StateJson.read(
                                                                rs.getString("arguments_json"),
                                                                ARGUMENTS),
                                                        rs.getString("idempotency_key"),
                                                        rs.getString("actor")))
                                .list());
    }
}
