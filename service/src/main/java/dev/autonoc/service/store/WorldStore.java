package dev.autonoc.service.store;

import dev.autonoc.core.tool.ToolInvocation;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
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
                c -> {
                    try (PreparedStatement s =
                                    c.prepareStatement(
                                            "SELECT id, spec_hash, spec, sim_time FROM"
                                                    + " service_world WHERE is_current");
                            ResultSet rs = s.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.empty();
                        }
                        return Optional.of(
                                new World(
                                        rs.getString("id"),
                                        rs.getString("spec_hash"),
                                        rs.getString("spec"),
                                        ServiceDatabase.instant(rs, "sim_time")));
                    }
                });
    }

    /** {@code base}, or {@code base-2}, {@code base-3}, ... if a world already has that id. */
    public String freshId(String base) {
        return db.query(
                "find a free world id",
                c -> {
                    try (PreparedStatement s =
                            c.prepareStatement("SELECT 1 FROM service_world WHERE id = ?")) {
                        for (int n = 1; ; n++) {
                            String id = n == 1 ? base : base + "-" + n;
                            s.setString(1, id);
                            try (ResultSet rs = s.executeQuery()) {
                                if (!rs.next()) {
                                    return id;
                                }
                            }
                        }
                    }
                });
    }

    /** Records a new world as the current one; the one before (if any) is current no more. */
    public World begin(String id, String specHash, String spec, Instant simStart, Instant wallNow) {
        World world = new World(id, specHash, spec, simStart);
        db.transaction(
                "begin simulated world " + id,
                c -> {
                    try (PreparedStatement s =
                            c.prepareStatement(
                                    "UPDATE service_world SET is_current = FALSE WHERE"
                                            + " is_current")) {
                        s.executeUpdate();
                    }
                    try (PreparedStatement s =
                            c.prepareStatement(
                                    "INSERT INTO service_world (id, spec_hash, spec, created_at,"
                                            + " sim_time, is_current) VALUES (?, ?, ?, ?, ?,"
                                            + " TRUE)")) {
                        s.setString(1, id);
                        s.setString(2, specHash);
                        s.setString(3, spec);
                        ServiceDatabase.setInstant(s, 4, wallNow);
                        ServiceDatabase.setInstant(s, 5, simStart);
                        s.executeUpdate();
                    }
                    return null;
                });
        return world;
    }

    /** The simulated time {@code worldId} has reached (saved after every tick). */
    public void reached(String worldId, Instant simTime) {
        db.query(
                "save the simulated time of world " + worldId,
                c -> {
                    try (PreparedStatement s =
                            c.prepareStatement(
                                    "UPDATE service_world SET sim_time = ? WHERE id = ? AND"
                                            + " sim_time < ?")) {
                        ServiceDatabase.setInstant(s, 1, simTime);
                        s.setString(2, worldId);
                        ServiceDatabase.setInstant(s, 3, simTime);
                        return s.executeUpdate();
                    }
                });
    }

    /** Writes an invocation to the world's journal; called before the tool runs. */
    public void journal(String worldId, Instant simTime, ToolInvocation invocation) {
        String arguments = StateJson.write(invocation.call().arguments());
        db.query(
                "journal " + invocation.call().tool() + " (" + invocation.key() + ")",
                c -> {
                    try (PreparedStatement s =
                            c.prepareStatement(
                                    "INSERT INTO service_tool_journal (world_id, sim_time, tool,"
                                            + " arguments_json, idempotency_key, actor) VALUES"
                                            + " (?, ?, ?, ?, ?, ?)")) {
                        s.setString(1, worldId);
                        ServiceDatabase.setInstant(s, 2, simTime);
                        s.setString(3, invocation.call().tool());
                        s.setString(4, arguments);
                        s.setString(5, invocation.key().value());
                        s.setString(6, invocation.actor());
                        return s.executeUpdate();
                    }
                });
    }

    /** The world's journal, in the order the invocations ran. */
    public List<JournalEntry> journal(String worldId) {
        return db.query(
                "read the tool journal of world " + worldId,
                c -> {
                    List<JournalEntry> out = new ArrayList<>();
                    try (PreparedStatement s =
                            c.prepareStatement(
                                    "SELECT seq, sim_time, tool, arguments_json,"
                                            + " idempotency_key, actor FROM service_tool_journal"
                                            + " WHERE world_id = ? ORDER BY seq")) {
                        s.setString(1, worldId);
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                out.add(
                                        new JournalEntry(
                                                rs.getLong("seq"),
                                                ServiceDatabase.instant(rs, "sim_time"),
                                                rs.getString("tool"),
                                                StateJson.read(
                                                        rs.getString("arguments_json"), ARGUMENTS),
                                                rs.getString("idempotency_key"),
                                                rs.getString("actor")));
                            }
                        }
                    }
                    return out;
                });
    }
}
