-- The audit ledger: one row per entry, only ever inserted. Portable SQL for H2 and PostgreSQL.
--
-- event_json holds the event's canonical JSON, the text the hash covers. The columns type,
-- correlation_id, element, actor and sim_time are copies of the event's fields, there only to be
-- indexed for queries; verify checks that they still match event_json. recorded_at is the wall
-- clock at append: kept beside the entry, not in its hash (see AuditChain).
CREATE TABLE audit_entry (
    sequence       BIGINT                      NOT NULL,
    type           VARCHAR(64)                 NOT NULL,
    correlation_id VARCHAR                     NOT NULL,
    element        VARCHAR                     NOT NULL,
    actor          VARCHAR                     NOT NULL,
    sim_time       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    recorded_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    previous_hash  CHAR(64)                    NOT NULL,
    hash           CHAR(64)                    NOT NULL,
    event_json     VARCHAR                     NOT NULL,
    CONSTRAINT audit_entry_pk PRIMARY KEY (sequence)
);

CREATE INDEX audit_entry_correlation_idx ON audit_entry (correlation_id, sequence);
CREATE INDEX audit_entry_element_idx ON audit_entry (element, sequence);
CREATE INDEX audit_entry_type_idx ON audit_entry (type, sequence);
CREATE INDEX audit_entry_actor_idx ON audit_entry (actor, sequence);
CREATE INDEX audit_entry_sim_time_idx ON audit_entry (sim_time);
