package dev.autonoc.evals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the tests find the shared scenarios and the module's own library. */
public final class TestPaths {

    private TestPaths() {}

    /**
     * shared/scenarios: the system property {@code autonoc.shared.scenarios} if set, else the first
     * {@code shared/scenarios} found walking up from the working folder (the repo's checkout sits
     * beside {@code shared/}).
     */
    public static Optional<Path> sharedScenarios() {
        String property = System.getProperty("autonoc.shared.scenarios");
        if (property != null && !property.isBlank()) {
            return Optional.of(Path.of(property)).filter(Files::isDirectory);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("scenarios");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The module's own scenario library, {@code evals/scenarios}. */
    public static Path ownScenarios() {
        Path here = Path.of("").toAbsolutePath();
        Path inModule = here.resolve("scenarios");
        if (Files.isDirectory(inModule) && Files.exists(here.resolve("pom.xml"))) {
            return inModule;
        }
        return here.resolve("evals").resolve("scenarios");
    }
}
