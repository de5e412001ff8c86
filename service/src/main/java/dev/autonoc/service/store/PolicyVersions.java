package dev.autonoc.service.store;

import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every policy version the service has kept ({@code service_policy_version}: text, content hash,
 * who and when) and every time one was put in force ({@code service_policy_activation}); the latest
 * activation is the version in force.
 */
public final class PolicyVersions {

    /** A kept version: its {@code sha256:} hash, file name, text, who brought it and when. */
    public record Kept(String version, String name, String text, String keptBy, Instant keptAt) {}

    /**
     * A version put in force.
     *
     * @param previous the version in force before, if any
     * @param action {@code upload}, {@code activate} or {@code start}
     */
    public record Activation(
            String version, Optional<String> previous, String action, String actor, Instant at) {}

    private final ServiceDatabase db;

    public PolicyVersions(ServiceDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** Every kept version, oldest first. */
    public List<Kept> kept() {
        return db.query(
                "read the kept policy versions",
                () ->
                        db.jdbc()
                                .sql(
                                        "SELECT version, name, policy_text, kept_by, kept_at FROM"
                                                + " service_policy_version ORDER BY seq")
                                .query(
                                        (rs, row) ->
                                                new Kept(
                                                        rs.getString("version"),
                                                        rs.getString("name"),
                                                        rs.getString("policy_text"),
                                                        rs.getString("kept_by"),
                                                        ServiceDatabase.instant(rs, "kept_at")))
                                .list());
    }

    /**
     * Keeps a version unless its hash is kept already; true when it was new. Several instances
     * starting on one database keep the configured version at once: the one whose insert loses the
     * race finds the version kept by another, and that is no error.
     */
    public boolean keep(Kept version) {
        try {
            return insertUnlessKept(version);
        } catch (StoreException e) {
            if (isKept(version.version())) {
                return false;
            }
            throw e;
        }
    }

    private boolean isKept(String version) {
        return db.query(
                "look for policy version " + version,
                () ->
                        ServiceDatabase.finds(
                                db.jdbc()
                                        .sql(
                                                "SELECT 1 FROM service_policy_version WHERE"
                                                        + " version = :version")
                                        .param("version", version)));
    }

    private boolean insertUnlessKept(Kept version) {
        return db.transaction(
                "keep policy version " + version.version(),
                () -> {
                    if (ServiceDatabase.finds(
                            db.jdbc()
                                    .sql(
                                            "SELECT 1 FROM service_policy_version WHERE version ="
                                                    + " :version")
                                    .param("version", version.version()))) {
                        return false;
                    }
                    db.jdbc()
                            .sql(
                                    "INSERT INTO service_policy_version (version, name,"
                                            + " policy_text, kept_by, kept_at) VALUES (:version,"
                                            + " :name, :text, :by, :at)")
                            .param("version", version.version())
                            .param("name", version.name())
                            .param("text", version.text())
                            .param("by", version.keptBy())
                            .param("at", ServiceDatabase.utc(version.keptAt()))
                            .update();
                    return true;
                });
    }

    public void activated(Activation a) {
        db.query(
                "record that policy " + a.version() + " is in force",
                () ->
                        db.jdbc()
                                .sql(
                                        "INSERT INTO service_policy_activation (version, previous,"
                                                + " action, actor, at_time) VALUES (:version,"
                                                + " :previous, :action, :actor, :at)")
                                .param("version", a.version())
                                .param("previous", a.previous().orElse(null), Types.VARCHAR)
                                .param("action", a.action())
                                .param("actor", a.actor())
                                .param("at", ServiceDatabase.utc(a.at()))
                                .update());
    }

    /** Every activation, oldest first. */
    public List<Activation> activations() {
        return db.query(
                "read the policy activations",
                () ->
                        db.jdbc()
                                .sql(
                                        "SELECT version, previous, action, actor, at_time FROM"
                                                + " service_policy_activation ORDER BY seq")
                                .query(
                                        (rs, row) ->
                                                new Activation(
                                                        rs.getString("version"),
                                                        Optional.ofNullable(
                                                                rs.getString("previous")),
                                                        rs.getString("action"),
                                                        rs.getString("actor"),
                                                        ServiceDatabase.instant(rs, "at_time")))
                                .list());
    }

    /** The version in force when the service stopped: the latest activation. */
    public Optional<Activation> inForce() {
        List<Activation> all = activations();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }
}
