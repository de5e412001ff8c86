/**
 * What an operations team runs the service with (service/README.md, "Operations"): the health
 * groups for liveness and readiness ({@link dev.autonoc.service.ops.SimulationHealth} beside the
 * database's), the Prometheus metrics, each taken at a port of the loop rather than scattered
 * through it ({@link dev.autonoc.service.ops.ObservedAuditLog} at the ledger, {@link
 * dev.autonoc.service.ops.WorkMeters} over the case store and the approval queue, the driver's
 * tick), the OpenAPI document of {@code /api} ({@link dev.autonoc.service.ops.ApiDocument}), and
 * the case id as a correlation field of the logs ({@link dev.autonoc.service.ops.CaseLogContext}).
 */
package dev.autonoc.service.ops;
