package dev.autonoc.service.store;

import dev.autonoc.core.prediction.PredictorShare;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The predictors' shares of the instances over one network ({@code service_predictor_share}; see
 * {@link PredictorShare}): each instance keeps its latest share in a row of its own and reads the
 * others'. A share the database has not seen written again for {@code staleAfter} is left out: its
 * instance stopped or died, and the elements it watched are, or soon will be, another's.
 *
 * <p>Staleness is told by the database's clock alone (the row's write time and the read's), so that
 * instances whose clocks disagree still agree on which shares count.
 */
public final class PredictorShares {

    /** Another instance's share, as last written. */
    public record Written(String instanceId, PredictorShare share, Duration age) {}

    private final ServiceDatabase db;
    private final String worldId;
    private final String instanceId;

    public PredictorShares(ServiceDatabase db, String worldId, String instanceId) {
        this.db = Objects.requireNonNull(db, "db");
        this.worldId = Objects.requireNonNull(worldId, "worldId");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
    }

    /** Keeps {@code share} as this instance's, in place of the one before. */
    public void write(PredictorShare share) {
        String json = StateJson.write(share);
        db.transaction(
                "write instance " + instanceId + "'s predictor share",
                () -> {
                    int updated =
                            db.jdbc()
                                    .sql(
                                            "UPDATE service_predictor_share SET model = :model,"
                                                    + " share_json = :json, written_at ="
                                                    + " CURRENT_TIMESTAMP WHERE world_id = :world"
                                                    + " AND instance_id = :instance")
                                    .param("model", share.model())
                                    .param("json", json)
                                    .param("world", worldId)
                                    .param("instance", instanceId)
                                    .update();
                    if (updated == 0) {
                        db.jdbc()
                                .sql(
                                        "INSERT INTO service_predictor_share (world_id,"
                                                + " instance_id, model, share_json, written_at)"
                                                + " VALUES (:world, :instance, :model, :json,"
                                                + " CURRENT_TIMESTAMP)")
                                .param("world", worldId)
                                .param("instance", instanceId)
                                .param("model", share.model())
                                .param("json", json)
                                .update();
                    }
                    return null;
                });
    }

    /**
     * The other instances' shares written within {@code staleAfter} of the database's now, by
     * instance id.
     */
    public List<Written> others(Duration staleAfter) {
        return db.query(
                "read the other instances' predictor shares",
                () ->
                        db
                                .jdbc()
                                .sql(
                                        "SELECT instance_id, share_json, written_at,"
                                                + " CURRENT_TIMESTAMP AS db_now FROM"
                                                + " service_predictor_share WHERE world_id ="
                                                + " :world AND instance_id <> :instance ORDER BY"
                                                + " instance_id")
                                .param("world", worldId)
                                .param("instance", instanceId)
                                .query(
                                        (rs, row) -> {
                                            Instant written =
                                                    ServiceDatabase.instant(rs, "written_at");
                                            Instant now = ServiceDatabase.instant(rs, "db_now");
                                            return new Written(
                                                    rs.getString("instance_id"),
                                                    StateJson.read(
                                                            rs.getString("share_json"),
                                                            PredictorShare.class),
                                                    Duration.between(written, now));
                                        })
                                .list()
                                .stream()
                                .filter(w -> w.age().compareTo(staleAfter) <= 0)
                                .toList());
    }

    /** Takes this instance's share away (it stops): the others leave it out at their next read. */
    public void remove() {
        db.query(
                "remove instance " + instanceId + "'s predictor share",
                () ->
                        db.jdbc()
                                .sql(
                                        "DELETE FROM service_predictor_share WHERE world_id ="
                                                + " :world AND instance_id = :instance")
                                .param("world", worldId)
                                .param("instance", instanceId)
                                .update());
    }
}
