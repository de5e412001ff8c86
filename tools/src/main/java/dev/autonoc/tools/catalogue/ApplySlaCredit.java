package dev.autonoc.tools.catalogue;

import static dev.autonoc.tools.catalogue.Trees.tree;

import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.tools.catalogue.ArgumentSchema.Args;
import dev.autonoc.tools.oss.AppliedCustomerBillingRate;
import dev.autonoc.tools.oss.CustomerBill;
import dev.autonoc.tools.oss.Money;
import java.util.List;
import java.util.Optional;

/** {@code apply_sla_credit}: credits a customer's bill for a breached SLA. */
final class ApplySlaCredit extends CatalogueTool {

    private final CustomerBill bills;

    ApplySlaCredit(CustomerBill bills) {
        super(
                ToolNames.APPLY_SLA_CREDIT,
                ToolKind.ACT,
                CustomerBill.API,
                "Credits one customer's bill, in GBP, for a breached SLA.",
                List.of(
                        Arg.string("customer_id", "the customer, from get_affected_customers"),
                        Arg.positiveNumber("amount_gbp", "the credit in GBP"),
                        Arg.string("reason", "why, for the customer's bill")));
        this.bills = bills;
    }

    @Override
    Estimate estimate(Args args) {
        double amount = args.number("amount_gbp");
        return new Estimate(
                amount,
                amount <= 50.0 ? Risk.LOW : amount <= 500.0 ? Risk.MEDIUM : Risk.HIGH,
                tree("credit_per_customer", amount));
    }

    @Override
    ToolResult run(Args args, ToolInvocation invocation) {
        AppliedCustomerBillingRate credit =
                bills.applyCredit(
                        args.string("customer_id"),
                        Money.gbp(args.number("amount_gbp")),
                        args.string("reason"),
                        invocation.key().value());
        double amount = credit.taxExcludedAmount().value();
        return new ToolResult(
                ToolResult.Outcome.SUCCEEDED,
                tree("credit_id", credit.id(), "amount_gbp", amount),
                "credited " + amount + " GBP to " + credit.billingAccountId(),
                Optional.empty(),
                amount);
    }
}
