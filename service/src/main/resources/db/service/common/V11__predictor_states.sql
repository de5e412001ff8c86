-- A partition's handover between instances (connected mode, docs/connected-mode.md "A partition's
-- predictor state handed over"): the instance that gives a partition away writes the predictor's
-- state of each of its elements here (its windows, week- and month-long baselines, load model and
-- alarm gate, in the predictor's own format, base64), and the instance that takes the partition
-- over reads it before its warm-up, rather than rebuilding the baselines from the warm-up's hours.
CREATE TABLE service_predictor_state (
    world_id     VARCHAR(64)                 NOT NULL,
    element_id   VARCHAR                     NOT NULL,
    partition_no INTEGER                     NOT NULL,
    model        VARCHAR                     NOT NULL,
    state        VARCHAR                     NOT NULL,
    taken_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT service_predictor_state_pk PRIMARY KEY (world_id, element_id)
);
CREATE INDEX service_predictor_state_partition_idx ON service_predictor_state (world_id, partition_no);
