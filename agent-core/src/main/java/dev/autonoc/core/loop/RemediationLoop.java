package dev.autonoc.core.loop;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.casefile.Exclusion;
import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.plan.Holding;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.prediction.Evidence;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.core.tool.ToolNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The closed loop: predictions open cases, a planner plans them, the policy gate decides each
 * acting step, people answer what needs approval, tools run what may run, outcomes are followed
 * (retried, replanned around, undone, or given to a person), and every event goes to the audit log.
 * Drive it by feeding telemetry and alarms and calling {@link #tick(Instant)} once per tick; the
 * eval runner, the service and its restart all drive it that way (docs/agent.md).
 *
 * <p>Everything a case needs to resume is in its record in the {@link CaseStore}: a loop built over
 * a store another loop left (after a crash) carries on where that one stopped.
 *
 * <p>The loop holds no gate: every step that acts goes through {@link GatedToolCalls}, the one
 * gated path that the MCP gateway uses too, and runs only with the clearance it gives.
 *
 * <p>Over 500 lines (its builder is {@link RemediationLoopBuilder}): the tick (with a shadow case's
 * following of the fault and the working of its new cases at once, {@link
 * RemediationLoopBuilder#workNewCasesOn}), the people's commands and the sharing of a network
 * ({@link #workOnly}) all guard the same state under the loop's one lock; the work itself is in
 * {@link CaseWork}, {@link Replanner}, {@link Watchman}, {@link Confirmation} and {@link NewCases}.
 */
public final class RemediationLoop {

    private final LoopKit kit;
    private final CaseWork work;
    private final Replanner replanner;
    private final Watchman watchman;
    private final Confirmation confirmation;
    private final Clock clock;
    private final Map<ElementId, Element> elementsById = new HashMap<>();
    // elements down with a fault, by the network's alarms (read by the work behind a tick too)
    private final Map<ElementId, Alarm> down = Collections.synchronizedMap(new LinkedHashMap<>());
    // this tick's predictions, by element (read by the work behind a tick too)
    private volatile Map<ElementId, Prediction> risk = Map.of();
    // the elements this loop opens cases on (all, unless it shares its network: workOnly)
    private Predicate<ElementId> works = e -> true;
    // for catchUp: the closes of the cases found in the store, by time
    private @Nullable Map<Instant, List<CaseRecord>> closesByTime;
    // works a tick's new cases at once; null: every case one after another, in urgency order
    private final @Nullable NewCases newCases;
    private final CaseLocks caseLocks = new CaseLocks();
    private final StagedWrites staged;
    private final PeopleCommands people;
    // the rest of each tick, behind it; null: in it
    private final @Nullable LaterSteps laterSteps;

    /** How often one case may be worked again within one tick after a refusal replanned it. */
    static final int WORK_PER_TICK = 4;

    RemediationLoop(RemediationLoopBuilder b) {
        Objects.requireNonNull(b.elements, "elements");
        String prefix = Objects.requireNonNull(b.caseIdPrefix, "caseIdPrefix");
        if (!prefix.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException(
                    "a case id prefix is lower-case letters, digits and dashes, got '"
                            + prefix
                            + "'");
        }
        Planner planner = Objects.requireNonNull(b.planner, "planner");
        ApprovalQueue approvals = Objects.requireNonNull(b.approvals, "approvals");
        ToolCatalogue tools = Objects.requireNonNull(b.tools, "tools");
        CaseStore store = Objects.requireNonNull(b.cases, "cases");
        // the loop's ledger: writes held back to the unit's effects when the builder says so
        StagedWrites audit =
                new StagedWrites(Objects.requireNonNull(b.audit, "audit"), store, b.staged);
        this.staged = audit;
        AuditEvents events = AuditEvents.ofLoop(planner.name(), planner.version());
        GatedToolCalls calls =
                new GatedToolCalls(
                        Objects.requireNonNull(b.gate, "gate"),
                        approvals,
                        tools,
                        audit,
                        Objects.requireNonNull(b.roles, "roles"),
                        events,
                        audit::beforeNextWrite);
        this.kit =
                new LoopKit(
                        Objects.requireNonNull(b.predictor, "predictor"),
                        planner,
                        approvals,
                        tools,
                        audit,
                        new CaseBook(store, audit, prefix),
                        Objects.requireNonNull(b.settings, "settings"),
                        events,
                        calls,
                        b.observeOnly,
                        b.planningReadsOn);
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.work = new CaseWork(kit);
        this.replanner = new Replanner(kit);
        this.watchman = new Watchman(kit);
        this.confirmation = new Confirmation(kit);
        this.people = new PeopleCommands(kit);
        b.elements.forEach(e -> elementsById.put(e.id(), e));
        this.newCases = b.newCasesOn == null ? null : new NewCases(b.newCasesOn, b.newCasesAtOnce);
        if (b.laterStepsOn != null && newCases == null) {
            throw new IllegalArgumentException(
                    "the later steps run behind a tick whose new cases are worked at once"
                            + " (workNewCasesOn)");
        }
        this.laterSteps =
                b.laterStepsOn == null ? null : new LaterSteps(b.laterStepsOn, this::restOfTick);
    }

    public static RemediationLoopBuilder builder() {
        return new RemediationLoopBuilder();
    }

    public void observe(TelemetrySample sample) {
        kit.predictor.observe(sample);
    }

    /**
     * Takes an alarm to the predictor, and keeps which elements are down with a fault: a failure
     * the predictor did not see coming is still a case, worked at once (the agent never does less
     * than reacting to the failure would).
     */
    public synchronized void observe(Alarm alarm) {
        kit.predictor.observe(alarm);
        switch (alarm.kind()) {
            case ELEMENT_DOWN -> {
                if (FailureMode.fromSymptom(alarm.probableCause()).isPresent()) {
                    down.put(alarm.element(), alarm);
                }
            }
            case ELEMENT_UP -> down.remove(alarm.element());
        }
    }

    /**
     * For a loop that shares its network with other loops, each working a part of it (connected
     * mode's instances, each the elements of its Kafka partitions; docs/connected-mode.md): from
     * now on it opens cases only on the elements {@code works} accepts, forgets the alarms of the
     * others, and reads again from the store which case each element had last, since other loops
     * opened and closed cases too. Which open cases it works is the store's to say ({@link
     * CaseStore#open()}).
     */
    public synchronized void workOnly(Predicate<ElementId> works) {
        this.works = Objects.requireNonNull(works, "works");
        down.keySet().removeIf(works.negate());
        kit.cases.reload();
        // the cases that left: calls of theirs may start elsewhere before they come back
        forgetAllBut(kit.cases.open());
    }

    /** What the loop remembers of cases it no longer works (closed, or gone elsewhere) goes. */
    private void forgetAllBut(List<CaseRecord> open) {
        Set<String> ids = new HashSet<>();
        open.forEach(c -> ids.add(c.id().value()));
        kit.calls.retainOnly(ids);
    }

    /**
     * The elements the loop opens cases on follow the network's inventory: for a service whose
     * inventory changes while it runs (connected mode's element messages). An element added is
     * worked from the next tick; one removed gets no new case (its open cases stay, for a person or
     * their plan to end) and its down alarm is forgotten.
     */
    public synchronized void inventory(List<Element> elements) {
        Objects.requireNonNull(elements, "elements");
        elementsById.clear();
        elements.forEach(e -> elementsById.put(e.id(), e));
        down.keySet().retainAll(elementsById.keySet());
    }

    /**
     * The elements whose case ended after work that mends (a dispatch or restart done) at or after
     * {@code from}, each with the latest such end: for a service that rebuilds the predictor's
     * windows from recorded telemetry, which tells the predictor of each repair where it falls
     * ({@link FailurePredictor#maintained}), as the live loop did.
     */
    public synchronized Map<ElementId, Instant> mendedSince(Instant from) {
        Objects.requireNonNull(from, "from");
        Map<ElementId, Instant> out = new HashMap<>();
        for (CaseRecord c : kit.cases.all()) {
            if (c.status() == CaseStatus.CLOSED && LoopKit.workedOn(c)) {
                Instant end = c.endedAt().orElseThrow();
                if (!end.isBefore(from)) {
                    out.merge(c.element().id(), end, (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
        return out;
    }

    /** A tick at the clock's now. */
    public void step() {
        tick(clock.instant());
    }

    /**
     * Does everything due at {@code now}: reads the predictor, checks each open plan against it,
     * opens cases for new risks, then works the open cases most urgent first (plan or replan, check
     * with the OSS when due, run the steps that are due).
     */
    public synchronized void tick(Instant now) {
        Objects.requireNonNull(now, "now");
        RuntimeException behind = laterSteps == null ? null : laterSteps.failure();
        if (behind != null) {
            throw behind; // as it would have failed the tick it was part of
        }
        Map<ElementId, Prediction> byElement = new LinkedHashMap<>();
        for (Prediction p : kit.predictor.atRisk(now)) {
            byElement.putIfAbsent(p.element(), p);
        }
        for (Alarm a : down.values()) {
            byElement.put(a.element(), failed(a, now));
        }
        risk = byElement;
        List<CaseRecord> openAtStart = kit.cases.open();
        forgetAllBut(openAtStart);
        for (CaseRecord c : openAtStart) {
            if (!c.status().isAgentWorking() || c.plan().isEmpty()) {
                continue;
            }
            // a case worked behind the last tick at this moment is sensed at the next one
            Lock lock = caseLocks.of(c.id());
            if (!lock.tryLock()) {
                continue;
            }
            try {
                // behind a tick, the case may have moved since the tick read it
                CaseRecord current = laterSteps == null ? c : kit.cases.find(c.id()).orElse(c);
                if (current.status().isAgentWorking() && current.plan().isPresent()) {
                    sense(current, now);
                }
            } finally {
                lock.unlock();
            }
        }
        List<CaseRecord> fresh = new ArrayList<>();
        for (Prediction p : byElement.values()) {
            Element element = elementsById.get(p.element());
            if (element != null && works.test(element.id()) && mayOpenCaseFor(element.id(), now)) {
                CaseRecord opened = CaseRecord.opened(kit.cases.nextId(), element, p, now);
                if (newCases == null) {
                    open(opened);
                } else {
                    fresh.add(opened);
                }
            }
        }
        Set<CaseId> worked = new HashSet<>();
        if (newCases != null && !fresh.isEmpty()) {
            // each new case opened and brought to its first proposal beside the others, most
            // urgent first; what is left of the tick runs after, one case at a time as below
            List<CaseRecord> byUrgency = Scheduler.byUrgency(fresh);
            newCases.run(byUrgency, c -> workLocked(c, now, true, true));
            if (laterSteps != null) {
                laterSteps.after(byUrgency, now);
                return;
            }
            newCases.run(byUrgency, c -> workLocked(c, now, false, false));
            fresh.forEach(c -> worked.add(c.id()));
            Set<CaseId> open = new HashSet<>();
            kit.cases.open().forEach(c -> open.add(c.id()));
            caseLocks.retainOnly(open);
        }
        if (laterSteps != null) {
            laterSteps.after(List.of(), now);
            return;
        }
        List<CaseRecord> working =
                kit.cases.open().stream().filter(c -> c.status().isAgentWorking()).toList();
        for (CaseRecord c : Scheduler.byUrgency(working)) {
            if (c.observedThrough() || worked.contains(c.id())) {
                continue; // nothing left to judge: it follows the fault's course (above)
            }
            kit.cases
                    .find(c.id())
                    .filter(f -> f.status().isAgentWorking())
                    .ifPresent(f -> work(f, now));
        }
    }

    /**
     * Checks an open case's plan against this tick's risk: a shadow case's course, a false alarm.
     */
    private void sense(CaseRecord c, Instant now) {
        if (c.observedThrough()) {
            followedToItsEnd(c, now);
            return;
        }
        CaseRecord sensed = watchman.sense(c, Optional.ofNullable(risk.get(c.element().id())), now);
        if (watchman.isFalseAlarm(sensed, now)) {
            Instant quiet = sensed.quietSince().orElseThrow();
            replanner.abandon(
                    sensed,
                    now,
                    sensed.observedSome()
                            ? recoveredInShadow(c.element().id(), quiet)
                            : "false alarm: "
                                    + c.element().id()
                                    + " no longer at risk since "
                                    + quiet
                                    + "; what the case did is undone");
        }
    }

    /**
     * The rest of the ticks up to {@code now}, behind them ({@link
     * RemediationLoopBuilder#laterStepsBehind}): the later steps of the cases they brought to their
     * first proposals, most urgent first, then every other case the agent works, as {@link #tick}
     * works them in it. On the one thread behind the ticks; each case under its lock, so that a
     * tick's new cases and a person's command never meet it in the middle of a case.
     */
    private void restOfTick(List<CaseRecord> brought, Instant now) {
        Set<CaseId> worked = new HashSet<>();
        for (CaseRecord c : Scheduler.byUrgency(brought)) {
            workLocked(c, now, false, false);
            worked.add(c.id());
        }
        List<CaseRecord> working =
                kit.cases.open().stream().filter(c -> c.status().isAgentWorking()).toList();
        for (CaseRecord c : Scheduler.byUrgency(working)) {
            if (c.observedThrough() || worked.contains(c.id())) {
                continue;
            }
            workLocked(c, now, false, false);
        }
        Set<CaseId> open = new HashSet<>();
        kit.cases.open().forEach(c -> open.add(c.id()));
        caseLocks.retainOnly(open);
    }

    /**
     * Waits until the work behind the ticks is done ({@link
     * RemediationLoopBuilder#laterStepsBehind}; at once without it): before the cases of a part of
     * the network are given up, or the loop stops. Not while holding the loop (a tick, a command).
     */
    public void awaitLaterSteps() {
        if (laterSteps != null) {
            laterSteps.await();
        }
    }

    /**
     * {@link #work}, holding the case's lock: one thread at a time works a case. With {@code
     * toFirstProposal}, only until the first act is put to the gate (run, parked for a person, or
     * denied): every new case gets that far before any spends the tick's time on its later steps.
     */
    private void workLocked(CaseRecord c, Instant now, boolean toFirstProposal, boolean open) {
        Lock lock = caseLocks.of(c.id());
        lock.lock();
        try {
            // one unit of work: a new case's open, reads, plan and decision are written at its
            // first effect (or at the unit's end), before another thread may take the case
            staged.inUnit(
                    () -> {
                        if (open) {
                            open(c);
                        }
                        kit.cases
                                .find(c.id())
                                .filter(f -> f.status().isAgentWorking() && !f.observedThrough())
                                .ifPresent(f -> work(f, now, toFirstProposal));
                    });
        } finally {
            lock.unlock();
        }
    }

    /**
     * Brings the predictor where a tick at {@code now} would have left it, without acting: for a
     * service that rebuilds its world after a restart by running it forward, so that the predictor
     * reads the same history as before. The cases are as the store has them; nothing is planned,
     * called or written.
     */
    public synchronized void catchUp(Instant now) {
        kit.predictor.atRisk(now);
        if (closesByTime == null) {
            closesByTime = new HashMap<>();
            for (CaseRecord c : kit.cases.all()) {
                if (c.status() == CaseStatus.CLOSED && LoopKit.workedOn(c)) {
                    closesByTime
                            .computeIfAbsent(c.endedAt().orElseThrow(), t -> new ArrayList<>())
                            .add(c);
                }
            }
        }
        for (CaseRecord c : closesByTime.getOrDefault(now, List.of())) {
            kit.predictor.maintained(c.element().id(), now);
        }
    }

    private void work(CaseRecord start, Instant now) {
        work(start, now, false);
    }

    private void work(CaseRecord start, Instant now, boolean firstActOnly) {
        staged.inUnit(() -> workInUnit(start, now, firstActOnly));
    }

    private void workInUnit(CaseRecord start, Instant now, boolean firstActOnly) {
        CaseRecord c = start;
        for (int i = 0; i < WORK_PER_TICK && c.status().isAgentWorking(); i++) {
            if (c.replanDue().isPresent()) {
                if (replanner.waitsToPlan(c, now)) {
                    return; // a read it needed failed: planned again after the backoff
                }
                c = replan(c, now);
                continue;
            }
            c = watchman.verify(watchman.reconsider(c, now), now);
            if (c.replanDue().isPresent()) {
                continue;
            }
            c = work.advance(c, now, firstActOnly);
            if (firstActOnly || c.replanDue().isEmpty()) {
                return;
            }
        }
    }

    private CaseRecord replan(CaseRecord c, Instant now) {
        Prediction prediction = risk.getOrDefault(c.element().id(), c.latest());
        String facts = "";
        if (c.plan().isEmpty()) {
            // a case's first plan: confirm what it would rest on (docs/data-quality.md)
            Confirmation.Outcome checked =
                    confirmation.confirm(c, now, down.containsKey(c.element().id()));
            if (checked.contradiction().isPresent()) {
                return kit.needsPerson(
                        c,
                        now,
                        "contradicted data, nothing planned: "
                                + checked.contradiction().get()
                                + (checked.facts().isEmpty() ? "" : "; " + checked.facts()));
            }
            facts = checked.facts();
        }
        List<Holding> holdings = Scheduler.holdings(kit.cases.open(), c.id(), now);
        CaseRecord planned = replanner.plan(c, now, prediction, holdings, facts);
        if (planned.plan().isEmpty() || planned.plan().get().takes().isEmpty()) {
            return planned;
        }
        for (Holding taken : planned.plan().get().takes()) {
            takeFrom(planned, taken, now);
        }
        return kit.cases.find(planned.id()).orElse(planned);
    }

    /**
     * A more urgent case books engineer time a less urgent one held: the holder plans again without
     * it (its booking undone) before the taker's steps run. A holder that is not less urgent, or
     * whose engineer may be on the way, keeps its time; the taker's booking then meets a refusal
     * and it replans.
     */
    private void takeFrom(CaseRecord taker, Holding taken, Instant now) {
        // a holder another thread works at this moment (a new case worked beside this one) keeps
        // its time, as one of another instance would: the taker's booking meets the refusal
        Lock lock = caseLocks.of(taken.caseId());
        if (!lock.tryLock()) {
            return;
        }
        try {
            takeFromLocked(taker, taken, now);
            // the holder's row written before its lock goes: a thread that works it next reads it
            staged.flush();
        } finally {
            lock.unlock();
        }
    }

    private void takeFromLocked(CaseRecord taker, Holding taken, Instant now) {
        Optional<CaseRecord> holder = kit.cases.find(taken.caseId());
        if (holder.isEmpty()
                || !holder.get().status().isAgentWorking()
                || taken.started()
                || !Scheduler.deadlineOf(holder.get()).isAfter(Scheduler.deadlineOf(taker))) {
            return;
        }
        StepRecord booking = holder.get().step(taken.step());
        Exclusion slot =
                new Exclusion(
                        ToolNames.DISPATCH_ENGINEER,
                        Map.of(
                                "engineer_id", taken.engineerId(),
                                "start", String.valueOf(booking.call().arguments().get("start"))),
                        "yielded to " + taker.id() + ", whose element fails sooner",
                        now);
        CaseRecord yielding =
                kit.save(
                        holder.get()
                                .replanning(
                                        "yield "
                                                + taken.engineerId()
                                                + " at "
                                                + taken.from()
                                                + " to "
                                                + taker.id()
                                                + " (its element fails sooner, at "
                                                + Scheduler.deadlineOf(taker)
                                                + ")",
                                        Optional.of(slot)));
        work(yielding, now);
    }

    /**
     * A case the agent could only observe (shadow mode), its plan judged through, follows the
     * fault's course rather than going to a person: it ends when the network reports the element
     * down (failed) or the element has been quiet for {@code falseAlarmAfter} (recovered, by
     * whatever people did or by itself).
     */
    private void followedToItsEnd(CaseRecord c, Instant now) {
        ElementId id = c.element().id();
        Alarm failure = down.get(id);
        if (failure != null) {
            kit.close(
                    c,
                    now,
                    "shadow mode: the element failed: the network reports "
                            + id
                            + " down since "
                            + failure.at()
                            + " ("
                            + failure.probableCause()
                            + "); the agent observed only, nothing it would have done was run");
            return;
        }
        CaseRecord sensed = c;
        if (risk.containsKey(id) == sensed.quietSince().isPresent()) {
            sensed =
                    kit.save(
                            sensed.withQuietSince(
                                    risk.containsKey(id) ? Optional.empty() : Optional.of(now)));
        }
        Optional<Instant> quiet = sensed.quietSince();
        if (quiet.isEmpty() || now.isBefore(quiet.get().plus(kit.settings.falseAlarmAfter()))) {
            return;
        }
        replanner.abandon(sensed, now, recoveredInShadow(id, quiet.get()));
    }

    private static String recoveredInShadow(ElementId id, Instant quietSince) {
        return "shadow mode: the element recovered: "
                + id
                + " not at risk since "
                + quietSince
                + "; the agent observed only, nothing it would have done was run";
    }

    /** An element down with a fault, as a certain failure now. */
    private Prediction failed(Alarm a, Instant now) {
        return new Prediction(
                a.element(),
                now,
                1.0,
                FailureMode.fromSymptom(a.probableCause()).orElseThrow(),
                Duration.ZERO,
                List.of(
                        new Evidence(
                                "alarm.element_down",
                                1.0,
                                1.0,
                                "the network reports "
                                        + a.element()
                                        + " down since "
                                        + a.at()
                                        + ": "
                                        + a.probableCause())),
                kit.predictor.modelVersion());
    }

    private boolean mayOpenCaseFor(ElementId element, Instant now) {
        Optional<CaseRecord> latest = kit.cases.latestOn(element);
        if (latest.isEmpty()) {
            return true;
        }
        CaseRecord c = latest.get();
        if (c.status().isOpen()) {
            return false;
        }
        // after work on it, an element's history needs time to settle; a false alarm does not.
        // A case a person closed is theirs: the agent does not reopen it at once either
        return !((LoopKit.workedOn(c) || c.owner().isPresent())
                && c.endedAt().get().plus(kit.settings.reopenCooldown()).isAfter(now));
    }

    private void open(CaseRecord opened) {
        kit.calls.openedHere(opened.id());
        // each event is in the ledger before the case that reports it is saved: a crash between
        // the two opens the case again (the same id), rather than leaving it without its event.
        // Neither has an effect: held with the row until the unit's first effect or its end
        staged.inUnit(
                () -> {
                    kit.audit.stage(
                            kit.events.prediction(
                                    kit.agent(), opened.id().value(), opened.latest()));
                    kit.audit.stage(kit.events.caseOpened(kit.agent(), opened));
                    kit.save(opened);
                });
    }

    // ---------------------------------------------------------------- people

    /**
     * A person takes a case over: the agent stops acting on it (its waiting approval requests are
     * withdrawn) and opens no other case on its element until it is handed back or closed.
     *
     * @throws IllegalArgumentException if there is no such case, or {@code person} is an agent
     * @throws IllegalStateException if the case is closed or taken over already
     */
    public synchronized CaseRecord takeOver(CaseId id, String person, String why, Instant now) {
        return withCaseLocked(id, () -> people.takeOver(id, person, why, now));
    }

    /**
     * A person hands a case (taken over, or one that needed a person) back to the agent, which
     * plans it again at the next tick from where it is: what is done stays, what is no longer
     * wanted is undone.
     *
     * @throws IllegalStateException unless the case is with a person
     */
    public synchronized CaseRecord handBack(CaseId id, String person, String why, Instant now) {
        return withCaseLocked(id, () -> people.handBack(id, person, why, now));
    }

    /**
     * A person closes a case: it is over, whatever stood. Its waiting approval requests are
     * withdrawn; nothing is undone (the person answers for what stays).
     */
    public synchronized CaseRecord close(CaseId id, String person, String why, Instant now) {
        return withCaseLocked(id, () -> people.close(id, person, why, now));
    }

    /** A person's command on a case, never in the middle of the work behind a tick on it. */
    private CaseRecord withCaseLocked(CaseId id, java.util.function.Supplier<CaseRecord> command) {
        Objects.requireNonNull(id, "id");
        Lock lock = caseLocks.of(id);
        lock.lock();
        try {
            return command.get();
        } finally {
            lock.unlock();
        }
    }

    public List<CaseRecord> cases() {
        return kit.cases.all();
    }

    /** How many cases the gated calls remember ({@link GatedToolCalls#retainOnly}; for tests). */
    int casesRemembered() {
        return kit.calls.casesKnown();
    }
}
