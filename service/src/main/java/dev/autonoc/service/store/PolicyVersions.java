package dev.autonoc.service.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
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
                c -> {
                    List<Kept> out = new ArrayList<>();
                    try (PreparedStatement s =
                                    c.prepareStatement(
                                            "SELECT version, name, policy_text, kept_by, kept_at"
                                                    + " FROM service_policy_version ORDER BY seq");
                            ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            out.add(
                                    new Kept(
                                            rs.getString("version"),
                                            rs.getString("name"),
                                            rs.getString("policy_text"),
                                            rs.getString("kept_by"),
                                            ServiceDatabase.instant(rs, "kept_at")));
                        }
                    }
                    return out;
                });
    }

    /** Keeps a version unless its hash is kept already; true when it was new. */
    public boolean keep(Kept version) {
        return db.transaction(
                "keep policy version " + version.version(),
                c -> {
                    try (PreparedStatement s =
                            c.prepareStatement(
                                    "SELECT 1 FROM service_policy_version WHERE version = ?")) {
                        s.setString(1, version.version());
                        try (ResultSet rs = s.executeQuery()) {
                            if (rs.next()) {
                                return false;
                            }
                        }
                    }
                    try (PreparedStatement s =
                            c.prepareStatement(
                                    "INSERT INTO service_policy_version (version, name,"
                                            + " policy_text, kept_by, kept_at) VALUES (?, ?, ?, ?,"
                                            + " ?)")) {
                        s.setString(1, version.version());
                        s.setString(2, version.name());
                        s.setString(3, version.text());
                        s.setString(4, version.keptBy());
                        ServiceDatabase.setInstant(s, 5, version.keptAt());
                        s.executeUpdate();
                    }
                    return true;
                });
    }

    public void activated(Activation a) {
        db.query(
                "record that policy " + a.version() + " is in force",
                c -> {
                    try (PreparedStatement s =
                            c.prepareStatement(
                                    "INSERT INTO service_policy_activation (version, previous,"
                                            + " action, actor, at_time) VALUES (?, ?, ?, ?, ?)")) {
                        s.setString(1, a.version());
                        s.setString(2, a.previous().orElse(null));
                        s.setString(3, a.action());
                        s.setString(4, a.actor());
                        ServiceDatabase.setInstant(s, 5, a.at());
                        return s.executeUpdate();
                    }
                });
    }

    /** Every activation, oldest first. */
    public List<Activation> activations() {
        return db.query(
                "read the policy activations",
                c -> {
                    List<Activation> out = new ArrayList<>();
                    try (PreparedStatement s =
                                    c.prepareStatement(
                                            "SELECT version, previous, action, actor, at_time"
                                                    + " FROM service_policy_activation ORDER BY"
                                                    + " seq");
                            ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            out.add(
                                    new Activation(
                                            rs.getString("version"),
                                            Optional.ofNullable(rs.getString("previous")),
                                            rs.getString("action"),
                                            rs.getString("actor"),
                                            ServiceDatabase.instant(rs, "at_time")));
                        }
                    }
                    return out;
                });
    }

    /** The version in force when the service stopped: the latest activation. */
    public Optional<Activation> inForce() {
        List<Activation> all = activations();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }
}
