package dev.autonoc.core.loop;

import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.Verdict;
import dev.autonoc.core.casefile.Exclusion;
import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.loop.GatedToolCalls.Answered;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.prediction.DataQuality;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a case learns from a refusal that may be of the moment (docs/agent.md, "Policy answers"):
 * how long the refused tool then waits on the case's element (a pause, longer each time it comes
 * back), whether the pause lapses sooner, once the element's data are trusted again, and whether a
 * person already refused the very question the gate asks again.
 */
final class Refusals {

    private final LoopKit kit;

    Refusals(LoopKit kit) {
        this.kit = kit;
    }

    /**
     * A person's earlier refusal in this case of the question the gate now asks again: the same
     * tool on the case's element, asked for by the same rules of the same policy, rules that ask
     * only because of the moment ({@link GatedToolCalls#askedForTheMoment}: the element's data
     * cannot be trusted now). Their answer still stands while the question is the same, so it is
     * not put to them again; once the gate asks something else, or nothing, it is.
     */
    Optional<Answered> refusedBefore(CaseRecord c, String tool, Decision asked) {
        if (!kit.calls.askedForTheMoment(asked)) {
            return Optional.empty();
        }
        Set<String> rules = Set.copyOf(asked.ruleIds());
        for (int i = c.steps().size() - 1; i >= 0; i--) {
            StepRecord s = c.step(i);
            if (s.state() != StepState.REJECTED
                    || s.approvalId().isEmpty()
                    || !s.call().tool().equals(tool)) {
                continue;
            }
            Optional<Answered> answer = kit.calls.answer(s.approvalId().get());
            if (answer.isPresent()
                    && answer.get().answer().verdict() == Verdict.REJECTED
                    && sameQuestion(answer.get().request().decision(), asked, rules)) {
                return answer;
            }
        }
        return Optional.empty();
    }

    private static boolean sameQuestion(Decision earlier, Decision asked, Set<String> rules) {
        return earlier.policyVersion().equals(asked.policyVersion())
                && Set.copyOf(earlier.ruleIds()).equals(rules);
    }

    /** The tool paused on the case's element for {@link #pauseLength}. */
    Exclusion pause(CaseRecord c, String tool, String why, Instant now) {
        return pause(c, tool, why, now, false);
    }

    /**
     * The tool paused on the case's element for {@link #pauseLength}, or, when {@code
     * untilDataTrusted}, until the element's data are trusted again if that comes sooner
     * (Watchman#reconsider lifts it): a question asked because the data could not be trusted is no
     * longer asked then, and waiting out a doubled pause would hold the repair for hours.
     */
    Exclusion pause(CaseRecord c, String tool, String why, Instant now, boolean untilDataTrusted) {
        return pause(c, tool, why, now, untilDataTrusted, Optional.empty());
    }

    /**
     * {@link #pause(CaseRecord, String, String, Instant, boolean)}, until {@code over} when the
     * gate knows when its denial ends ({@link GatedToolCalls#deniedUntil}: the day's act calls
     * counted again from midnight): asked again within the hour, the same count only denies it
     * again, and pauses that double each time would run past the day (and past a visit whose cancel
     * was waiting).
     */
    Exclusion pause(
            CaseRecord c,
            String tool,
            String why,
            Instant now,
            boolean untilDataTrusted,
            Optional<Instant> over) {
        Instant until = over.filter(now::isBefore).orElseGet(() -> now.plus(pauseLength(c, tool)));
        return new Exclusion(
                tool,
                Map.of("element_id", c.element().id().value()),
                why,
                now,
                Optional.of(until),
                untilDataTrusted);
    }

    /** Whether the predictor does not trust its data on the case's element now. */
    boolean dataUntrusted(CaseRecord c, Instant now) {
        return kit.predictor
                .dataQuality(c.element().id(), now)
                .filter(q -> !q.trusted())
                .isPresent();
    }

    /** Whether the act a person was asked about rested on data that were not fresh. */
    static boolean askedOnUntrustedData(ApprovalRequest request) {
        Object quality = request.action().estimate().facts().get(CaseWork.DATA_QUALITY);
        return quality != null && !DataQuality.State.FRESH.key().equals(quality);
    }

    /**
     * How long a denied tool waits on the case's element: {@code denialPause}, doubled for each
     * earlier pause of the tool in the case (a denial that keeps coming back is not of the next
     * hour: the other work in the region runs for hours), at most eight times the first.
     */
    private Duration pauseLength(CaseRecord c, String tool) {
        long earlier =
                c.exclusions().stream()
                        .filter(e -> e.tool().equals(tool) && e.until().isPresent())
                        .count();
        return kit.settings.denialPause().multipliedBy(1L << Math.min(earlier, 3));
    }
}
