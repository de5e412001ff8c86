package dev.autonoc.simulators;

import dev.autonoc.tools.oss.AppliedCustomerBillingRate;
import dev.autonoc.tools.oss.CustomerBill;
import dev.autonoc.tools.oss.Money;

/**
 * TMF678 over the twin: an SLA credit to an enterprise customer. Acting calls run once per key
 * through {@link TwinEdge}, under the world's lock.
 */
final class TwinCustomerBill implements CustomerBill {

    private final TwinEdge edge;
    private final World world;
    private int creditsApplied;

    TwinCustomerBill(TwinEdge edge) {
        this.edge = edge;
        this.world = edge.world();
    }

    @Override
    public AppliedCustomerBillingRate applyCredit(
            String customerId, Money amount, String reason, String idempotencyKey) {
        return edge.once(
                API,
                idempotencyKey,
                () -> {
                    if (!world.customers.knownCustomer(customerId)) {
                        throw TwinRefusal.invalid(
                                "unknown customer '"
                                        + customerId
                                        + "'; enterprise customers are ent-01 .. (from"
                                        + " get_affected_customers)");
                    }
                    if (!(amount.value() > 0)) {
                        throw TwinRefusal.invalid(
                                "a credit must be a positive amount, got " + amount.value());
                    }
                    world.tally.credit(customerId, amount.value());
                    return AppliedCustomerBillingRate.credit(
                            String.format("cr-%04d", ++creditsApplied),
                            idempotencyKey,
                            customerId,
                            reason,
                            world.now(),
                            amount);
                });
    }
}
