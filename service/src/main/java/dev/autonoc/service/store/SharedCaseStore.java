package dev.autonoc.service.store;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.network.ElementId;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cases of one network that several instances share on one database (connected mode,
 * docs/connected-mode.md "Several instances"): each instance works the cases of the elements whose
 * telemetry partitions it owns, and only those.
 *
 * <p>When Kafka assigns it partitions, the instance {@link #claim}s them: in one transaction per
 * partition it locks the partition's row in {@code service_partition_owner}, raises its epoch, and
 * stamps the open cases of the partition's elements with its name and that epoch. From then on
 * {@link #open()} is those cases, and every save is fenced: an existing case is updated only {@code
 * WHERE owner_epoch} is still the claim's epoch, a new one is inserted only under the partition
 * row's lock at that epoch. An instance that missed a rebalance (paused, partitioned away, or its
 * consumer evicted) therefore writes nothing over the new owner's work: its write fails with a
 * {@link FencedWriteException}, the case is dropped here, and the instance goes on.
 *
 * <p>{@link #find} and {@link #all()} read every case of the network (the API shows them all, and a
 * loop's index of each element's latest case covers the others' too); they read the database.
 * Thread-safe.
 */
public final class SharedCaseStore implements CaseStore {

    private static final Logger log = LoggerFactory.getLogger(SharedCaseStore.class);
    private static final int CLAIM_ATTEMPTS = 3;

    private final ServiceDatabase db;
    private final String worldId;
    private final String owner;
    private final Clock clock;
    // what this instance owns: partition -> epoch of its claim
    private final Map<Integer, Long> epochs = new HashMap<>();
    // the owned partitions' cases, in the order they were opened (closed ones until reloaded)
    private final Map<CaseId, CaseRecord> owned = new LinkedHashMap<>();
    private ToIntFunction<ElementId> partitionOf = e -> 0;

    private SharedCaseStore(ServiceDatabase db, String worldId, String owner, Clock clock) {
        this.db = db;
        this.worldId = worldId;
        this.owner = owner;
        this.clock = clock;
    }

    /**
     * The cases of {@code worldId} as instance {@code owner} sees them; it owns nothing until it
     * {@link #claim}s partitions.
     */
    public static SharedCaseStore open(
            ServiceDatabase db, String worldId, String owner, Clock clock) {
        return new SharedCaseStore(
                Objects.requireNonNull(db, "db"),
                Objects.requireNonNull(worldId, "worldId"),
                Objects.requireNonNull(owner, "owner"),
                Objects.requireNonNull(clock, "clock"));
    }

    public String owner() {
        return owner;
    }

    /**
     * Takes the partitions over, and with them the open cases of the elements in them.
     *
     * @param partitionOf the partition of an element (its telemetry key's), for the topic's
     *     partition count now
     * @throws StoreException when the database fails; the partitions claimed before stay claimed
     */
    public synchronized void claim(
            Collection<Integer> partitions, ToIntFunction<ElementId> partitionOf) {
        this.partitionOf = Objects.requireNonNull(partitionOf, "partitionOf");
        for (int p : new TreeSet<>(partitions)) {
            epochs.put(p, claimOne(p));
        }
        reload();
        log.info(
                "{} owns partitions {} of '{}': {} open case(s)",
                owner,
                new TreeSet<>(epochs.keySet()),
                worldId,
                open().size());
    }

    /** Gives the partitions up (revoked or lost): their cases are no longer worked here. */
    public synchronized void drop(Collection<Integer> partitions) {
        partitions.forEach(epochs::remove);
        owned.values().removeIf(c -> !epochs.containsKey(partitionOf.applyAsInt(c.element().id())));
    }

    /** The partitions this instance owns, with the epochs of its claims. */
    public synchronized PartitionClaims claims() {
        return new PartitionClaims(owner, epochs);
    }

    /** The partitions this instance owns. */
    public synchronized Set<Integer> partitions() {
        return Set.copyOf(epochs.keySet());
    }

    /** Whether this instance owns the element's partition: works its cases, opens new ones. */
    public synchronized boolean owns(ElementId element) {
        return epochs.containsKey(partitionOf.applyAsInt(element));
    }

    private long claimOne(int partition) {
        for (int attempt = 1; ; attempt++) {
            try {
                return db.transaction(
                        "claim partition " + partition + " of " + worldId,
                        () -> claimInTransaction(partition));
            } catch (StoreException e) {
                // two instances inserting a partition's first row at once: one loses on the key
                if (attempt >= CLAIM_ATTEMPTS) {
                    throw e;
                }
                log.debug(
                        "claim of partition {} failed, trying again: {}",
                        partition,
                        e.getMessage());
            }
        }
    }

    private long claimInTransaction(int partition) {
        Optional<Long> before =
                db.jdbc()
                        .sql(
                                "SELECT owner_epoch FROM service_partition_owner WHERE world_id ="
                                        + " :world AND partition_no = :p FOR UPDATE")
                        .param("world", worldId)
                        .param("p", partition)
                        .query(Long.class)
                        .optional();
        long epoch = before.orElse(0L) + 1;
        if (before.isEmpty()) {
            db.jdbc()
                    .sql(
                            "INSERT INTO service_partition_owner (world_id, partition_no, owner,"
                                    + " owner_epoch, claimed_at) VALUES (:world, :p, :owner,"
                                    + " :epoch, :at)")
                    .param("world", worldId)
                    .param("p", partition)
                    .param("owner", owner)
                    .param("epoch", epoch)
                    .param("at", ServiceDatabase.utc(clock.instant()))
                    .update();
        } else {
            db.jdbc()
                    .sql(
                            "UPDATE service_partition_owner SET owner = :owner, owner_epoch ="
                                    + " :epoch, claimed_at = :at WHERE world_id = :world AND"
                                    + " partition_no = :p")
                    .param("world", worldId)
                    .param("p", partition)
                    .param("owner", owner)
                    .param("epoch", epoch)
                    .param("at", ServiceDatabase.utc(clock.instant()))
                    .update();
        }
        for (Row r : openRows()) {
            if (partitionOf.applyAsInt(r.record().element().id()) == partition) {
                db.jdbc()
                        .sql(
                                "UPDATE service_case SET owner = :owner, owner_epoch = :epoch"
                                        + " WHERE world_id = :world AND id = :id")
                        .param("owner", owner)
                        .param("epoch", epoch)
                        .param("world", worldId)
                        .param("id", r.record().id().value())
                        .update();
            }
        }
        return epoch;
    }

    private record Row(CaseRecord record, long epoch) {}

    private List<Row> openRows() {
        return db.jdbc()
                .sql(
                        "SELECT record_json, owner_epoch FROM service_case WHERE world_id = :world"
                                + " AND status <> :closed ORDER BY seq")
                .param("world", worldId)
                .param("closed", CaseStatus.CLOSED.name())
                .query(
                        (rs, n) ->
                                new Row(
                                        StateJson.read(rs.getString(1), CaseRecord.class),
                                        rs.getLong(2)))
                .list();
    }

    /** The open cases of the owned partitions stamped with their claim's epoch. */
    private void reload() {
        owned.clear();
        for (Row r : db.query("read the open cases of " + worldId, () -> openRows())) {
            Long epoch = epochs.get(partitionOf.applyAsInt(r.record().element().id()));
            if (epoch != null && epoch == r.epoch()) {
                owned.put(r.record().id(), r.record());
            }
        }
    }

    /**
     * Saves a case of an owned partition, fenced by the claim's epoch. Saves of different cases run
     * at once (connected mode works a tick's new cases at once, each waiting for its commit): only
     * reading the claim and recording the outcome hold this store's lock; the fence is the
     * database's (the epoch in the {@code UPDATE}'s condition, the partition row's lock for an
     * insert), so a claim that moves the partition meanwhile still refuses the write, and a save
     * that commits under an epoch no longer held here is not recorded as owned. A case is saved by
     * one thread at a time (its loop's case lock).
     */
    @Override
    public void save(CaseRecord record) {
        Objects.requireNonNull(record, "record");
        ElementId element = record.element().id();
        int partition;
        Long epoch;
        boolean known;
        synchronized (this) {
            partition = partitionOf.applyAsInt(element);
            epoch = epochs.get(partition);
            known = owned.containsKey(record.id());
            if (epoch == null) {
                throw fenced(
                        record.id(),
                        "case "
                                + record.id()
                                + " is on "
                                + element
                                + ", whose partition "
                                + partition
                                + " this instance ("
                                + owner
                                + ") does not own; the instance that owns it works the case (owned"
                                + " here: "
                                + new TreeSet<>(epochs.keySet())
                                + ")");
            }
        }
        String json = StateJson.write(record);
        long claimed = epoch;
        boolean written =
                db.transaction(
                        "save case " + record.id(),
                        () ->
                                known
                                        ? update(record, json, claimed)
                                        : insert(record, json, partition, claimed));
        synchronized (this) {
            if (written) {
                if (epoch.equals(epochs.get(partition))) {
                    owned.put(record.id(), record);
                }
                return;
            }
            if (epoch.equals(epochs.get(partition))) {
                epochs.remove(partition);
                owned.values().removeIf(c -> partitionOf.applyAsInt(c.element().id()) == partition);
            }
        }
        throw fenced(
                record.id(),
                "case "
                        + record.id()
                        + " was not saved: partition "
                        + partition
                        + " (its element "
                        + element
                        + ") was claimed by another instance after this one ("
                        + owner
                        + ", epoch "
                        + epoch
                        + "); the partition's cases are dropped here");
    }

    private boolean update(CaseRecord record, String json, long epoch) {
        return db.jdbc()
                        .sql(
                                "UPDATE service_case SET status = :status, element = :element,"
                                        + " record_json = :json WHERE id = :id AND world_id ="
                                        + " :world AND owner_epoch = :epoch")
                        .param("status", record.status().name())
                        .param("element", record.element().id().value())
                        .param("json", json)
                        .param("id", record.id().value())
                        .param("world", worldId)
                        .param("epoch", epoch)
                        .update()
                == 1;
    }

    private boolean insert(CaseRecord record, String json, int partition, long epoch) {
        // the partition row held against a claim (which raises its epoch under FOR UPDATE) until
        // the insert commits; shared on PostgreSQL, so that new cases of one partition are
        // inserted at once
        Optional<Long> current =
                db.jdbc()
                        .sql(
                                "SELECT owner_epoch FROM service_partition_owner WHERE world_id ="
                                        + " :world AND partition_no = :p"
                                        + (db.isPostgres() ? " FOR SHARE" : " FOR UPDATE"))
                        .param("world", worldId)
                        .param("p", partition)
                        .query(Long.class)
                        .optional();
        if (current.isEmpty() || current.get() != epoch) {
            return false;
        }
        db.jdbc()
                .sql(
                        "INSERT INTO service_case (id, world_id, element, status, opened_at,"
                                + " record_json, owner, owner_epoch) VALUES (:id, :world,"
                                + " :element, :status, :opened, :json, :owner, :epoch)")
                .param("id", record.id().value())
                .param("world", worldId)
                .param("element", record.element().id().value())
                .param("status", record.status().name())
                .param("opened", ServiceDatabase.utc(record.openedAt()))
                .param("json", json)
                .param("owner", owner)
                .param("epoch", epoch)
                .update();
        return true;
    }

    private static FencedWriteException fenced(CaseId id, String message) {
        return new FencedWriteException(id, message);
    }

    @Override
    public synchronized Optional<CaseRecord> find(CaseId id) {
        CaseRecord mine = owned.get(id);
        if (mine != null) {
            return Optional.of(mine);
        }
        return db.query(
                "read case " + id,
                () ->
                        db.jdbc()
                                .sql(
                                        "SELECT record_json FROM service_case WHERE world_id ="
                                                + " :world AND id = :id")
                                .param("world", worldId)
                                .param("id", id.value())
                                .query((rs, n) -> StateJson.read(rs.getString(1), CaseRecord.class))
                                .optional());
    }

    /**
     * The store as this instance's loop sees it: {@link #find} finds only the cases it works, so a
     * person's take-over, hand-back or close of a case another instance works is refused as "no
     * such case" before the loop withdraws an approval or writes a ledger event for it; the rest is
     * this store.
     */
    public CaseStore worked() {
        SharedCaseStore all = this;
        return new CaseStore() {
            @Override
            public void save(CaseRecord record) {
                all.save(record);
            }

            @Override
            public Optional<CaseRecord> find(CaseId id) {
                synchronized (all) {
                    return Optional.ofNullable(owned.get(id));
                }
            }

            @Override
            public List<CaseRecord> open() {
                return all.open();
            }

            @Override
            public List<CaseRecord> all() {
                return all.all();
            }
        };
    }

    /** The open cases this instance works: those of its partitions, in the order opened. */
    @Override
    public synchronized List<CaseRecord> open() {
        return owned.values().stream().filter(c -> c.status().isOpen()).toList();
    }

    /** Every case of the network, whoever works it, in the order opened. */
    @Override
    public List<CaseRecord> all() {
        return db.query(
                "read the cases of " + worldId,
                () ->
                        db.jdbc()
                                .sql(
                                        "SELECT record_json FROM service_case WHERE world_id ="
                                                + " :world ORDER BY seq")
                                .param("world", worldId)
                                .query((rs, n) -> StateJson.read(rs.getString(1), CaseRecord.class))
                                .list());
    }
}
