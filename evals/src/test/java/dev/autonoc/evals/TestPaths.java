package dev.autonoc.evals;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the module's scenario library and the format's example scenarios. */
public final class TestPaths {

    private TestPaths() {}

    /** The module's own scenario library, {@code evals/scenarios}. */
    public static Path ownScenarios() {
        Path here = Path.of("").toAbsolutePath();
        Path inModule = here.resolve("scenarios");
        if (Files.isDirectory(inModule) && Files.exists(here.resolve("pom.xml"))) {
            return inModule;
        }
        return here.resolve("evals").resolve("scenarios");
    }

    /**
     * The five example scenarios of the scenario format (docs/scenarios.md), {@code
     * evals/scenarios/examples}: part of the repository, so a test that needs them fails when they
     * are missing rather than skipping.
     */
    public static Path exampleScenarios() {
        Path examples = ownScenarios().resolve("examples");
        if (!Files.isDirectory(examples)) {
            throw new IllegalStateException(
                    "the example scenarios are not at "
                            + examples
                            + "; they are part of the repository (evals/scenarios/examples)");
        }
        return examples;
    }
}
