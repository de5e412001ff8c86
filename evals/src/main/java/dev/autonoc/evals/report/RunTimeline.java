package dev.autonoc.evals.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run's trail shows on its time axis, for the report's timeline: for each fault when it was
 * detected and mitigated, and the agent's visible acts (alarms, acting tool calls and their
 * outcomes, approvals, denials, hand-overs) in trail order.
 */
public record RunTimeline(List<FaultTimes> faults, List<Mark> marks, int marksLeftOut) {

    /** More marks than this on one run's chart would be unreadable; the rest are counted. */
    static final int MAX_MARKS = 400;

    public static final RunTimeline EMPTY = new RunTimeline(List.of(), List.of(), 0);

    public RunTimeline {
        faults = List.copyOf(faults);
        marks = List.copyOf(marks);
        if (marksLeftOut < 0) {
            throw new IllegalArgumentException("marksLeftOut must be >= 0, got " + marksLeftOut);
        }
    }

    /**
     * One fault as the agent dealt with it.
     *
     * @param detectedAt the first prediction of its element at or after the onset
     * @param mitigatedAt when its customers were safe: mended, or drained where another path exists
     * @param mitigatedBy {@code repair} or {@code drain}, when mitigated
     */
    public record FaultTimes(
            String element,
            Instant onset,
            Optional<Instant> detectedAt,
            Optional<Instant> mitigatedAt,
            Optional<String> mitigatedBy) {
        public FaultTimes {
            Objects.requireNonNull(element, "element");
            Objects.requireNonNull(onset, "onset");
            Objects.requireNonNull(detectedAt, "detectedAt");
            Objects.requireNonNull(mitigatedAt, "mitigatedAt");
            Objects.requireNonNull(mitigatedBy, "mitigatedBy");
        }
    }

    /**
     * One event on the chart.
     *
     * @param element the element it is about (empty text when none)
     * @param label short text drawn beside it: the tool, the verdict
     * @param detail one line for the hover text
     */
    public record Mark(Instant at, Kind kind, String element, String label, String detail) {
        public Mark {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(element, "element");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** What a mark shows; tool results are split by what their outcome means for the agent. */
    public enum Kind {
        /** a PREDICTION: the predictor's alarm that opened a case */
        ALARM,
        /** an acting call that did what it was asked */
        CALL_SUCCEEDED,
        /** an acting call whose effect is unknown or that may work if tried again */
        CALL_RETRY,
        /** an acting call the far side refused */
        CALL_REFUSED,
        /** an acting call with invalid arguments */
        CALL_INVALID,
        APPROVAL_REQUESTED,
        APPROVED,
        REJECTED,
        /** a proposal the policy gate denied */
        DENIED,
        /** a case handed to a person */
        HANDED_OVER
    }
}
