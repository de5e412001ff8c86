package dev.autonoc.simulators;

import dev.autonoc.tools.oss.OssBss;

/**
 * The operator's OSS/BSS over the twin, in process: the nine TMF clients, one adapter per TMF
 * interface ({@link TwinResourceInventory}, {@link TwinServiceInventory}, {@link
 * TwinStockManagement}, {@link TwinProductOrdering}, {@link TwinAppointment}, {@link
 * TwinTroubleTicket}, {@link TwinServiceActivation}, {@link TwinCommunication}, {@link
 * TwinCustomerBill}). Every acting call is idempotent at the edge: its key's first outcome (the
 * answer, or the refusal) is kept and returned again without a second effect. A refusal of the twin
 * becomes a non-retriable {@link dev.autonoc.tools.oss.OssException} of the API called. The
 * adapters share one {@link TwinEdge}: the world's lock and one first-outcome map.
 */
final class TwinOssBss {

    private final OssBss clients;

    TwinOssBss(World world, TwinSpec spec) {
        TwinEdge edge = new TwinEdge(world);
        this.clients =
                new OssBss(
                        new TwinResourceInventory(edge),
                        new TwinServiceInventory(edge),
                        new TwinStockManagement(edge),
                        new TwinProductOrdering(edge),
                        new TwinAppointment(edge),
                        new TwinTroubleTicket(edge, spec),
                        new TwinServiceActivation(edge),
                        new TwinCommunication(edge),
                        new TwinCustomerBill(edge));
    }

    OssBss clients() {
        return clients;
    }
}
