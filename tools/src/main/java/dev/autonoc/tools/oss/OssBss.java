package dev.autonoc.tools.oss;

import java.util.Objects;

/**
 * The operator's OSS/BSS, one client per TM Forum API; the twin builds one, a real deployment
 * another.
 */
public record OssBss(
        ResourceInventory resourceInventory,
        ServiceInventory serviceInventory,
        StockManagement stockManagement,
        ProductOrdering productOrdering,
        Appointment appointment,
        TroubleTicket troubleTicket,
        ServiceActivation serviceActivation,
        Communication communication,
        CustomerBill customerBill) {

    public OssBss {
        Objects.requireNonNull(resourceInventory, "resourceInventory");
        Objects.requireNonNull(serviceInventory, "serviceInventory");
        Objects.requireNonNull(stockManagement, "stockManagement");
        Objects.requireNonNull(productOrdering, "productOrdering");
        Objects.requireNonNull(appointment, "appointment");
        Objects.requireNonNull(troubleTicket, "troubleTicket");
        Objects.requireNonNull(serviceActivation, "serviceActivation");
        Objects.requireNonNull(communication, "communication");
        Objects.requireNonNull(customerBill, "customerBill");
    }
}
