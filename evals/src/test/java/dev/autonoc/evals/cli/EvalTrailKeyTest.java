package dev.autonoc.evals.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.audit.CheckpointSigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval --out DIR} used to leave the private key that signed the trails in {@code
 * DIR/audit/checkpoint.key}, and {@code audit verify} trusted the public key beside the trail, so
 * whoever held the folder could re-sign an edited trail. Now only the public key is written and
 * printed, and the private key is either a file the user keeps elsewhere or never written at all.
 */
class EvalTrailKeyTest {

    private static final String QUIET =
            """
            id: quiet-hours
            description: six quiet hours
            duration: PT6H
            network: {preset: metro}
            faults: []
            expect: {max_failures: 0, max_ops_cost_gbp: 0}
            """;

    private static final Pattern PRINTED_KEY =
            Pattern.compile("trails signed by public key ([A-Za-z0-9+/=]+) ");

    @TempDir Path dir;

    private final InProcessCli cli = InProcessCli.lastRunOnly();

    private int eval(Path out, String... more) throws IOException {
        Path scenario = dir.resolve("quiet.yaml");
        Files.writeString(scenario, QUIET);
        List<String> args =
                new java.util.ArrayList<>(
                        List.of(
                                "eval",
                                "--scenarios",
                                scenario.toString(),
                                "--planner",
                                "none",
                                "--seeds",
                                "1",
                                "--no-baselines",
                                "--out",
                                out.toString()));
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void eval_writes_no_private_key_into_its_output_and_prints_the_public_one() throws IOException {
        Path out = dir.resolve("out");
        assertThat(eval(out)).as(cli.err()).isZero();

        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .doesNotContain("checkpoint.key")
                    .contains("checkpoint.pub");
        }
        Matcher m = PRINTED_KEY.matcher(cli.out());
        assertThat(m.find()).as(cli.out()).isTrue();
        String printed = m.group(1);
        Path trail = out.resolve("audit").resolve("quiet-hours__none__1.jsonl");

        // the trail (no entries: nothing ran) is sealed, and proven with the printed key
        assertThat(cli.run("audit", "verify", trail.toString(), "--public-key", printed))
                .as(cli.out() + cli.err())
                .isZero();
        assertThat(cli.out()).contains("says the file holds no entry");
        // the key beside the trail is not trusted on its own
        assertThat(cli.run("audit", "verify", trail.toString())).isEqualTo(3);
    }

    @Test
    void a_named_signing_key_kept_outside_the_output_signs_the_trails() throws IOException {
        Path keyFile = dir.resolve("keys").resolve("trails.key");
        Path out = dir.resolve("out");
        assertThat(eval(out, "--signing-key", keyFile.toString())).as(cli.err()).isZero();

        String publicKey = Files.readAllLines(keyFile).get(1);
        assertThat(cli.out()).contains("trails signed by public key " + publicKey);
        Path trail = out.resolve("audit").resolve("quiet-hours__none__1.jsonl");
        assertThat(cli.run("audit", "verify", trail.toString(), "--public-key", keyFile.toString()))
                .isZero();
        assertThat(CheckpointSigner.publicKey(publicKey)).isNotNull();
    }

    @Test
    void a_signing_key_inside_the_output_folder_is_refused() throws IOException {
        Path out = dir.resolve("out");
        int code = eval(out, "--signing-key", out.resolve("audit").resolve("k.key").toString());

        assertThat(code).isEqualTo(2);
        assertThat(cli.err())
                .contains("--signing-key")
                .contains("lies inside the trail folder")
                .contains("could re-sign an edited trail");
        assertThat(out.resolve("audit").resolve("k.key")).doesNotExist();
    }
}
