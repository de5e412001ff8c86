-- Retention: the hashes of entries moved to an archive file (JdbcAuditLog.archive). An archived
-- entry's row leaves audit_entry; its chained hash stays here, so that the Merkle tree over all
-- entries, every checkpoint's root and the chain into the first entry still kept all still verify.
-- 64 bytes of hash (plus the key) an entry, against some hundreds for the entry itself.
CREATE TABLE audit_archived (
    sequence BIGINT   NOT NULL,
    hash     CHAR(64) NOT NULL,
    CONSTRAINT audit_archived_pk PRIMARY KEY (sequence)
);
