package dev.autonoc.tools.catalogue;

import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.tools.oss.OssBss;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** Builds the tool catalogue over an operator's OSS/BSS. */
public final class ToolCatalogues {

    private ToolCatalogues() {}

    /**
     * The tools of {@link dev.autonoc.core.tool.ToolNames#ALL}, in that order, over the given
     * clients. {@code clock} is the operator's clock (the twin's simulated one): it gives a
     * restart's hour. Each call builds fresh tools, with their own memory of idempotency keys.
     */
    public static ToolCatalogue standard(OssBss oss, Clock clock) {
        Objects.requireNonNull(oss, "oss");
        Objects.requireNonNull(clock, "clock");
        var inventory = oss.resourceInventory();
        return ToolCatalogue.of(
                List.of(
                        new GetTopology(inventory),
                        new GetElement(inventory),
                        new GetTelemetry(inventory),
                        new GetNeighbourView(inventory),
                        new GetAffectedCustomers(oss.serviceInventory()),
                        new CheckStock(oss.stockManagement()),
                        new ListEngineers(oss.appointment()),
                        new GetOrder(oss.productOrdering()),
                        new GetAppointment(oss.appointment()),
                        new PreviewOutage(oss.serviceActivation(), clock),
                        new OpenTicket(inventory, oss.troubleTicket()),
                        new UpdateTicket(oss.troubleTicket()),
                        new CloseTicket(oss.troubleTicket()),
                        new OrderPart(inventory, oss.stockManagement(), oss.productOrdering()),
                        new DispatchEngineer(inventory, oss.appointment(), oss.serviceActivation()),
                        new RerouteTraffic(inventory, oss.serviceActivation()),
                        new RestoreTraffic(inventory, oss.serviceActivation()),
                        new RestartElement(inventory, oss.serviceActivation(), clock),
                        new NotifyCustomers(inventory, oss.serviceInventory(), oss.communication()),
                        new ApplySlaCredit(oss.customerBill()),
                        new CancelOrder(inventory, oss.productOrdering()),
                        new CancelAppointment(inventory, oss.appointment())));
    }
}
