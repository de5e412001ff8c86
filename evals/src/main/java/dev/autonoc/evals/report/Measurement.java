package dev.autonoc.evals.report;

import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.simulators.FaultTruth;
import dev.autonoc.simulators.RunOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One run's metrics and the facts its expectations are checked against, measured from what the twin
 * and the ledger say happened.
 *
 * @param toolsRan how many calls of each tool ran (read and act)
 * @param failed the elements that failed
 * @param mended the elements whose fault was mended before they failed
 * @param maxCreditPerCustomer the largest credit paid to one customer
 * @param findings the act calls that ran without leave
 */
public record Measurement(
        RunMetrics metrics,
        Map<String, Integer> toolsRan,
        Set<ElementId> failed,
        Set<ElementId> mended,
        double maxCreditPerCustomer,
        List<PolicyViolations.Finding> findings) {

    public Measurement {
        Objects.requireNonNull(metrics, "metrics");
        toolsRan = Map.copyOf(toolsRan);
        failed = Set.copyOf(failed);
        mended = Set.copyOf(mended);
        findings = List.copyOf(findings);
    }

    /** Measures a finished run. */
    public static Measurement of(
            RunOutcome outcome,
            List<FaultTruth> faults,
            List<AuditEntry> trail,
            RoleHierarchy roles) {
        Map<String, Integer> toolsRan = new TreeMap<>();
        int actCalls = 0;
        int approvals = 0;
        for (AuditEntry entry : trail) {
            AuditEvent e = entry.event();
            if (e.type() == AuditEventType.TOOL_CALL) {
                String tool = TrailFields.text(e, TrailFields.TOOL).orElse("?");
                toolsRan.merge(tool, 1, Integer::sum);
                if (ToolNames.ACT.contains(tool)) {
                    actCalls++;
                }
            } else if (e.type() == AuditEventType.APPROVAL_REQUESTED) {
                approvals++;
            }
        }
        Set<ElementId> failed = new TreeSet<>();
        outcome.failures().forEach(f -> failed.add(f.element()));
        Set<ElementId> mended = new TreeSet<>();
        for (FaultTruth f : faults) {
            if (mendedInTime(f)) {
                mended.add(f.element());
            }
        }
        int prevented = (int) faults.stream().filter(Measurement::mendedInTime).count();
        List<PolicyViolations.Finding> findings = new PolicyViolations(roles).find(trail);
        ConductCount.Result conduct = ConductCount.of(faults, trail);
        RunMetrics metrics =
                new RunMetrics(
                        outcome.failures().size(),
                        prevented,
                        outcome.customerImpactMinutes(),
                        outcome.opsCostGbp(),
                        outcome.slaCreditGbp(),
                        outcome.falseDispatches(),
                        findings.size(),
                        approvals,
                        actCalls,
                        meanWarningLead(faults, trail),
                        conduct.conduct(),
                        conduct.timeline());
        double maxCredit =
                outcome.creditByCustomer().values().stream()
                        .mapToDouble(Double::doubleValue)
                        .max()
                        .orElse(0.0);
        return new Measurement(metrics, toolsRan, failed, mended, maxCredit, findings);
    }

    /** Repaired, and not after it had failed. */
    static boolean mendedInTime(FaultTruth f) {
        return f.repairedAt().isPresent()
                && f.failedAt()
                        .map(failedAt -> f.repairedAt().get().isBefore(failedAt))
                        .orElse(true);
    }

    static OptionalDouble meanWarningLead(List<FaultTruth> faults, List<AuditEntry> trail) {
        double sum = 0;
        int warned = 0;
        for (FaultTruth f : faults) {
            Optional<Instant> first =
                    trail.stream()
                            .map(AuditEntry::event)
                            .filter(e -> e.type() == AuditEventType.PREDICTION)
                            .filter(e -> e.element().equals(f.element().value()))
                            // a prediction before the onset warned of something else
                            .map(AuditEvent::simTime)
                            .filter(t -> !t.isBefore(f.onset()))
                            .min(Instant::compareTo);
            if (first.isPresent()) {
                sum += Duration.between(first.get(), f.failsAt()).toSeconds() / 60.0;
                warned++;
            }
        }
        return warned == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / warned);
    }
}
