package dev.autonoc.service.api;

import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditVerification;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.prediction.Evidence;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.service.simulation.PredictorHorizon;
import dev.autonoc.service.simulation.SimulationStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API's response bodies. Durations are ISO-8601 text ({@code PT36H}); instants are UTC. The
 * cases' own are in {@link CaseViews}.
 */
final class Views {

    private Views() {}

    record EvidenceView(String feature, double value, double contribution, String explanation) {
        static EvidenceView of(Evidence e) {
            return new EvidenceView(e.feature(), e.value(), e.contribution(), e.explanation());
        }
    }

    /**
     * An alarm of the failure predictor, with the element it is about when the inventory knows it.
     * Two different figures, which the console shows as such:
     *
     * @param probability the calibrated probability that the element fails within {@code horizon}
     *     of {@code at}; small when an alarm is new (most alarms come well before the horizon)
     * @param horizon the window {@code probability} is about ({@code PT48H} for the default model)
     * @param timeToFailure the model's estimate of when the element fails, from {@code at}
     * @param expectedFailureAt {@code at} plus {@code timeToFailure}
     */
    record PredictionView(
            String element,
            ElementView elementDetail,
            Instant at,
            double probability,
            String horizon,
            String mode,
            String timeToFailure,
            Instant expectedFailureAt,
            List<EvidenceView> evidence,
            String modelVersion) {
        static PredictionView of(
                Prediction p, Optional<Element> element, PredictorHorizon horizon) {
            return new PredictionView(
                    p.element().value(),
                    element.map(ElementView::of).orElse(null),
                    p.at(),
                    p.probability(),
                    horizon.value().toString(),
                    p.mode().name(),
                    p.timeToFailure().toString(),
                    p.expectedFailureAt(),
                    p.evidence().stream().map(EvidenceView::of).toList(),
                    p.modelVersion());
        }
    }

    record ElementView(String id, String kind, String role, String region, String site) {
        static ElementView of(Element e) {
            return new ElementView(e.id().value(), e.kind().name(), e.role(), e.region(), e.site());
        }
    }

    /** The step of the plan in force with this index, as planned (with its purpose). */
    static Optional<PlanStep> plannedStep(CaseRecord c, int index) {
        return c.plan()
                .flatMap(p -> p.steps().stream().filter(s -> s.index() == index).findFirst());
    }

    record DecisionView(
            String decisionId,
            String effect,
            String requiredRole,
            List<String> ruleIds,
            List<String> reasons,
            String policyVersion) {
        static DecisionView of(Decision d) {
            return new DecisionView(
                    d.decisionId(),
                    d.effect().name(),
                    d.requiredRole().orElse(null),
                    d.ruleIds(),
                    d.reasons(),
                    d.policyVersion());
        }
    }

    /**
     * Whether the signed-in user may answer a request, and if not, the rule that stops them.
     *
     * @param rule {@code required-role}, {@code four-eyes} or {@code no-agent-approval} when
     *     refused
     */
    record YourAnswer(boolean allowed, String rule, String detail) {}

    /**
     * Who would lose service or SLA if the element went down with no reroute.
     *
     * @param enterpriseSlices each {@code slice_id}, {@code customer_id}, {@code monthly_fee_gbp}
     */
    record CustomersView(
            long consumers, List<Map<String, Object>> enterpriseSlices, Boolean hasAlternatePath) {

        static final CustomersView NONE = new CustomersView(-1, List.of(), null);

        @SuppressWarnings("unchecked")
        static CustomersView of(Map<String, Object> output) {
            Object consumers = output.get("consumers");
            Object slices = output.get("enterprise_slices");
            Object alternate = output.get("has_alternate_path");
            return new CustomersView(
                    consumers instanceof Number n ? n.longValue() : 0,
                    slices instanceof List<?> l
                            ? l.stream()
                                    .filter(Map.class::isInstance)
                                    .map(m -> (Map<String, Object>) m)
                                    .toList()
                            : List.of(),
                    alternate instanceof Boolean b ? b : null);
        }

        CustomersView orNull() {
            return this == NONE ? null : this;
        }
    }

    /**
     * A pending approval with everything a person needs to decide.
     *
     * @param customers who the element serves; absent when the network cannot say
     */
    record ApprovalView(
            String id,
            String caseId,
            int step,
            String purpose,
            String tool,
            Map<String, Object> arguments,
            double costGbp,
            String risk,
            Map<String, Object> facts,
            ElementView element,
            String proposer,
            Instant requestedAt,
            String requiredRole,
            DecisionView decision,
            PredictionView prediction,
            CustomersView customers,
            YourAnswer you) {}

    record AnswerView(
            String requestId,
            String verdict,
            String by,
            String role,
            String comment,
            Instant at,
            Map<String, Object> amendedArguments) {
        static AnswerView of(ApprovalAnswer a) {
            return new AnswerView(
                    a.requestId(),
                    a.verdict().name(),
                    a.by(),
                    a.role(),
                    a.comment(),
                    a.at(),
                    a.amended().map(c -> c.arguments()).orElse(null));
        }
    }

    /**
     * @param caseId the case the event belongs to ({@code -} for none)
     * @param recordedAt wall-clock time of recording; not part of the hash
     */
    record AuditEntryView(
            long sequence,
            String type,
            String caseId,
            String element,
            String actor,
            Instant simTime,
            Map<String, Object> payload,
            Instant recordedAt,
            String previousHash,
            String hash) {
        static AuditEntryView of(AuditEntry e) {
            return new AuditEntryView(
                    e.sequence(),
                    e.event().type().name(),
                    e.event().correlationId(),
                    e.event().element(),
                    e.event().actor(),
                    e.event().simTime(),
                    e.event().payload(),
                    e.recordedAt(),
                    e.previousHash(),
                    e.hash());
        }
    }

    /**
     * @param nextAfter pass as {@code after} for the next page; absent on the last page
     */
    record AuditPage(List<AuditEntryView> entries, Long nextAfter) {}

    record VerificationView(
            boolean intact, long entriesChecked, Long firstBadSequence, String detail) {
        static VerificationView of(AuditVerification v) {
            return new VerificationView(
                    v.intact(),
                    v.entriesChecked(),
                    v.firstBadSequence().isPresent() ? v.firstBadSequence().getAsLong() : null,
                    v.detail());
        }
    }

    /**
     * A signed statement of the ledger's Merkle root at a size.
     *
     * @param time wall-clock time of signing
     * @param signature Ed25519 over {@code signedText}, base64
     */
    record CheckpointView(
            long treeSize, String rootHash, Instant time, String signature, String signedText) {
        static CheckpointView of(dev.autonoc.audit.Checkpoint c) {
            return new CheckpointView(
                    c.treeSize(), c.rootHash(), c.time(), c.signature(), c.signedText());
        }
    }

    /**
     * @param entryHash the entry's chained hash
     * @param leafHash the Merkle leaf: SHA-256(0x00 || entry hash bytes)
     * @param proof the audit path, hex, leaf to root
     * @param rootHash the root of the tree of {@code treeSize} entries
     */
    record InclusionProofView(
            long sequence,
            long treeSize,
            String entryHash,
            String leafHash,
            List<String> proof,
            String rootHash) {}

    record ConsistencyProofView(
            long first, long second, String firstRoot, String secondRoot, List<String> proof) {}

    record PublicKeyView(String algorithm, String format, String key) {}

    /**
     * @param pace simulated seconds per real second
     */
    record SimulationView(
            Instant simTime,
            Instant startedAt,
            double pace,
            String tick,
            boolean running,
            long ticks,
            String preset,
            long seed,
            String lastError,
            PacingView pacing) {

        /**
         * @param state {@code fast}, {@code real-time} or {@code held} (while a person is needed)
         * @param pace simulated seconds per second kept now
         * @param reason why a person is needed, when one is
         */
        record PacingView(String state, double pace, String reason) {}

        static SimulationView of(SimulationStatus s) {
            return new SimulationView(
                    s.simTime(),
                    s.startedAt(),
                    s.pace(),
                    s.tick().toString(),
                    s.running(),
                    s.ticks(),
                    s.preset(),
                    s.seed(),
                    s.lastError().orElse(null),
                    new PacingView(
                            s.pacing().state(),
                            s.pacing().pace(),
                            s.pacing().reason().orElse(null)));
        }
    }
}
