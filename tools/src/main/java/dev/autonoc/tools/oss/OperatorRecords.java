package dev.autonoc.tools.oss;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the operator's systems show was done on the network over a period, by anyone: the list
 * queries of the TMF APIs (tickets, product orders, appointments, activations). Read to set what
 * people did beside what an agent would have done (connected mode's shadow-mode report).
 */
@FunctionalInterface
public interface OperatorRecords {

    /**
     * The acts made in {@code [from, to)}, on {@code elementId} if given, oldest first.
     *
     * @throws OssException if a system cannot be read
     */
    List<RecordedAct> between(Instant from, Instant to, Optional<String> elementId);

    /** Every source's acts, oldest first. */
    static OperatorRecords union(List<OperatorRecords> sources) {
        List<OperatorRecords> all = List.copyOf(sources);
        return (from, to, element) -> {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            List<RecordedAct> out = new ArrayList<>();
            for (OperatorRecords s : all) {
                out.addAll(s.between(from, to, element));
            }
            out.sort(Comparator.comparing(RecordedAct::at).thenComparing(RecordedAct::id));
            return out;
        };
    }
}
