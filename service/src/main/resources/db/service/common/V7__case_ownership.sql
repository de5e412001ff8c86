-- Several instances on one database (connected mode, docs/connected-mode.md "Several instances"):
-- each element's cases are worked by the instance that owns the element's Kafka partition.
--
-- service_partition_owner: who owns each partition of a network's telemetry topic, and the fencing
-- epoch of that ownership, raised by one at every claim. An instance claims a partition when Kafka
-- assigns it (the row is locked and its epoch raised in the claim's transaction).
--
-- service_case.owner / owner_epoch: the instance working the case and the epoch of its claim. Every
-- save of a case is an UPDATE ... WHERE owner_epoch = <the saver's epoch>, and a new case is
-- inserted only under the partition row's lock at the inserter's epoch: an instance that missed a
-- rebalance (a zombie) writes nothing over the new owner's work. The embedded mode leaves them NULL
-- and 0: one instance per world there.
ALTER TABLE service_case ADD COLUMN owner VARCHAR(200);
ALTER TABLE service_case ADD COLUMN owner_epoch BIGINT DEFAULT 0 NOT NULL;

CREATE TABLE service_partition_owner (
    world_id     VARCHAR(64)                 NOT NULL,
    partition_no INTEGER                     NOT NULL,
    owner        VARCHAR(200)                NOT NULL,
    owner_epoch  BIGINT                      NOT NULL,
    claimed_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT service_partition_owner_pk PRIMARY KEY (world_id, partition_no)
);
