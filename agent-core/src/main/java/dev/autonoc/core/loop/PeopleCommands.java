package dev.autonoc.core.loop;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.approval.Actors;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * What a person does to a case through the loop ({@link RemediationLoop#takeOver}, {@link
 * RemediationLoop#handBack}, {@link RemediationLoop#close}): the case record and the ledger. The
 * loop holds itself and the case's lock around each, so that none meets a tick's work on the case.
 */
final class PeopleCommands {

    private final LoopKit kit;

    PeopleCommands(LoopKit kit) {
        this.kit = kit;
    }

    CaseRecord takeOver(CaseId id, String person, String why, Instant now) {
        CaseRecord c = openCase(id, person, why);
        if (c.status() == CaseStatus.TAKEN_OVER) {
            throw new IllegalStateException(
                    "case " + id + " is taken over already, by " + c.owner().orElse("?"));
        }
        CaseRecord taken =
                withdrawWaiting(c, "taken over by " + person, now).takenOver(person, now, why);
        kit.audit.append(
                kit.events.casePassed(AuditEventType.CASE_TAKEN_OVER, person, taken, why, now));
        return kit.save(taken);
    }

    CaseRecord handBack(CaseId id, String person, String why, Instant now) {
        CaseRecord c = openCase(id, person, why);
        if (!c.status().isWithPerson()) {
            throw new IllegalStateException(
                    "case "
                            + id
                            + " is "
                            + c.status()
                            + "; only a case with a person is handed back");
        }
        CaseRecord back = c.handedBack("handed back by " + person + ": " + why);
        kit.audit.append(
                kit.events.casePassed(AuditEventType.CASE_HANDED_BACK, person, back, why, now));
        return kit.save(back);
    }

    CaseRecord close(CaseId id, String person, String why, Instant now) {
        CaseRecord c = openCase(id, person, why);
        // the person who closed it answers for it: its owner, and the element waits the cooldown
        CaseRecord closed =
                withdrawWaiting(c, "closed by " + person, now)
                        .takenOver(person, now, why)
                        .closed(now, "closed by " + person + ": " + why);
        kit.audit.append(kit.events.caseEnded(person, closed, now));
        return kit.save(closed);
    }

    /**
     * The case with its waiting approval requests withdrawn, their steps superseded, for {@code
     * by}.
     */
    private CaseRecord withdrawWaiting(CaseRecord c, String by, Instant now) {
        CaseRecord out = c;
        for (StepRecord s : c.steps()) {
            if (s.state() == StepState.WAITING_APPROVAL && s.approvalId().isPresent()) {
                kit.withdraw(s.approvalId().get(), "case " + c.id() + " " + by, now);
                out = out.withStep(s.with(StepState.SUPERSEDED, "withdrawn: " + by));
            }
        }
        return out;
    }

    private CaseRecord openCase(CaseId id, String person, String why) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(why, "why");
        if (person == null || person.isBlank() || Actors.isAgent(person)) {
            throw new IllegalArgumentException(
                    "only a person takes over, hands back or closes a case, not '" + person + "'");
        }
        CaseRecord c =
                kit.cases.find(id).orElseThrow(() -> new IllegalArgumentException("no case " + id));
        if (!c.status().isOpen()) {
            throw new IllegalStateException("case " + id + " is closed");
        }
        return c;
    }
}
