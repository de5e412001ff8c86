package dev.autonoc.service.store;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The cases of one simulated world, in the service's database ({@code service_case}): each save is
 * committed before it returns, so a crash after a save finds the case where the loop left it.
 *
 * <p>The store is the only writer of its world's cases (one service per database, as the ledger),
 * so it reads them once when it opens and then keeps a copy beside the table: the loop asks for
 * every case on every tick, and never pays for a query or a parse.
 */
public final class JdbcCaseStore implements CaseStore {

    private final ServiceDatabase db;
    private final String worldId;
    private final Map<CaseId, CaseRecord> cases = new LinkedHashMap<>();

    private JdbcCaseStore(ServiceDatabase db, String worldId) {
        this.db = db;
        this.worldId = worldId;
    }

    /** The cases of {@code worldId}, as they were last saved. */
    public static JdbcCaseStore open(ServiceDatabase db, String worldId) {
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(worldId, "worldId");
        JdbcCaseStore store = new JdbcCaseStore(db, worldId);
        store.load();
        return store;
    }

    public String worldId() {
        return worldId;
    }

    private void load() {
        db.query(
                        "read the cases of world " + worldId,
                        () ->
                                db.jdbc()
                                        .sql(
                                                "SELECT record_json FROM service_case WHERE world_id ="
                                                        + " :world ORDER BY seq")
                                        .param("world", worldId)
                                        .query(
                                                (rs, row) ->
                                                        StateJson.read(
                                                                rs.getString(1), CaseRecord.class))
                                        .list())
                .forEach(r -> cases.put(r.id(), r));
    }

    @Override
    public synchronized void save(CaseRecord record) {
        Objects.requireNonNull(record, "record");
        String json = StateJson.write(record);
        db.transaction(
                "save case " + record.id(),
                () -> {
                    int updated =
                            db.jdbc()
                                    .sql(
                                            "UPDATE service_case SET status = :status, element ="
                                                    + " :element, record_json = :json WHERE id ="
                                                    + " :id AND world_id = :world")
                                    .param("status", record.status().name())
                                    .param("element", record.element().id().value())
                                    .param("json", json)
                                    .param("id", record.id().value())
                                    .param("world", worldId)
                                    .update();
                    if (updated != 1) {
                        db.jdbc()
                                .sql(
                                        "INSERT INTO service_case (id, world_id, element, status,"
                                                + " opened_at, record_json) VALUES (:id, :world,"
                                                + " :element, :status, :opened, :json)")
                                .param("id", record.id().value())
                                .param("world", worldId)
                                .param("element", record.element().id().value())
                                .param("status", record.status().name())
                                .param("opened", ServiceDatabase.utc(record.openedAt()))
                                .param("json", json)
                                .update();
                    }
                    return null;
                });
        cases.put(record.id(), record);
    }

    @Override
    public synchronized Optional<CaseRecord> find(CaseId id) {
        return Optional.ofNullable(cases.get(id));
    }

    @Override
    public synchronized List<CaseRecord> open() {
        return cases.values().stream().filter(c -> c.status().isOpen()).toList();
    }

    @Override
    public synchronized List<CaseRecord> all() {
        return List.copyOf(cases.values());
    }
}
