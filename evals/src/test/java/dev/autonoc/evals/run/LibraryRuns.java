package dev.autonoc.evals.run;

import dev.autonoc.evals.TestPaths;
import dev.autonoc.evals.report.EvalReport;
import dev.autonoc.evals.report.RunReport;
import dev.autonoc.evals.scenario.Scenario;
import dev.autonoc.evals.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One library scenario run by the playbook at its first seed, its ledger written to a folder. */
record LibraryRuns(Scenario scenario, RunReport run, Path dir) {

    static LibraryRuns playbook(String id, Path dir) {
        Scenario scenario = ScenarioLoader.load(TestPaths.ownScenarios().resolve(id + ".yaml"));
        EvalReport report =
                new EvalRunner(
                                new EvalRunner.Options(
                                        List.of(PlannerName.PLAYBOOK),
                                        1,
                                        1,
                                        false,
                                        Optional.of(dir)))
                        .run(List.of(scenario));
        return new LibraryRuns(scenario, report.runs().get(0), dir);
    }

    /** The run's ledger, one JSON event a line. */
    List<String> trail() throws IOException {
        return Files.readAllLines(
                dir.resolve(scenario.id() + "__playbook__" + scenario.seed(0) + ".jsonl"));
    }
}
