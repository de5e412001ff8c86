package dev.autonoc.service.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.tools.oss.RecordedAct;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * How the agent's acts are set beside people's: per element and kind of act, within the window,
 * each act once, as many pairs as the acts allow, whatever order they come in.
 */
class ShadowMatchingTest {

    static final Instant T0 = Instant.parse("2025-01-06T00:00:00Z");
    static final List<String> TOOLS =
            List.of(
                    ToolNames.OPEN_TICKET,
                    ToolNames.ORDER_PART,
                    ToolNames.DISPATCH_ENGINEER,
                    ToolNames.RESTART_ELEMENT,
                    ToolNames.NOTIFY_CUSTOMERS);

    static AgentAct agent(String element, String tool, Instant at, int step) {
        return new AgentAct("case-1", element, tool, step, at, AgentAct.OBSERVED, "allow it", "{}");
    }

    static RecordedAct people(String element, String tool, Instant at, int n) {
        return new RecordedAct("TMF621", tool, "id-" + n, "staff-" + n, element, at, "open", "");
    }

    @Provide
    Arbitrary<List<AgentAct>> agentActs() {
        return agentAct().list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<RecordedAct>> peopleActs() {
        return peopleAct().list().ofMaxSize(12);
    }

    Arbitrary<AgentAct> agentAct() {
        return Combinators.combine(
                        Arbitraries.of("link-1", "rtr-2"),
                        Arbitraries.of(TOOLS),
                        Arbitraries.longs().between(0, 10 * 24 * 60),
                        Arbitraries.integers().between(0, 1000))
                .as((e, t, m, s) -> agent(e, t, T0.plus(Duration.ofMinutes(m)), s));
    }

    Arbitrary<RecordedAct> peopleAct() {
        return Combinators.combine(
                        Arbitraries.of("link-1", "rtr-2"),
                        Arbitraries.of(TOOLS.subList(0, 4)),
                        Arbitraries.longs().between(0, 10 * 24 * 60),
                        Arbitraries.integers().between(0, 100_000))
                .as((e, t, m, n) -> people(e, t, T0.plus(Duration.ofMinutes(m)), n));
    }

    @Property
    void every_act_is_in_exactly_one_place(
            @ForAll("agentActs") List<AgentAct> agent,
            @ForAll("peopleActs") List<RecordedAct> people) {
        ShadowMatching.Matched m = ShadowMatching.match(agent, people);

        List<AgentAct> agentOut = new ArrayList<>(m.agentOnly());
        agentOut.addAll(m.notCompared());
        m.both().forEach(p -> agentOut.add(p.agent()));
        assertThat(agentOut).containsExactlyInAnyOrderElementsOf(agent);
        List<RecordedAct> peopleOut = new ArrayList<>(m.peopleOnly());
        m.both().forEach(p -> peopleOut.add(p.people()));
        assertThat(peopleOut).containsExactlyInAnyOrderElementsOf(people);
    }

    @Property
    void a_pair_is_one_element_and_kind_within_the_window_and_says_who_was_earlier(
            @ForAll("agentActs") List<AgentAct> agent,
            @ForAll("peopleActs") List<RecordedAct> people) {
        for (ShadowMatching.Pair p : ShadowMatching.match(agent, people).both()) {
            assertThat(p.people().elementId()).isEqualTo(p.agent().element());
            assertThat(p.people().tool()).isEqualTo(p.agent().tool());
            assertThat(p.agentLead()).isEqualTo(Duration.between(p.agent().at(), p.people().at()));
            assertThat(p.agentLead().abs()).isLessThanOrEqualTo(ShadowMatching.WINDOW);
        }
    }

    @Property
    void nothing_left_over_on_both_sides_could_have_been_a_pair(
            @ForAll("agentActs") List<AgentAct> agent,
            @ForAll("peopleActs") List<RecordedAct> people) {
        ShadowMatching.Matched m = ShadowMatching.match(agent, people);
        for (AgentAct a : m.agentOnly()) {
            for (RecordedAct p : m.peopleOnly()) {
                boolean sameGroup = a.element().equals(p.elementId()) && a.tool().equals(p.tool());
                assertThat(
                                sameGroup
                                        && Duration.between(a.at(), p.at())
                                                        .abs()
                                                        .compareTo(ShadowMatching.WINDOW)
                                                <= 0)
                        .as("%s left apart from %s", a, p)
                        .isFalse();
            }
        }
    }

    @Property
    void the_order_acts_come_in_changes_no_count(
            @ForAll("agentActs") List<AgentAct> agent,
            @ForAll("peopleActs") List<RecordedAct> people,
            @ForAll long seed) {
        ShadowMatching.Matched m = ShadowMatching.match(agent, people);
        List<AgentAct> a = new ArrayList<>(agent);
        List<RecordedAct> p = new ArrayList<>(people);
        Collections.shuffle(a, new Random(seed));
        Collections.shuffle(p, new Random(seed + 1));
        ShadowMatching.Matched shuffled = ShadowMatching.match(a, p);
        assertThat(shuffled.both()).hasSameSizeAs(m.both());
        assertThat(shuffled.agentOnly()).hasSameSizeAs(m.agentOnly());
        assertThat(shuffled.peopleOnly()).hasSameSizeAs(m.peopleOnly());
    }

    @Test
    void an_order_people_placed_a_day_after_the_agent_would_have_is_both_with_the_agent_earlier() {
        AgentAct order = agent("link-1", ToolNames.ORDER_PART, T0, 1);
        RecordedAct theirs = people("link-1", ToolNames.ORDER_PART, T0.plus(Duration.ofDays(1)), 1);

        ShadowMatching.Matched m = ShadowMatching.match(List.of(order), List.of(theirs));

        assertThat(m.both())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.agentLead()).isEqualTo(Duration.ofDays(1));
                            assertThat(p.agent()).isEqualTo(order);
                        });
    }

    @Test
    void acts_on_other_elements_of_other_kinds_or_too_far_apart_are_each_alone() {
        List<AgentAct> agent =
                List.of(
                        agent("link-1", ToolNames.ORDER_PART, T0, 1),
                        agent("link-1", ToolNames.DISPATCH_ENGINEER, T0, 2),
                        agent("link-1", ToolNames.NOTIFY_CUSTOMERS, T0, 3));
        List<RecordedAct> people =
                List.of(
                        people("rtr-2", ToolNames.ORDER_PART, T0, 1),
                        people("link-1", ToolNames.OPEN_TICKET, T0, 2),
                        people(
                                "link-1",
                                ToolNames.DISPATCH_ENGINEER,
                                T0.plus(Duration.ofDays(4)),
                                3));

        ShadowMatching.Matched m = ShadowMatching.match(agent, people);

        assertThat(m.both()).isEmpty();
        assertThat(m.agentOnly()).hasSize(2);
        assertThat(m.peopleOnly()).hasSize(3);
        assertThat(m.notCompared())
                .extracting(AgentAct::tool)
                .containsExactly(ToolNames.NOTIFY_CUSTOMERS);
    }

    @Test
    void people_earlier_than_the_agent_is_a_negative_lead() {
        ShadowMatching.Matched m =
                ShadowMatching.match(
                        List.of(
                                agent(
                                        "link-1",
                                        ToolNames.OPEN_TICKET,
                                        T0.plus(Duration.ofHours(5)),
                                        0)),
                        List.of(people("link-1", ToolNames.OPEN_TICKET, T0, 1)));
        assertThat(m.both())
                .singleElement()
                .satisfies(p -> assertThat(p.agentLead()).isEqualTo(Duration.ofHours(-5)));
    }
}
