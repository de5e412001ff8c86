-- Signed checkpoints: the ledger's Merkle root (RFC 9162) at a tree size, signed with Ed25519.
-- V3 because V2 is PostgreSQL's append-only trigger (db/audit/postgresql).
CREATE TABLE audit_checkpoint (
    tree_size BIGINT                      NOT NULL,
    root_hash CHAR(64)                    NOT NULL,
    signed_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    signature VARCHAR(200)                NOT NULL,
    CONSTRAINT audit_checkpoint_pk PRIMARY KEY (tree_size)
);
