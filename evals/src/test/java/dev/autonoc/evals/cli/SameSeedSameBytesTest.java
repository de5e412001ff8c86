package dev.autonoc.evals.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.evals.TestPaths;
import dev.autonoc.evals.report.TruthFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An eval is reproducible to the byte (docs/design.md, "Determinism and provenance"): the same
 * scenario and seed, run twice in one process with the same signing key, write the same truth files
 * and the same audit trails, except for the wall-clock fields the design keeps apart: each entry's
 * {@code recorded_at}, and each checkpoint's {@code time} with the signature over it. Everything
 * else of a trail (events, hashes, sequence, Merkle roots, tree sizes, which lines are checkpoints)
 * must match byte for byte. A refactor that changes no behaviour keeps this so; one that lets wall
 * time, map order or a shared random source into what a run does breaks it.
 */
class SameSeedSameBytesTest {

    @TempDir Path dir;

    private final InProcessCli cli = InProcessCli.lastRunOnly();

    private Path eval(String out, Path key) {
        Path folder = dir.resolve(out);
        int code =
                cli.run(
                        "eval",
                        "--scenarios",
                        TestPaths.exampleScenarios()
                                .resolve("fan-wear-core-router.yaml")
                                .toString(),
                        "--seeds",
                        "1",
                        "--no-baselines",
                        "--signing-key",
                        key.toString(),
                        "--out",
                        folder.toString());
        // exit 0 (passed) or 1 (an expectation missed) both write every file; 2 and up do not
        assertThat(code).as(cli.err()).isLessThan(2);
        return folder;
    }

    @Test
    void two_runs_of_one_scenario_and_seed_write_byte_identical_trails_and_truth_files()
            throws IOException {
        Path key = dir.resolve("keys").resolve("trails.key");
        Path first = eval("first", key);
        Path second = eval("second", key);

        for (String folder : List.of("audit", TruthFile.FOLDER)) {
            List<Path> files = files(first.resolve(folder));
            assertThat(files).as(folder).isNotEmpty();
            assertThat(files(second.resolve(folder))).as(folder).isEqualTo(files);
            for (Path file : files) {
                String a = Files.readString(first.resolve(folder).resolve(file));
                String b = Files.readString(second.resolve(folder).resolve(file));
                if (folder.equals("audit") && file.toString().endsWith(".jsonl")) {
                    a = withoutWallClock(a);
                    b = withoutWallClock(b);
                }
                // line by line, so that a failure shows the line that differs; then every byte
                assertThat(b.lines())
                        .as(folder + "/" + file)
                        .containsExactlyElementsOf(a.lines().toList());
                assertThat(b).as(folder + "/" + file).isEqualTo(a);
            }
        }
        // the trail is a whole run, not an empty file: entries and a final checkpoint
        List<String> trail =
                Files.readAllLines(
                        first.resolve("audit").resolve("fan-wear-core-router__playbook__7.jsonl"));
        assertThat(trail).hasSizeGreaterThan(10);
        assertThat(trail.get(trail.size() - 1)).startsWith("{\"checkpoint\":{\"final\":true");
    }

    /** An entry's last keys: its wall-clock time, then its sequence (keys sort, ExportLines). */
    private static final Pattern RECORDED_AT =
            Pattern.compile(",\"recorded_at\":\"[^\"]+\",\"sequence\":(\\d+)}$", Pattern.MULTILINE);

    /** A checkpoint's signature and signing time, on a line that holds only the checkpoint. */
    private static final Pattern SIGNED_AT =
            Pattern.compile(
                    "^(\\{\"checkpoint\":\\{.*\"root_hash\":\"[0-9a-f]{64}\"),\"signature\":\"[^\"]+\",\"time\":\"[^\"]+\"",
                    Pattern.MULTILINE);

    /** The trail with its wall-clock fields (and the signatures over them) blanked. */
    static String withoutWallClock(String trail) {
        String entries =
                RECORDED_AT
                        .matcher(trail)
                        .replaceAll(",\"recorded_at\":\"(wall clock)\",\"sequence\":$1}");
        String both =
                SIGNED_AT
                        .matcher(entries)
                        .replaceAll(
                                "$1,\"signature\":\"(over the wall clock)\",\"time\":\"(wall clock)\"");
        // every line was one or the other, so nothing wall-clock is left to differ by chance
        assertThat(both.lines())
                .allMatch(l -> l.contains("\"(wall clock)\""), "an entry or a checkpoint line");
        return both;
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).map(folder::relativize).sorted().toList();
        }
    }
}
