package dev.autonoc.evals.report;

import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.evals.report.RunTimeline.FaultTimes;
import dev.autonoc.evals.report.RunTimeline.Kind;
import dev.autonoc.evals.report.RunTimeline.Mark;
import dev.autonoc.simulators.FaultTruth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Counts a run's {@link Conduct} and lays out its {@link RunTimeline} from the audit trail and the
 * twin's ground truth, in one pass over the trail.
 *
 * <p>Tool outcomes are read as text, so that both the loop's older vocabulary (SUCCEEDED, FAILED,
 * RETRYABLE) and the newer one (SUCCEEDED, TRANSIENT, UNCERTAIN, REFUSED, INVALID) count.
 */
final class ConductCount {

    /** A run's conduct and timeline. */
    record Result(Conduct conduct, RunTimeline timeline) {}

    private static final Set<String> REFUSED = Set.of("REFUSED", "FAILED");
    private static final Set<String> INVALID = Set.of("INVALID");
    private static final Set<String> RETRY = Set.of("RETRYABLE", "TRANSIENT", "UNCERTAIN");

    private final Map<String, List<Instant>> predictions = new HashMap<>();
    private final Map<String, Integer> plansPerCase = new HashMap<>();
    private final Map<String, AuditEvent> decisions = new HashMap<>();
    private final Map<String, Instant> waiting = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> callArguments = new HashMap<>();
    private final Map<String, List<Instant>> drains = new HashMap<>();
    private final Map<String, List<Instant>> restores = new HashMap<>();
    private final Set<String> steps = new HashSet<>();
    private final Map<String, Integer> callsByTool = new HashMap<>();
    private final List<Double> waits = new ArrayList<>();
    private final List<Mark> marks = new ArrayList<>();
    private int marksLeftOut;
    private int readCalls;
    private int refused;
    private int invalid;
    private int denied;
    private int replans;
    private int actsOnUntrustedData;
    private int contradictedCases;

    /** The data-quality states an act must not rest on without a person (docs/data-quality.md). */
    private static final Set<String> UNTRUSTED =
            Set.of("gappy", "settling", "stuck", "skewed", "contradicted");

    /** Act tools that change nothing in the network: tickets, and the undos. */
    private static final Set<String> BOOKKEEPING =
            Set.of(
                    ToolNames.OPEN_TICKET,
                    ToolNames.UPDATE_TICKET,
                    ToolNames.CLOSE_TICKET,
                    ToolNames.CANCEL_ORDER,
                    ToolNames.CANCEL_APPOINTMENT,
                    ToolNames.RESTORE_TRAFFIC);

    private ConductCount() {}

    private ModelUse model = ModelUse.NONE;

    static Result of(List<FaultTruth> faults, List<AuditEntry> trail) {
        ConductCount count = new ConductCount();
        for (AuditEntry entry : trail) {
            count.read(entry.event());
        }
        return count.result(faults);
    }

    private void read(AuditEvent e) {
        model = model.plus(ModelUse.of(e));
        switch (e.type()) {
            case PREDICTION -> {
                predictions.computeIfAbsent(e.element(), k -> new ArrayList<>()).add(e.simTime());
                mark(
                        e,
                        Kind.ALARM,
                        "alarm",
                        "alarm on "
                                + e.element()
                                + ": "
                                + TrailFields.text(e, "mode").orElse("?")
                                + ", probability "
                                + TrailFields.decimal(e, "probability").stream()
                                        .mapToObj(p -> String.format(Locale.ROOT, "%.3f", p))
                                        .findFirst()
                                        .orElse("?"));
            }
            case PLAN -> {
                int before = plansPerCase.merge(e.correlationId(), 1, Integer::sum) - 1;
                var revision = TrailFields.number(e, "revision");
                if (revision.isPresent() ? revision.getAsLong() > 0 : before > 0) {
                    replans++;
                }
            }
            case POLICY_DECISION -> {
                decisions.put(key(e), e);
                if ("DENY".equals(TrailFields.text(e, TrailFields.EFFECT).orElse(""))) {
                    denied++;
                    mark(
                            e,
                            Kind.DENIED,
                            tool(e),
                            tool(e) + " denied by the policy: " + listText(e, "rule_ids"));
                }
            }
            case APPROVAL_REQUESTED -> {
                waiting.put(approvalKey(e), e.simTime());
                mark(
                        e,
                        Kind.APPROVAL_REQUESTED,
                        tool(e),
                        tool(e)
                                + " waits for "
                                + TrailFields.text(e, TrailFields.REQUIRED_ROLE)
                                        .orElse("a person"));
            }
            case APPROVAL_ANSWERED -> {
                Instant asked = waiting.remove(approvalKey(e));
                if (asked != null) {
                    waits.add(Duration.between(asked, e.simTime()).toSeconds() / 60.0);
                }
                String verdict = TrailFields.text(e, TrailFields.VERDICT).orElse("?");
                mark(
                        e,
                        "APPROVED".equals(verdict) ? Kind.APPROVED : Kind.REJECTED,
                        verdict.toLowerCase(Locale.ROOT),
                        tool(e)
                                + " "
                                + verdict.toLowerCase(Locale.ROOT)
                                + " by "
                                + TrailFields.text(e, TrailFields.BY).orElse(e.actor()));
            }
            case TOOL_CALL -> {
                long step = TrailFields.number(e, TrailFields.STEP).orElse(-1);
                if (step >= 0) {
                    steps.add(key(e));
                }
                if (!ToolNames.ACT.contains(tool(e))) {
                    readCalls++;
                }
                callsByTool.merge(tool(e), 1, Integer::sum);
                if (ToolNames.ACT.contains(tool(e)) && !BOOKKEEPING.contains(tool(e))) {
                    AuditEvent decision = decisions.get(key(e));
                    if (decision != null
                            && "ALLOW"
                                    .equals(
                                            TrailFields.text(decision, TrailFields.EFFECT)
                                                    .orElse(""))
                            && UNTRUSTED.contains(dataQuality(decision))) {
                        actsOnUntrustedData++;
                    }
                }
                TrailFields.text(e, "idempotency_key")
                        .ifPresent(k -> callArguments.put(k, TrailFields.map(e, "arguments")));
            }
            case TOOL_RESULT -> result(e);
            case CASE_HANDED_OVER -> {
                String reason = TrailFields.text(e, "reason").orElse("");
                if (reason.startsWith("contradicted data")) {
                    contradictedCases++;
                }
                mark(e, Kind.HANDED_OVER, "handed over", "case handed to a person: " + reason);
            }
            default -> {
                // case opened and closed, policy changes: nothing to count
            }
        }
    }

    private void result(AuditEvent e) {
        String outcome = TrailFields.text(e, "outcome").orElse("");
        if (REFUSED.contains(outcome)) {
            refused++;
        } else if (INVALID.contains(outcome)) {
            invalid++;
        }
        String tool = tool(e);
        if (!ToolNames.ACT.contains(tool)) {
            return;
        }
        Kind kind =
                outcome.equals("SUCCEEDED")
                        ? Kind.CALL_SUCCEEDED
                        : REFUSED.contains(outcome)
                                ? Kind.CALL_REFUSED
                                : INVALID.contains(outcome) ? Kind.CALL_INVALID : Kind.CALL_RETRY;
        mark(
                e,
                kind,
                tool,
                tool + " " + outcome + ": " + TrailFields.text(e, "summary").orElse(""));
        if (kind == Kind.CALL_SUCCEEDED
                && tool.equals(ToolNames.REROUTE_TRAFFIC)
                && hasAnotherPath(decisions.get(key(e)))) {
            drains.computeIfAbsent(target(e), k -> new ArrayList<>()).add(e.simTime());
        } else if (kind == Kind.CALL_SUCCEEDED && tool.equals(ToolNames.RESTORE_TRAFFIC)) {
            restores.computeIfAbsent(target(e), k -> new ArrayList<>()).add(e.simTime());
        }
    }

    /** The element a result's call named, or else the case's element. */
    private String target(AuditEvent result) {
        Object target =
                TrailFields.text(result, "idempotency_key")
                        .map(callArguments::get)
                        .map(args -> args.get("element_id"))
                        .orElse(null);
        return target instanceof String s ? s : result.element();
    }

    /**
     * The first drain at or after the onset that held: no traffic was moved back onto the element
     * before it was mended (or, never mended, before the run ended).
     */
    private Optional<Instant> heldDrain(String element, Instant onset, Optional<Instant> repaired) {
        List<Instant> back = restores.getOrDefault(element, List.of());
        return drains.getOrDefault(element, List.of()).stream()
                .filter(d -> !d.isBefore(onset))
                .filter(
                        d ->
                                back.stream()
                                        .filter(r -> !r.isBefore(d))
                                        .noneMatch(r -> repaired.map(r::isBefore).orElse(true)))
                .min(Instant::compareTo);
    }

    /**
     * Whether moving the element's traffic off keeps its customers in service: the gate's facts say
     * so (another path, no site cut off); without them, links and core routers have one.
     */
    static boolean hasAnotherPath(AuditEvent decision) {
        if (decision == null) {
            return false;
        }
        Object estimate = decision.payload().get("estimate");
        if (estimate instanceof Map<?, ?> e && e.get("facts") instanceof Map<?, ?> facts) {
            Object alternate = facts.get("has_alternate_path");
            if (alternate instanceof Boolean has) {
                Object isolated = facts.get("sites_isolated");
                return has && !(isolated instanceof Number n && n.doubleValue() > 0);
            }
        }
        if (decision.payload().get("element") instanceof Map<?, ?> element) {
            return "LINK".equals(element.get("kind")) || "core".equals(element.get("role"));
        }
        return false;
    }

    private Result result(List<FaultTruth> faults) {
        List<FaultTimes> times = new ArrayList<>();
        double detectSum = 0;
        int detected = 0;
        double mitigateSum = 0;
        int mitigated = 0;
        for (FaultTruth f : faults) {
            String element = f.element().value();
            Optional<Instant> detectedAt = firstAtOrAfter(predictions.get(element), f.onset());
            Optional<Instant> repaired = f.repairedAt().filter(t -> !t.isBefore(f.onset()));
            Optional<Instant> drained = heldDrain(element, f.onset(), repaired);
            Optional<Instant> mitigatedAt;
            Optional<String> by;
            if (drained.isPresent()
                    && (repaired.isEmpty() || drained.get().isBefore(repaired.get()))) {
                mitigatedAt = drained;
                by = Optional.of("drain");
            } else {
                mitigatedAt = repaired;
                by = repaired.map(t -> "repair");
            }
            if (detectedAt.isPresent()) {
                detectSum += minutes(f.onset(), detectedAt.get());
                detected++;
            }
            if (mitigatedAt.isPresent()) {
                mitigateSum += minutes(f.onset(), mitigatedAt.get());
                mitigated++;
            }
            times.add(new FaultTimes(element, f.onset(), detectedAt, mitigatedAt, by));
        }
        double maxWait = waits.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        Conduct conduct =
                new Conduct(
                        mean(detectSum, detected),
                        detected,
                        mean(mitigateSum, mitigated),
                        mitigated,
                        steps.size(),
                        readCalls,
                        refused,
                        invalid,
                        denied,
                        replans,
                        mean(waits.stream().mapToDouble(Double::doubleValue).sum(), waits.size()),
                        waits.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(maxWait),
                        waiting.size(),
                        callsByTool,
                        model,
                        actsOnUntrustedData,
                        contradictedCases);
        return new Result(conduct, new RunTimeline(times, marks, marksLeftOut));
    }

    /** The data quality the gate saw for the decision's act: its estimate's fact, or "". */
    private static String dataQuality(AuditEvent decision) {
        Object facts = TrailFields.map(decision, "estimate").get("facts");
        if (facts instanceof Map<?, ?> m && m.get("data_quality") instanceof String q) {
            return q;
        }
        return "";
    }

    private void mark(AuditEvent e, Kind kind, String label, String detail) {
        if (marks.size() >= RunTimeline.MAX_MARKS) {
            marksLeftOut++;
            return;
        }
        marks.add(new Mark(e.simTime(), kind, e.element(), label, detail));
    }

    private static Optional<Instant> firstAtOrAfter(List<Instant> times, Instant from) {
        if (times == null) {
            return Optional.empty();
        }
        return times.stream().filter(t -> !t.isBefore(from)).min(Instant::compareTo);
    }

    private static double minutes(Instant from, Instant to) {
        return Duration.between(from, to).toSeconds() / 60.0;
    }

    private static OptionalDouble mean(double sum, int n) {
        return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / n);
    }

    private static String tool(AuditEvent e) {
        return TrailFields.text(e, TrailFields.TOOL).orElse("?");
    }

    /** The case and step an event is about. */
    private static String key(AuditEvent e) {
        return e.correlationId() + "#" + TrailFields.number(e, TrailFields.STEP).orElse(-1);
    }

    /** An approval request and its answer share an approval id; older trails, case and step. */
    private static String approvalKey(AuditEvent e) {
        return TrailFields.text(e, "approval_id").orElseGet(() -> key(e));
    }

    private static String listText(AuditEvent e, String key) {
        Object value = e.payload().get(key);
        return value instanceof List<?> list
                ? String.join(", ", list.stream().map(String::valueOf).toList())
                : "";
    }
}
