package dev.autonoc.evals.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlannerNameTest {

    @Test
    void parses_a_comma_separated_list_in_the_order_given_without_repeats() {
        assertThat(PlannerName.parseList("oracle, playbook,oracle,none"))
                .containsExactly(PlannerName.ORACLE, PlannerName.PLAYBOOK, PlannerName.NONE);
    }

    @Test
    void refuses_unknown_names_listing_the_known_ones() {
        assertThatThrownBy(() -> PlannerName.parseList("playbook,gpt,"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "unknown planner 'gpt', ''; known: playbook, none, reactive, oracle, llm, hybrid, chaos");
    }

    @Test
    void only_the_llm_and_hybrid_planners_need_a_language_model() {
        assertThat(PlannerName.values())
                .filteredOn(PlannerName::needsModel)
                .containsExactly(PlannerName.LLM, PlannerName.HYBRID);
    }
}
