/**
 * The audit ledger: an append-only, hash-chained {@link dev.autonoc.core.audit.AuditLog} over JDBC
 * (embedded H2 by default, PostgreSQL in production).
 *
 * <p>Each event is stored as its {@link dev.autonoc.audit.CanonicalJson canonical JSON} with a
 * SHA-256 hash chained to the entry before ({@link dev.autonoc.audit.AuditChain}). {@link
 * dev.autonoc.audit.AuditVerifier} walks a chain, from the database or from a JSON Lines export,
 * and names the first entry that does not match. Wall-clock time is stored beside each entry but
 * kept out of its hash, so the same run gives the same chain byte for byte.
 *
 * <p>On top of the chain, a {@link dev.autonoc.audit.MerkleTree} (RFC 9162 hashing) over the
 * entries' hashes gives signed {@link dev.autonoc.audit.Checkpoint}s (Ed25519, {@link
 * dev.autonoc.audit.CheckpointSigner}), inclusion proofs and consistency proofs.
 *
 * <p>For auditors: {@link dev.autonoc.audit.AuditFilter} queries (case, element, actor, type, tool,
 * decision effect, sim-time range, paging) over the database ({@link
 * dev.autonoc.audit.JdbcAuditLog#find}) or a JSON Lines export ({@link
 * dev.autonoc.audit.AuditExportFile}); {@link dev.autonoc.audit.AuditCsv} writes CSV for
 * spreadsheets, with checkpoint rows, verifiable alone like the JSON Lines export.
 *
 * <p>Retention: {@link dev.autonoc.audit.JdbcAuditLog#archive} moves checkpointed stretches of old
 * entries to archive files that verify alone, keeping their hashes so that the rest, every
 * checkpoint and every proof still verify.
 *
 * <p>Public is only what the service and the CLI use. {@link dev.autonoc.audit.JdbcAuditLog} is the
 * ledger's public face and its lock; each of its jobs is a package-private {@code Ledger*} class
 * (writer, query, reader, verifier, proofs, export, archive), listed in the module's README.
 */
package dev.autonoc.audit;
