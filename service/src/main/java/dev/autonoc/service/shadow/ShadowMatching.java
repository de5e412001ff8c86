package dev.autonoc.service.shadow;

import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.tools.oss.RecordedAct;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Sets the agent's acts beside people's, per element and kind of act (the tool): in each group,
 * taken in time order, an agent's act is paired with the earliest of people's acts not yet paired
 * that lies within {@code window} of it, before or after. What is left over is the agent's alone or
 * people's alone. Acts of kinds the operator's systems are not read for (a ticket's notes or close,
 * a customer notice, a credit, an undo) are not compared.
 */
public final class ShadowMatching {

    /** The kinds of act the operator's records show (OperatorRecords: tickets, orders, ...). */
    public static final Set<String> COMPARED =
            Set.of(
                    ToolNames.OPEN_TICKET,
                    ToolNames.ORDER_PART,
                    ToolNames.DISPATCH_ENGINEER,
                    ToolNames.REROUTE_TRAFFIC,
                    ToolNames.RESTORE_TRAFFIC,
                    ToolNames.RESTART_ELEMENT);

    /** How far apart an agent's act and a person's of the same kind may be to be the same act. */
    public static final Duration WINDOW = Duration.ofDays(3);

    private ShadowMatching() {}

    /**
     * An act both did: the agent's, and the person's.
     *
     * @param agentLead how much earlier the agent acted (negative: people were earlier)
     */
    public record Pair(AgentAct agent, RecordedAct people, Duration agentLead) {
        public Pair {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(people, "people");
            Objects.requireNonNull(agentLead, "agentLead");
        }
    }

    /**
     * The acts set side by side: each of the inputs is in exactly one of the lists (the pairs hold
     * one of each).
     */
    public record Matched(
            List<Pair> both,
            List<AgentAct> agentOnly,
            List<RecordedAct> peopleOnly,
            List<AgentAct> notCompared) {
        public Matched {
            both = List.copyOf(both);
            agentOnly = List.copyOf(agentOnly);
            peopleOnly = List.copyOf(peopleOnly);
            notCompared = List.copyOf(notCompared);
        }
    }

    /** Matches within {@link #WINDOW}. */
    public static Matched match(List<AgentAct> agent, List<RecordedAct> people) {
        return match(agent, people, WINDOW);
    }

    public static Matched match(List<AgentAct> agent, List<RecordedAct> people, Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("window must not be negative, got " + window);
        }
        Map<String, List<AgentAct>> agentByGroup = new LinkedHashMap<>();
        List<AgentAct> notCompared = new ArrayList<>();
        for (AgentAct a : agent) {
            if (COMPARED.contains(a.tool())) {
                agentByGroup
                        .computeIfAbsent(group(a.element(), a.tool()), g -> new ArrayList<>())
                        .add(a);
            } else {
                notCompared.add(a);
            }
        }
        Map<String, List<RecordedAct>> peopleByGroup = new LinkedHashMap<>();
        for (RecordedAct p : people) {
            peopleByGroup
                    .computeIfAbsent(group(p.elementId(), p.tool()), g -> new ArrayList<>())
                    .add(p);
        }
        List<Pair> both = new ArrayList<>();
        List<AgentAct> agentOnly = new ArrayList<>();
        for (Map.Entry<String, List<AgentAct>> g : agentByGroup.entrySet()) {
            List<AgentAct> mine =
                    g.getValue().stream().sorted(Comparator.comparing(AgentAct::at)).toList();
            List<RecordedAct> theirs =
                    new ArrayList<>(
                            peopleByGroup.getOrDefault(g.getKey(), List.of()).stream()
                                    .sorted(Comparator.comparing(RecordedAct::at))
                                    .toList());
            for (AgentAct a : mine) {
                RecordedAct found = null;
                for (RecordedAct p : theirs) {
                    if (Duration.between(a.at(), p.at()).abs().compareTo(window) <= 0) {
                        found = p;
                        break;
                    }
                }
                if (found == null) {
                    agentOnly.add(a);
                } else {
                    theirs.remove(found);
                    both.add(new Pair(a, found, Duration.between(a.at(), found.at())));
                }
            }
            peopleByGroup.put(g.getKey(), theirs);
        }
        List<RecordedAct> peopleOnly = new ArrayList<>();
        peopleByGroup.values().forEach(peopleOnly::addAll);
        peopleOnly.sort(Comparator.comparing(RecordedAct::at).thenComparing(RecordedAct::id));
        agentOnly.sort(Comparator.comparing(AgentAct::at));
        both.sort(Comparator.comparing(p -> p.agent().at()));
        return new Matched(both, agentOnly, peopleOnly, notCompared);
    }

    private static String group(String element, String tool) {
        return element + "\u0000" + tool;
    }
}
