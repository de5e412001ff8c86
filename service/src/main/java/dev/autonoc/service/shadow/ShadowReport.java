package dev.autonoc.service.shadow;

import dev.autonoc.tools.oss.RecordedAct;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The shadow-mode comparison over a period ({@code GET /api/shadow-report}, the console's Shadow
 * page): the totals first, then each case the agent had, with what it would have done beside what
 * people did and how it ended, then what people did where the agent had no case.
 *
 * @param element the element asked about, or null for the whole network
 * @param cases the cases open at some time in the period, in the order they were opened
 * @param outsideCases people's acts on elements and at times no case of the agent's covered
 * @param read what was read: the ledger, and each TMF API's list
 */
public record ShadowReport(
        Instant from,
        Instant to,
        @Nullable String element,
        Totals totals,
        List<CaseComparison> cases,
        List<RecordedAct> outsideCases,
        List<String> read) {

    public ShadowReport {
        cases = List.copyOf(cases);
        outsideCases = List.copyOf(outsideCases);
        read = List.copyOf(read);
    }

    /**
     * What an operator weighs before trusting the agent.
     *
     * @param predictions the predictions the ledger holds for the period (each opened a case)
     * @param plans plans and replans made in the period
     * @param decisions the gate's decisions on acts in the period (each judgement counts)
     * @param agentActs acts the agent would have done (or did), of the kinds compared
     * @param peopleActs acts people did, as the operator's systems show them
     * @param both acts both did
     * @param agentOnly acts only the agent would have done
     * @param peopleOnly acts only people did: what the agent would not have done
     * @param notCompared the agent's acts of kinds the operator's systems are not read for
     * @param agreement both / (both + agentOnly + peopleOnly); null when there was nothing to
     *     compare
     * @param agentEarlier acts both did where the agent would have been earlier
     * @param peopleEarlier acts both did where people were earlier
     * @param medianAgentLeadHours over the acts both did, the median of how much earlier the agent
     *     would have acted (negative: people were earlier); null without such acts
     * @param failed cases whose element failed
     * @param recovered cases whose element recovered
     * @param failedAfterPeopleActed failed cases where people had acted before the failure
     * @param failedAfterAgentWouldHave failed cases where the agent would have acted before it
     */
    public record Totals(
            int cases,
            int predictions,
            int plans,
            int decisions,
            int agentActs,
            int peopleActs,
            int both,
            int agentOnly,
            int peopleOnly,
            int notCompared,
            @Nullable Double agreement,
            int agentEarlier,
            int peopleEarlier,
            @Nullable Double medianAgentLeadHours,
            int failed,
            int recovered,
            int failedAfterPeopleActed,
            int failedAfterAgentWouldHave) {}

    /**
     * One case of the agent's, in shadow mode or not.
     *
     * @param status the case's status now
     * @param observed whether the agent could only observe some of its acts (shadow mode)
     * @param probability the prediction that opened it: calibrated probability of failure
     * @param mode the failure mode predicted
     * @param predictedFailureAt when the prediction that opened it expected the failure
     * @param plans plans and replans the case had in the period
     * @param both acts both did, in the agent's time order
     * @param agentOnly acts only the agent would have done
     * @param peopleOnly acts only people did on the element around the case
     * @param notCompared the agent's acts of kinds not compared
     */
    public record CaseComparison(
            String id,
            String element,
            String status,
            boolean observed,
            Instant opened,
            @Nullable Instant ended,
            double probability,
            String mode,
            Instant predictedFailureAt,
            int plans,
            Outcome outcome,
            List<Both> both,
            List<AgentAct> agentOnly,
            List<RecordedAct> peopleOnly,
            List<AgentAct> notCompared) {

        public CaseComparison {
            both = List.copyOf(both);
            agentOnly = List.copyOf(agentOnly);
            peopleOnly = List.copyOf(peopleOnly);
            notCompared = List.copyOf(notCompared);
        }
    }

    /**
     * An act both did.
     *
     * @param earlier {@code agent}, {@code people} or {@code same}
     * @param agentLeadHours how much earlier the agent would have acted, in hours (negative: people
     *     were earlier)
     * @param agentLead the same as an ISO-8601 duration
     */
    public record Both(
            String tool,
            AgentAct agent,
            RecordedAct people,
            String earlier,
            double agentLeadHours,
            String agentLead) {}

    /**
     * How a case ended, or where it is.
     *
     * @param kind {@code failed} (the element failed), {@code recovered} (it was no longer at
     *     risk), {@code after-failure} (the case was opened on the failure itself), {@code closed}
     *     (ended otherwise), {@code with-person} or {@code open}
     * @param text the case's own words
     * @param at when it failed, recovered or closed; null while open
     * @param peopleActedBefore for a failure: whether people had acted on the element before it
     * @param agentWouldHaveActedBefore for a failure: whether the agent would have
     */
    public record Outcome(
            String kind,
            String text,
            @Nullable Instant at,
            @Nullable Boolean peopleActedBefore,
            @Nullable Boolean agentWouldHaveActedBefore) {}
}
