package dev.autonoc.service.shadow;

import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.tools.oss.OperatorRecords;
import dev.autonoc.tools.oss.RecordedAct;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Makes the shadow-mode comparison for a period: the agent's side from the ledger (each act's
 * decision, the plans, the predictions) and the case store (how each case ended), people's side
 * from the operator's systems ({@link OperatorRecords}: TMF list queries), matched by {@link
 * ShadowMatching}. What the agent itself made through the operator's systems (an act at the {@code
 * auto} level) is told from people's acts by the key or case it was made under, and left out of
 * theirs.
 */
public final class ShadowReports {

    /** The rule id of connected mode's observe level ({@code AutonomyGate}). */
    public static final String OBSERVE_RULE = "autonomy-observe";

    /** The longest period one report covers. */
    public static final Duration MAX_PERIOD = Duration.ofDays(92);

    static final String FAILED = "shadow mode: the element failed";
    static final String RECOVERED = "shadow mode: the element recovered";

    private final AuditLog audit;
    private final Supplier<List<CaseRecord>> cases;
    private final OperatorRecords records;
    private final List<String> sources;
    private final Supplier<? extends Collection<String>> elements;
    private final Clock clock;

    /**
     * @param sources what {@code records} reads, in words, for the report's {@code read}
     * @param elements the network's element ids, to refuse a report on an unknown one
     * @param clock the service's clock: a report's default period ends at its now
     */
    public ShadowReports(
            AuditLog audit,
            Supplier<List<CaseRecord>> cases,
            OperatorRecords records,
            List<String> sources,
            Supplier<? extends Collection<String>> elements,
            Clock clock) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.cases = Objects.requireNonNull(cases, "cases");
        this.records = Objects.requireNonNull(records, "records");
        this.sources = List.copyOf(sources);
        this.elements = Objects.requireNonNull(elements, "elements");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The service's now: where a period asked without an end ends. */
    public Instant now() {
        return clock.instant();
    }

    /** Whether the network has this element. */
    public boolean knows(String element) {
        return elements.get().contains(element);
    }

    /** A few of the network's element ids, for a message naming what is accepted. */
    public List<String> someElements() {
        return elements.get().stream().sorted().limit(5).toList();
    }

    /**
     * The comparison over {@code [from, to)}, of one element or the whole network.
     *
     * @throws IllegalArgumentException if {@code to} is not after {@code from}, or the period is
     *     longer than {@link #MAX_PERIOD}
     * @throws dev.autonoc.tools.oss.OssException if the operator's systems cannot be read
     */
    public ShadowReport report(Instant from, Instant to, Optional<String> element) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to (" + to + ") must be after from (" + from + ")");
        }
        if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            throw new IllegalArgumentException(
                    "the period from " + from + " to " + to + " is longer than " + MAX_PERIOD);
        }
        List<CaseRecord> all = cases.get();
        Set<String> caseIds = all.stream().map(c -> c.id().value()).collect(Collectors.toSet());
        List<AuditEvent> judged = events(AuditEventType.POLICY_DECISION, from, to, element);
        List<AgentAct> agent = agentActs(judged);
        int decisions = judged.size();
        List<AuditEvent> plans = events(AuditEventType.PLAN, from, to, element);
        int predictions = events(AuditEventType.PREDICTION, from, to, element).size();
        List<RecordedAct> people =
                records.between(from, to, element).stream()
                        .filter(p -> !madeByTheAgent(p, caseIds))
                        .toList();
        ShadowMatching.Matched m = ShadowMatching.match(agent, people);

        List<CaseRecord> inPeriod =
                all.stream()
                        .filter(
                                c ->
                                        element.map(e -> e.equals(c.element().id().value()))
                                                .orElse(true))
                        .filter(c -> c.openedAt().isBefore(to))
                        .filter(c -> c.endedAt().map(e -> !e.isBefore(from)).orElse(true))
                        .sorted(Comparator.comparing(CaseRecord::openedAt))
                        .toList();
        Map<String, List<ShadowMatching.Pair>> bothByCase = new HashMap<>();
        m.both()
                .forEach(
                        p ->
                                bothByCase
                                        .computeIfAbsent(p.agent().caseId(), k -> new ArrayList<>())
                                        .add(p));
        Map<String, List<AgentAct>> agentOnlyByCase = byCase(m.agentOnly());
        Map<String, List<AgentAct>> notComparedByCase = byCase(m.notCompared());
        Map<String, List<RecordedAct>> peopleByCase = new LinkedHashMap<>();
        List<RecordedAct> outside = new ArrayList<>();
        for (RecordedAct p : m.peopleOnly()) {
            Optional<CaseRecord> around =
                    inPeriod.stream().filter(c -> covers(c, p, to)).findFirst();
            if (around.isPresent()) {
                peopleByCase
                        .computeIfAbsent(around.get().id().value(), k -> new ArrayList<>())
                        .add(p);
            } else {
                outside.add(p);
            }
        }
        Map<String, Long> plansByCase =
                plans.stream()
                        .collect(
                                Collectors.groupingBy(
                                        AuditEvent::correlationId, Collectors.counting()));

        List<ShadowReport.CaseComparison> compared = new ArrayList<>();
        for (CaseRecord c : inPeriod) {
            String id = c.id().value();
            List<ShadowMatching.Pair> both = bothByCase.getOrDefault(id, List.of());
            List<AgentAct> mine = agentOnlyByCase.getOrDefault(id, List.of());
            List<RecordedAct> theirs = peopleByCase.getOrDefault(id, List.of());
            compared.add(
                    new ShadowReport.CaseComparison(
                            id,
                            c.element().id().value(),
                            c.status().name(),
                            c.steps().stream().anyMatch(s -> s.state() == StepState.OBSERVED),
                            c.openedAt(),
                            c.endedAt().orElse(null),
                            c.trigger().probability(),
                            c.trigger().mode().name(),
                            c.trigger().at().plus(c.trigger().timeToFailure()),
                            plansByCase.getOrDefault(id, 0L).intValue(),
                            outcome(c, both, mine, theirs),
                            both.stream().map(ShadowReports::both).toList(),
                            mine,
                            theirs,
                            notComparedByCase.getOrDefault(id, List.of())));
        }
        return new ShadowReport(
                from,
                to,
                element.orElse(null),
                totals(compared, m, predictions, decisions, plans.size()),
                compared,
                outside,
                readList());
    }

    private List<String> readList() {
        List<String> out = new ArrayList<>();
        out.add("ledger: predictions, plans, the gate's decisions");
        out.addAll(sources);
        return out;
    }

    private static Map<String, List<AgentAct>> byCase(List<AgentAct> acts) {
        Map<String, List<AgentAct>> out = new HashMap<>();
        acts.forEach(a -> out.computeIfAbsent(a.caseId(), k -> new ArrayList<>()).add(a));
        return out;
    }

    /** Whether a person's act lies on the case's element, around the case's time. */
    private static boolean covers(CaseRecord c, RecordedAct p, Instant to) {
        Instant end = c.endedAt().orElse(to);
        return c.element().id().value().equals(p.elementId())
                && !p.at().isBefore(c.openedAt().minus(ShadowMatching.WINDOW))
                && !p.at().isAfter(end.plus(ShadowMatching.WINDOW));
    }

    /** The agent's own acts carry its case id (a ticket) or a key that starts with it. */
    static boolean madeByTheAgent(RecordedAct p, Set<String> caseIds) {
        String x = p.externalId();
        int slash = x.indexOf('/');
        return caseIds.contains(slash < 0 ? x : x.substring(0, slash));
    }

    /** Each acting step the gate judged, once (its first judgement); policy denials left out. */
    static List<AgentAct> agentActs(List<AuditEvent> decisions) {
        Map<String, AgentAct> byStep = new LinkedHashMap<>();
        for (AuditEvent e : decisions) {
            if (AuditEvent.NO_CASE.equals(e.correlationId())) {
                continue;
            }
            Map<String, Object> p = e.payload();
            List<String> rules = strings(p.get("rule_ids"));
            String effect = String.valueOf(p.get("effect"));
            String verdict;
            String would;
            if (rules.contains(OBSERVE_RULE)) {
                verdict = AgentAct.OBSERVED;
                would = policyWould(strings(p.get("reasons")));
            } else if ("ALLOW".equals(effect)) {
                verdict = AgentAct.ALLOWED;
                would = "allow it";
            } else if ("REQUIRE_APPROVAL".equals(effect)) {
                verdict = AgentAct.APPROVAL;
                would = "ask " + p.getOrDefault("required_role", "a person");
            } else {
                continue; // the policy denied it: the agent would not have done it
            }
            int step = p.get("step") instanceof Number n ? n.intValue() : -1;
            String key = e.correlationId() + "#" + step;
            byStep.putIfAbsent(
                    key,
                    new AgentAct(
                            e.correlationId(),
                            e.element(),
                            String.valueOf(p.get("tool")),
                            step,
                            e.simTime(),
                            verdict,
                            would,
                            String.valueOf(p.getOrDefault("arguments", Map.of()))));
        }
        return List.copyOf(byStep.values());
    }

    /**
     * From the observe level's reason ("the policy would have allowed it", "... asked X to approve
     * it"): what the policy would do, "allow it" or "ask X".
     */
    private static String policyWould(List<String> reasons) {
        for (String r : reasons) {
            int at = r.indexOf("the policy would have ");
            if (at >= 0) {
                String rest = r.substring(at + "the policy would have ".length());
                int end = rest.indexOf(';');
                rest = end < 0 ? rest : rest.substring(0, end);
                // "asked noc_operator to approve it": the policy would ask noc_operator
                return rest.startsWith("allowed")
                        ? "allow it"
                        : rest.replaceFirst("^asked ", "ask ").replace(" to approve it", "");
            }
        }
        return "allow it";
    }

    private static List<String> strings(@Nullable Object o) {
        if (o instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    private static ShadowReport.Both both(ShadowMatching.Pair p) {
        Duration lead = p.agentLead();
        return new ShadowReport.Both(
                p.agent().tool(),
                p.agent(),
                p.people(),
                lead.isZero() ? "same" : lead.isNegative() ? "people" : "agent",
                hours(lead),
                lead.toString());
    }

    private static double hours(Duration d) {
        return Math.round(d.toMinutes() / 60.0 * 100) / 100.0;
    }

    private static ShadowReport.Outcome outcome(
            CaseRecord c,
            List<ShadowMatching.Pair> both,
            List<AgentAct> agentOnly,
            List<RecordedAct> peopleOnly) {
        String reason = c.reason();
        if (c.status() == CaseStatus.CLOSED && reason.startsWith(FAILED)) {
            Instant at = c.endedAt().orElseThrow();
            boolean people =
                    both.stream().anyMatch(p -> p.people().at().isBefore(at))
                            || peopleOnly.stream().anyMatch(p -> p.at().isBefore(at));
            boolean agent =
                    both.stream().anyMatch(p -> p.agent().at().isBefore(at))
                            || agentOnly.stream().anyMatch(a -> a.at().isBefore(at));
            return new ShadowReport.Outcome("failed", reason, at, people, agent);
        }
        if (c.trigger().timeToFailure().isZero()) {
            return new ShadowReport.Outcome(
                    "after-failure",
                    reason.isEmpty() ? "opened on the failure" : reason,
                    c.endedAt().orElse(null),
                    null,
                    null);
        }
        if (c.status() == CaseStatus.CLOSED) {
            return new ShadowReport.Outcome(
                    reason.startsWith(RECOVERED) ? "recovered" : "closed",
                    reason,
                    c.endedAt().orElse(null),
                    null,
                    null);
        }
        if (c.status().isWithPerson()) {
            return new ShadowReport.Outcome("with-person", reason, null, null, null);
        }
        boolean observing = c.steps().stream().anyMatch(s -> s.state() == StepState.OBSERVED);
        return new ShadowReport.Outcome(
                "open",
                observing
                        ? "observing: the agent follows the fault's course until the element"
                                + " fails or recovers"
                        : "the agent works it",
                null,
                null,
                null);
    }

    private static ShadowReport.Totals totals(
            List<ShadowReport.CaseComparison> cases,
            ShadowMatching.Matched m,
            int predictions,
            int decisions,
            int plans) {
        int both = m.both().size();
        int agentOnly = m.agentOnly().size();
        int peopleOnly = m.peopleOnly().size();
        int compared = both + agentOnly + peopleOnly;
        List<Duration> leads =
                m.both().stream().map(ShadowMatching.Pair::agentLead).sorted().toList();
        Double median = null;
        if (!leads.isEmpty()) {
            int n = leads.size();
            Duration mid =
                    n % 2 == 1
                            ? leads.get(n / 2)
                            : leads.get(n / 2 - 1).plus(leads.get(n / 2)).dividedBy(2);
            median = hours(mid);
        }
        int failed = 0;
        int recovered = 0;
        int peopleBefore = 0;
        int agentBefore = 0;
        for (ShadowReport.CaseComparison c : cases) {
            switch (c.outcome().kind()) {
                case "failed" -> {
                    failed++;
                    peopleBefore += Boolean.TRUE.equals(c.outcome().peopleActedBefore()) ? 1 : 0;
                    agentBefore +=
                            Boolean.TRUE.equals(c.outcome().agentWouldHaveActedBefore()) ? 1 : 0;
                }
                case "recovered" -> recovered++;
                default -> {}
            }
        }
        return new ShadowReport.Totals(
                cases.size(),
                predictions,
                plans,
                decisions,
                both + agentOnly,
                both + peopleOnly,
                both,
                agentOnly,
                peopleOnly,
                m.notCompared().size(),
                compared == 0 ? null : Math.round(both * 1000.0 / compared) / 1000.0,
                (int)
                        m.both().stream()
                                .filter(p -> !p.agentLead().isNegative() && !p.agentLead().isZero())
                                .count(),
                (int) m.both().stream().filter(p -> p.agentLead().isNegative()).count(),
                median,
                failed,
                recovered,
                peopleBefore,
                agentBefore);
    }

    /** The ledger's events of one type in the period, on the element if given, every page. */
    private List<AuditEvent> events(
            AuditEventType type, Instant from, Instant to, Optional<String> element) {
        List<AuditEvent> out = new ArrayList<>();
        long after = 0;
        while (true) {
            List<AuditEntry> page =
                    audit.query(
                            new AuditQuery(
                                    Optional.empty(),
                                    element,
                                    Optional.empty(),
                                    Optional.of(type),
                                    Optional.of(from),
                                    Optional.of(to),
                                    after,
                                    10_000));
            page.forEach(e -> out.add(e.event()));
            if (page.size() < 10_000) {
                return out;
            }
            after = page.get(page.size() - 1).sequence();
        }
    }
}
