package dev.autonoc.service.connected;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.loop.LoopSettings;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.plan.PlanningRequest;
import dev.autonoc.core.planner.PlaybookPlanner;
import dev.autonoc.policy.CelPolicyGate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connected mode's warm-up at start ({@link ColdStart}): the loop's whole way through cases of a
 * throwaway network, on resources of its own that it drops at the end, on the loop connected mode
 * wires for the network's cases ({@link ConnectedLoop}), so that it warms the code those run.
 */
class ColdStartTest {

    private final RoleHierarchy roles = RoleHierarchy.operatorDefault();
    private final CelPolicyGate policy =
            CelPolicyGate.fromText("default.yaml", CelPolicyGate.defaultPolicyText(), roles);
    private final LoopWorkers workers = new LoopWorkers(3);

    @AfterEach
    void stop() {
        workers.close();
    }

    private ConnectedLoop wired(AutonomyLevels autonomy) {
        return new ConnectedLoop(autonomy, LoopSettings.defaults(), workers);
    }

    @Test
    void works_throwaway_cases_to_their_first_proposals_and_leaves_no_thread_behind() {
        ColdStart.Done done =
                ColdStart.run(
                        6, wired(AutonomyLevels.auto()), policy, new PlaybookPlanner(), roles);

        assertThat(done.cases()).isEqualTo(6);
        assertThat(done.ticks()).isEqualTo(2);
        // on the quiet metro twin under the default policy every case acts or asks a person
        assertThat(done.proposed()).isEqualTo(6);
        assertThat(done.observed()).isZero();
        assertThat(done.took()).isPositive();
        assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName)
                .noneMatch(n -> n.startsWith("autonoc-cold-start"));
    }

    @Test
    void more_cases_than_one_network_has_elements_for_are_worked_in_rounds_of_even_size() {
        ColdStart.Done one =
                ColdStart.run(
                        64, wired(AutonomyLevels.auto()), policy, new PlaybookPlanner(), roles);
        assertThat(one.cases()).as("64 asked, each round on a new network").isEqualTo(64);
        // the quiet metro twin has routers and links for 13: 13 in the first round, then the 51
        // left over four rounds, 13, 13, 13 and 12
        assertThat(one.ticks()).isEqualTo(2 * 5);
        assertThat(one.proposed()).isEqualTo(64);

        ColdStart.Done forty =
                ColdStart.run(
                        40, wired(AutonomyLevels.auto()), policy, new PlaybookPlanner(), roles);
        assertThat(forty.cases()).isEqualTo(40);
        // 13, then 27 over three rounds of 9: no round of one at the end
        assertThat(forty.ticks()).isEqualTo(2 * 4);
        assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName)
                .noneMatch(n -> n.startsWith("autonoc-cold-start"));
    }

    @Test
    void runs_the_configured_autonomy_levels_as_the_networks_loop_does() {
        // the operator lets the agent observe only: so does the warm-up, as its real cases would
        ColdStart.Done done =
                ColdStart.run(
                        4,
                        wired(new AutonomyLevels("observe", List.of())),
                        policy,
                        new PlaybookPlanner(),
                        roles);

        assertThat(done.cases()).isEqualTo(4);
        assertThat(done.proposed()).as("no act runs, no approval is asked").isZero();
        assertThat(done.observed()).isEqualTo(4);
    }

    @Test
    void decides_with_the_policy_in_force() {
        CelPolicyGate denyAll =
                CelPolicyGate.fromText(
                        "deny.yaml",
                        "apiVersion: autonoc.dev/v1\nkind: Policy\ndescription: nothing allowed\n"
                                + "rules: []\n",
                        roles);

        ColdStart.Done done =
                ColdStart.run(
                        4, wired(AutonomyLevels.auto()), denyAll, new PlaybookPlanner(), roles);

        assertThat(done.cases()).isEqualTo(4);
        assertThat(done.proposed()).as("default deny: nothing acts, nobody is asked").isZero();
    }

    @Test
    void a_planner_that_consults_a_model_is_not_asked_on_the_throwaway_network() {
        Planner model =
                new Planner() {
                    @Override
                    public String name() {
                        return "model";
                    }

                    @Override
                    public String version() {
                        return "1";
                    }

                    @Override
                    public Plan plan(PlanningRequest request) {
                        throw new AssertionError("asked on the throwaway network");
                    }
                };
        PlaybookPlanner playbook = new PlaybookPlanner();

        assertThat(ColdStart.plannerFor(playbook)).isSameAs(playbook);
        assertThat(ColdStart.plannerFor(model)).isInstanceOf(PlaybookPlanner.class);
    }

    @Test
    void nothing_is_run_when_it_is_turned_off() {
        assertThat(
                        ColdStart.run(
                                0,
                                wired(AutonomyLevels.auto()),
                                policy,
                                new PlaybookPlanner(),
                                roles))
                .isEqualTo(new ColdStart.Done(0, 0, 0, 0, Duration.ZERO));
    }
}
