package dev.autonoc.evals.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.evals.TestPaths;
import dev.autonoc.evals.report.TruthFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the shared example scenarios do, pinned: the SHA-256 of every audit trail (wall-clock fields
 * blanked, as {@link SameSeedSameBytesTest} blanks them) and every truth file of one seed with the
 * playbook and both baselines, against the digests recorded in {@value #FILE}. A refactor must
 * leave them as they are; a change of behaviour shows here first, by file, and is recorded on
 * purpose with {@code -Dautonoc.golden.write=true} (then the diff of {@value #FILE} is part of the
 * change's review).
 */
class RecordedTrailsTest {

    static final String FILE = "recorded-trails.sha256";

    @TempDir Path dir;

    @Test
    void the_example_scenarios_write_the_trails_and_truth_files_recorded_for_them()
            throws IOException {
        Path out = dir.resolve("run");
        InProcessCli cli = InProcessCli.lastRunOnly();
        int code =
                cli.run(
                        "eval",
                        "--scenarios",
                        TestPaths.exampleScenarios().toString(),
                        "--seeds",
                        "1",
                        "--threads",
                        "1",
                        "--signing-key",
                        dir.resolve("trails.key").toString(),
                        "--out",
                        out.toString());
        assertThat(code).as(cli.err()).isZero();
        Map<String, String> now = digests(out);
        assertThat(now).as("trails and truth files written").hasSizeGreaterThanOrEqualTo(15);

        Path source = Path.of("src/test/resources", FILE);
        if (Boolean.getBoolean("autonoc.golden.write")) {
            StringBuilder text = new StringBuilder();
            now.forEach((file, sha) -> text.append(sha).append("  ").append(file).append('\n'));
            Files.writeString(source, text);
        }
        Map<String, String> recorded = new TreeMap<>();
        String text;
        if (Boolean.getBoolean("autonoc.golden.write")) {
            text = Files.readString(source);
        } else {
            try (InputStream in = getClass().getResourceAsStream("/" + FILE)) {
                assertThat(in).as(FILE + " on the test class path").isNotNull();
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        text.lines().map(l -> l.split("  ", 2)).forEach(parts -> recorded.put(parts[1], parts[0]));
        assertThat(now)
                .as(
                        "the examples' trails or truth files changed; if on purpose, record them"
                                + " with mvn -pl evals -am test -Dtest=RecordedTrailsTest"
                                + " -Dautonoc.golden.write=true -Dsurefire.failIfNoSpecifiedTests=false")
                .containsExactlyEntriesOf(recorded);
    }

    /** Each file's SHA-256, by its path under the run's folder, sorted. */
    private static Map<String, String> digests(Path out) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        for (String folder : List.of("audit", TruthFile.FOLDER)) {
            try (Stream<Path> walk = Files.walk(out.resolve(folder))) {
                // the trails and truth files; not the run's public key, which is made per run
                for (Path file :
                        walk.filter(Files::isRegularFile)
                                .filter(
                                        f ->
                                                f.toString().endsWith(".json")
                                                        || f.toString().endsWith(".jsonl"))
                                .sorted()
                                .toList()) {
                    String text = Files.readString(file);
                    if (file.toString().endsWith(".jsonl")) {
                        text = SameSeedSameBytesTest.withoutWallClock(text);
                    }
                    digests.put(folder + "/" + file.getFileName(), LlmEvalCliTest.sha256(text));
                }
            }
        }
        return digests;
    }
}
