package dev.autonoc.core.loop;

import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.core.tool.ToolCatalogue;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The closed loop: predictions open cases, a planner plans them, the policy gate decides each
 * acting step, people answer what needs approval, tools run what may run, and every event goes to
 * the audit log. Drive it by feeding telemetry and alarms and calling {@link #step()} once per tick.
 */
public final class RemediationLoop {

    private final FailurePredictor predictor;
    private final Planner planner;
    private final PolicyGate gate;
    private final ApprovalQueue approvals;
    private final ToolCatalogue tools;
    private final AuditLog audit;
    private final CaseStore cases;
    private final Clock clock;
    private final List<Element> elements;
    private final LoopSettings settings;

    private RemediationLoop(Builder b) {
        this.predictor = Objects.requireNonNull(b.predictor, "predictor");
        this.planner = Objects.requireNonNull(b.planner, "planner");
        this.gate = Objects.requireNonNull(b.gate, "gate");
        this.approvals = Objects.requireNonNull(b.approvals, "approvals");
        this.tools = Objects.requireNonNull(b.tools, "tools");
        this.audit = Objects.requireNonNull(b.audit, "audit");
        this.cases = Objects.requireNonNull(b.cases, "cases");
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.elements = List.copyOf(Objects.requireNonNull(b.elements, "elements"));
        this.settings = Objects.requireNonNull(b.settings, "settings");
    }

    public static Builder builder() {
        return new Builder();
    }

    public void observe(TelemetrySample sample) {
        predictor.observe(sample);
    }

    public void observe(Alarm alarm) {
        predictor.observe(alarm);
    }

    /** Does everything due at the clock's now: opens cases for new risks and advances open cases. */
    public void step() {
        throw new UnsupportedOperationException("being built");
    }

    public List<CaseRecord> cases() {
        return cases.all();
    }

    /** Builds a loop; every port is required, settings default to {@link LoopSettings#defaults()}. */
    public static final class Builder {
        private FailurePredictor predictor;
        private Planner planner;
        private PolicyGate gate;
        private ApprovalQueue approvals;
        private ToolCatalogue tools;
        private AuditLog audit;
        private CaseStore cases;
        private Clock clock;
        private List<Element> elements;
        private LoopSettings settings = LoopSettings.defaults();

        private Builder() {}

        public Builder predictor(FailurePredictor predictor) {
            this.predictor = predictor;
            return this;
        }

        public Builder planner(Planner planner) {
            this.planner = planner;
            return this;
        }

        public Builder gate(PolicyGate gate) {
            this.gate = gate;
            return this;
        }

        public Builder approvals(ApprovalQueue approvals) {
            this.approvals = approvals;
            return this;
        }

        public Builder tools(ToolCatalogue tools) {
            this.tools = tools;
            return this;
        }

        public Builder audit(AuditLog audit) {
            this.audit = audit;
            return this;
        }

        public Builder cases(CaseStore cases) {
            this.cases = cases;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder elements(List<Element> elements) {
            this.elements = elements;
            return this;
        }

        public Builder settings(LoopSettings settings) {
            this.settings = settings;
            return this;
        }

        public RemediationLoop build() {
            return new RemediationLoop(this);
        }
    }
}
