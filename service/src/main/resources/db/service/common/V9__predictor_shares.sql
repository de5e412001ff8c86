-- Several instances on one network (connected mode, docs/connected-mode.md "Peers and neighbours
-- across instances"): each instance's predictor takes only its partitions' samples, yet judges an
-- element against its region's peers and beside its neighbours, wherever their samples go. Each
-- instance writes here, every few seconds, what the others need of the elements it watches (its
-- peer groups' counts and sums, its elements out of service), and reads theirs.
--
-- written_at is the database's own time at the write, so that instances whose clocks differ agree
-- on which shares are stale (an instance that stopped writing stopped or died).
CREATE TABLE service_predictor_share (
    world_id    VARCHAR(64)                 NOT NULL,
    instance_id VARCHAR(64)                 NOT NULL,
    model       VARCHAR                     NOT NULL,
    share_json  VARCHAR                     NOT NULL,
    written_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT service_predictor_share_pk PRIMARY KEY (world_id, instance_id)
);
