package dev.autonoc.core.planner;

import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.plan.Assumption;
import dev.autonoc.core.plan.CaseContext;
import dev.autonoc.core.plan.Holding;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.plan.PlanningRequest;
import dev.autonoc.core.tool.ToolCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Puts a plan together in the case's numbering: first the undo of every standing effect the plan
 * does not keep (last first, as a saga unwinds), then the plan's own steps in the order added.
 *
 * <p>Make before break: a standing order or booking the plan replaces by one of its own (named by
 * {@code replaceAfter}) is undone right after its replacement's step instead, so that it is only
 * taken back once the replacement stands. A plan's steps run in order, so a replacement that waits
 * for a person's approval holds the undo back; one that is rejected or refused leaves the old order
 * or booking standing for the next plan to keep.
 */
final class PlanBuilder {

    private final PlanningRequest request;
    private final List<PlanStep> steps = new ArrayList<>();
    private final Set<Integer> keeps;
    private final List<Assumption> assumptions = new ArrayList<>();
    private final List<Holding> takes = new ArrayList<>();
    private final int firstOwn;

    /** Standing effects to undo once the plan's own step of the same tool has been added. */
    private final List<StepRecord> undoAfterReplacement = new ArrayList<>();

    /**
     * Standing effects whose undo the policy denied for the moment: each undone when its pause
     * ends, in the plan's time order (steps run in order, so an undo waiting at the head of the
     * plan would hold back the work that does not wait for it), earliest first.
     */
    private final List<PausedUndo> undoOncePaused = new ArrayList<>();

    private record PausedUndo(StepRecord standing, Instant at) {}

    /**
     * @param keep the indexes of standing effects the plan keeps; the others are undone first
     */
    PlanBuilder(PlanningRequest request, Set<Integer> keep) {
        this(request, keep, Set.of());
    }

    /**
     * @param keep the indexes of standing effects the plan keeps; the others are undone first, but
     *     for those in {@code replaceAfter}
     * @param replaceAfter the indexes of standing effects the plan replaces by a step of its own of
     *     the same tool: each is undone right after that step (make before break)
     */
    PlanBuilder(PlanningRequest request, Set<Integer> keep, Set<Integer> replaceAfter) {
        this.request = request;
        this.keeps = new TreeSet<>(keep);
        List<StepRecord> standing = request.context().commitments();
        // what can no longer be undone, or whose undo the policy never allows, is kept, whatever
        // the plan thought
        standing.stream()
                .filter(s -> !s.commitment().undoable() || undoExcluded(request.context(), s))
                .forEach(s -> keeps.add(s.index()));
        for (int i = standing.size() - 1; i >= 0; i--) {
            StepRecord s = standing.get(i);
            if (keeps.contains(s.index())) {
                continue;
            }
            Optional<Instant> paused = undoPausedUntil(s);
            if (paused.isPresent()) {
                undoOncePaused.add(new PausedUndo(s, paused.get()));
            } else if (replaceAfter.contains(s.index())) {
                undoAfterReplacement.add(s);
            } else {
                steps.add(CaseContext.undoStep(s, nextIndex(), request.now()));
            }
        }
        undoOncePaused.sort(Comparator.comparing(PausedUndo::at));
        firstOwn = nextIndex();
    }

    /** Whether the undo of a standing effect is a call the plan must never make. */
    static boolean undoExcluded(CaseContext context, StepRecord standing) {
        return standing.undo()
                .map(u -> context.excludedForGood(u.tool(), u.arguments()))
                .orElse(false);
    }

    /** Until when the undo of a standing effect is paused on the element, if it is. */
    private Optional<Instant> undoPausedUntil(StepRecord standing) {
        return standing.undo()
                .flatMap(u -> request.context().pausedUntil(u.tool()))
                .filter(request.now()::isBefore);
    }

    /** Whether the standing effect of step {@code index} stays (else the plan undoes it first). */
    boolean keeps(int index) {
        return keeps.contains(index);
    }

    private int nextIndex() {
        return request.context().nextIndex() + steps.size();
    }

    /** Adds a step no earlier than now; returns its index. */
    int add(ToolCall call, Instant notBefore, OptionalInt after, String purpose) {
        Instant when = notBefore.isBefore(request.now()) ? request.now() : notBefore;
        undoPausedBy(when);
        int index = nextIndex();
        steps.add(new PlanStep(index, call, when, after, purpose));
        for (var it = undoAfterReplacement.iterator(); it.hasNext(); ) {
            StepRecord replaced = it.next();
            if (replaced.call().tool().equals(call.tool())) {
                // runs once the replacement is done: approved, and taken by the far side
                steps.add(CaseContext.undoStep(replaced, nextIndex(), request.now()));
                it.remove();
            }
        }
        return index;
    }

    /** Adds the paused undos whose pause ends before {@code when}, each at its pause's end. */
    private void undoPausedBy(Instant when) {
        while (!undoOncePaused.isEmpty() && undoOncePaused.get(0).at().isBefore(when)) {
            PausedUndo u = undoOncePaused.remove(0);
            steps.add(CaseContext.undoStep(u.standing(), nextIndex(), u.at()));
        }
    }

    /** Whether a step of the plan (not an undo of a standing effect) calls {@code tool}. */
    boolean adds(String tool) {
        return steps.stream()
                .anyMatch(
                        s ->
                                s.call().tool().equals(tool)
                                        && s.index() >= firstOwn
                                        && s.undoes().isEmpty());
    }

    void assume(Assumption a) {
        assumptions.add(a);
    }

    void take(Holding h) {
        takes.add(h);
    }

    boolean isEmpty() {
        return steps.isEmpty() && undoOncePaused.isEmpty();
    }

    Plan build(String rationale, Optional<String> escalation) {
        // a replacement the plan did not add after all: the standing effect is undone at the end
        undoAfterReplacement.forEach(
                s -> steps.add(CaseContext.undoStep(s, nextIndex(), request.now())));
        undoAfterReplacement.clear();
        undoOncePaused.forEach(
                u -> steps.add(CaseContext.undoStep(u.standing(), nextIndex(), u.at())));
        undoOncePaused.clear();
        return new Plan(
                request.caseId(),
                PlaybookPlanner.NAME,
                PlaybookPlanner.VERSION,
                steps,
                rationale,
                request.context().revision(),
                List.copyOf(keeps),
                assumptions,
                takes,
                escalation);
    }
}
