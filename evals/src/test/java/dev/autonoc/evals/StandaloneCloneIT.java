package dev.autonoc.evals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The repository stands alone: cloned into an empty temporary folder, with no {@code shared/} (or
 * anything else of ours) in any folder above it, it builds and passes the simulators' TM Forum
 * conformance test, and {@code ./autonoc} builds the command line as a new user's first call would
 * and runs one eval of an example scenario.
 *
 * <p>It clones the committed {@code HEAD} of the checkout it runs in (uncommitted changes are not
 * in the clone). Maven runs offline in the clone against the same local repository, which the outer
 * build has filled. It runs in the integration-test phase (failsafe), and the builds inside the
 * clone go no further than {@code package}, so it never runs itself; {@code -DskipITs} skips it.
 */
class StandaloneCloneIT {

    /** Long enough for a cold build on a loaded 2-core machine; a hang fails rather than waits. */
    private static final Duration STEP_LIMIT = Duration.ofMinutes(10);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir Path temp;

    @Test
    void a_clean_clone_with_nothing_around_it_passes_the_conformance_test_and_runs_an_eval()
            throws Exception {
        Path checkout = checkoutRoot();
        Path clone = temp.resolve("autonoc");
        for (Path dir = temp; dir != null; dir = dir.getParent()) {
            assertThat(dir.resolve("shared"))
                    .as(
                            "the clone must have no shared/ above it; run with -Djava.io.tmpdir="
                                    + "a folder that has none")
                    .doesNotExist();
        }

        Step cloned =
                run(
                        temp,
                        "git-clone",
                        Map.of(),
                        "git",
                        "clone",
                        "--quiet",
                        "--no-hardlinks",
                        checkout.toString(),
                        clone.toString());
        assertThat(cloned.exitCode()).as(cloned.describe()).isZero();
        assertThat(clone.resolve("pom.xml")).exists();
        assertThat(clone.resolve("autonoc")).isExecutable();

        // the simulators' conformance test, against the specs the clone carries
        Step conformance =
                run(
                        clone,
                        "mvn-conformance",
                        Map.of("MAVEN_OPTS", mavenOpts() + " -Djansi.noreset=true"),
                        "mvn",
                        "-B",
                        "-o",
                        "-pl",
                        "simulators",
                        "-am",
                        "test",
                        "-Dtest=TmfConformanceTest,TmfSpecFilesTest",
                        "-Dsurefire.failIfNoSpecifiedTests=false",
                        "-Dspotless.check.skip=true",
                        "-Djacoco.skip=true",
                        "-DskipITs");
        assertThat(conformance.exitCode()).as(conformance.describe()).isZero();
        Path report =
                clone.resolve(
                        "simulators/target/surefire-reports/"
                                + "TEST-dev.autonoc.simulators.TmfConformanceTest.xml");
        assertThat(report).as(conformance.describe()).exists();
        String suite = Files.readString(report);
        assertThat(suite)
                .as("TmfConformanceTest in the clone ran, and passed everything")
                .containsPattern("tests=\"[1-9][0-9]*\"")
                .contains("failures=\"0\"")
                .contains("errors=\"0\"")
                .contains("skipped=\"0\"");

        // a new user's first call: ./autonoc builds the command line, then runs one eval
        Map<String, String> launcherEnv = Map.of("MAVEN_OPTS", mavenOpts());
        Step eval = evalExample(clone, "autonoc-eval", launcherEnv, "target/evals");
        assertThat(eval.exitCode()).as(eval.describe()).isZero();
        assertThat(eval.stderr())
                .as("the launcher built the command line first")
                .contains("autonoc: building evals");
        assertThat(eval.stderr() + eval.stdout())
                .as("no terminal escape codes from the build or the run")
                .doesNotContain("\u001b");
        JsonNode summary = JSON.readTree(clone.resolve("target/evals/report.json").toFile());
        assertThat(summary.get("summary").get("runs").asInt()).as(eval.describe()).isEqualTo(1);
        assertThat(summary.get("summary").get("passed").asInt()).as(eval.describe()).isEqualTo(1);
        assertThat(clone.resolve("target/evals/truth/fan-wear-core-router__playbook__7.json"))
                .exists();

        // a user asking for help after a command that does not exist gets the root help; without
        // --help the command is named, with the commands there are
        Step helpAfterUnknown =
                run(
                        clone,
                        "autonoc-unknown-help",
                        launcherEnv,
                        "./autonoc",
                        "frobnicate",
                        "--help");
        assertThat(helpAfterUnknown.exitCode()).as(helpAfterUnknown.describe()).isZero();
        assertThat(helpAfterUnknown.stdout())
                .as(helpAfterUnknown.describe())
                .startsWith("Usage: autonoc ")
                .contains("eval")
                .contains("audit");
        assertThat(helpAfterUnknown.stderr())
                .as(helpAfterUnknown.describe())
                .doesNotContain("frobnicate")
                .doesNotContain("\u001b");
        Step unknown = run(clone, "autonoc-unknown", launcherEnv, "./autonoc", "frobnicate");
        assertThat(unknown.exitCode()).as(unknown.describe()).isEqualTo(2);
        assertThat(unknown.stdout()).as(unknown.describe()).isEmpty();
        assertThat(unknown.stderr())
                .contains("autonoc: unknown command 'frobnicate'; accepted: eval, audit");

        // on a Java of release 25 or later (.ci/run names one when the machine has it), the same
        // eval runs from the ahead-of-time cache the launcher records for that Java, and says
        // nothing about the sun.misc.Unsafe that Tribuo's protobuf uses
        String newerJava = System.getenv().getOrDefault("AUTONOC_IT_NEWER_JAVA_HOME", "");
        if (newerJava.isBlank()) {
            System.out.println(
                    "StandaloneCloneIT: no Java of release 25 or later named in"
                            + " AUTONOC_IT_NEWER_JAVA_HOME; the launcher ran on one Java only");
            return;
        }
        Map<String, String> newerEnv = Map.of("MAVEN_OPTS", mavenOpts(), "JAVA_HOME", newerJava);
        Step onNewer =
                evalExample(clone, "autonoc-eval-newer-java", newerEnv, "target/evals-newer");
        assertThat(onNewer.exitCode()).as(onNewer.describe()).isZero();
        assertThat(onNewer.stderr())
                .as("the launcher recorded an archive for the second Java, not the first's")
                .contains("autonoc: recording the CLI's archive for this Java")
                .doesNotContain("autonoc: building")
                .doesNotContain("autonoc: unpacking");
        assertThat(onNewer.stderr() + onNewer.stdout())
                .as(onNewer.describe())
                .doesNotContain("WARNING");
        try (var files = Files.list(clone.resolve("evals/target/cli"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("one archive per Java: the first's class data sharing, the second's cache")
                    .anyMatch(name -> name.matches("cli-\\d+\\.jsa"))
                    .anyMatch(name -> name.matches("cli-\\d+\\.aot"));
        }
        JsonNode newer = JSON.readTree(clone.resolve("target/evals-newer/report.json").toFile());
        assertThat(newer.get("summary").get("passed").asInt()).as(onNewer.describe()).isEqualTo(1);
    }

    /** {@code ./autonoc eval} of the fan-wear example, one seed, its report under {@code out}. */
    private Step evalExample(Path clone, String name, Map<String, String> env, String out)
            throws IOException, InterruptedException {
        return run(
                clone,
                name,
                env,
                "./autonoc",
                "eval",
                "--scenarios",
                "evals/scenarios/examples/fan-wear-core-router.yaml",
                "--seeds",
                "1",
                "--no-baselines",
                "--out",
                out);
    }

    /** The checkout this build runs in: the parent of this module, when it is a git checkout. */
    private static Path checkoutRoot() {
        Path module = Path.of("").toAbsolutePath();
        Path root = module.getParent();
        assertThat(root.resolve("pom.xml"))
                .as("the tests run in the evals module's folder, under the repository root")
                .exists();
        assumeThat(root.resolve(".git"))
                .as("%s is not a git checkout (a source copy has nothing to clone)", root)
                .exists();
        return root;
    }

    /**
     * The outer build's MAVEN_OPTS, plus its local repository when it was not the default: the
     * builds in the clone run offline and must find what the outer build resolved.
     */
    private static String mavenOpts() {
        String opts = System.getenv().getOrDefault("MAVEN_OPTS", "");
        String repository = System.getProperty("autonoc.it.localRepository", "");
        if (!repository.isBlank()) {
            opts += " -Dmaven.repo.local=" + repository;
        }
        return opts.strip();
    }

    /** One command's outcome, its output read back from the files it went to. */
    record Step(
            String name,
            List<String> command,
            int exitCode,
            Duration took,
            String stdout,
            String stderr) {

        String describe() {
            return name
                    + ": "
                    + String.join(" ", command)
                    + " exited "
                    + exitCode
                    + " after "
                    + took.toSeconds()
                    + " s\n--- stdout (last 4000 chars)\n"
                    + tail(stdout)
                    + "\n--- stderr (last 4000 chars)\n"
                    + tail(stderr);
        }

        private static String tail(String text) {
            return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
        }
    }

    private Step run(Path dir, String name, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        Path out = temp.resolve(name + ".out");
        Path err = temp.resolve(name + ".err");
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
        // The outer Maven exports its project folder and command line: the commands in the clone
        // get a user's environment, without them.
        builder.environment().remove("MAVEN_PROJECTBASEDIR");
        builder.environment().remove("MAVEN_BASEDIR");
        builder.environment().remove("MAVEN_CMD_LINE_ARGS");
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(STEP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw new AssertionError(
                    name + ": " + String.join(" ", command) + " still running after " + STEP_LIMIT);
        }
        Step step =
                new Step(
                        name,
                        List.of(command),
                        process.exitValue(),
                        Duration.ofNanos(System.nanoTime() - start),
                        Files.readString(out),
                        Files.readString(err));
        // one line per step in the failsafe report, for the timings in docs/benchmarks.md
        System.out.println(
                "StandaloneCloneIT "
                        + name
                        + ": exit "
                        + step.exitCode()
                        + " in "
                        + step.took().toMillis() / 1000.0
                        + " s");
        return step;
    }
}
