/**
 * The service's own state in its database, beside the audit ledger: cases ({@link
 * dev.autonoc.service.store.JdbcCaseStore}), approval requests ({@link
 * dev.autonoc.service.store.JdbcApprovalQueue}), policy versions ({@link
 * dev.autonoc.service.store.PolicyVersions}) and the simulated world with the journal of tool calls
 * that rebuilds it ({@link dev.autonoc.service.store.WorldStore}). One schema, migrated by Flyway
 * from {@code db/service/common} ({@link dev.autonoc.service.store.ServiceDatabase}); H2 and
 * PostgreSQL. Statements go through Spring's {@code JdbcClient}, transactions through a {@code
 * TransactionTemplate} on the same data source; {@link dev.autonoc.service.store.Sha256} is the
 * service's one SHA-256-to-hex.
 */
package dev.autonoc.service.store;
