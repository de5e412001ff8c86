package dev.autonoc.evals.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.policy.CelPolicyGate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code autonoc policy test [FILES]}: runs policy test files and exits by what they gave. */
class PolicyTestCommandTest {

    @TempDir Path dir;

    private final InProcessCli cli = InProcessCli.accumulating();

    private static final String TESTS =
            """
            apiVersion: autonoc.dev/v1
            kind: PolicyTest
            policy: mine.yaml
            cases:
              - name: a small order is allowed
                tool: order_part
                cost: 900
                expect: {effect: ALLOW, rules: [order-part-allow-small]}
              - name: an order of 1000 GBP is allowed
                tool: order_part
                cost: 1000
                expect: {effect: ALLOW, rules: [order-part-allow-small]}
            """;

    private Path files(String policy) throws IOException {
        Files.writeString(dir.resolve("mine.yaml"), policy);
        return Files.writeString(dir.resolve("mine.tests.yaml"), TESTS);
    }

    @Test
    void runs_the_default_policys_shipped_tests_when_given_no_file() {
        int code = cli.run("policy", "test");
        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.out())
                .contains("PASS default.tests.yaml")
                .contains(CelPolicyGate.defaultPolicy().version())
                .contains("0 failed");
    }

    @Test
    void exits_0_when_every_case_of_a_file_passes() throws IOException {
        Path tests = files(CelPolicyGate.defaultPolicyText());
        assertThat(cli.run("policy", "test", tests.toString())).isZero();
        assertThat(cli.out()).contains("PASS mine.tests.yaml: 2 case(s), 0 failed");
    }

    @Test
    void exits_1_and_names_the_failed_case_with_its_line_and_the_difference() throws IOException {
        Path tests =
                files(
                        CelPolicyGate.defaultPolicyText()
                                .replace("condition: cost <= 1000.0", "condition: cost <= 950.0"));
        assertThat(cli.run("policy", "test", tests.toString())).isEqualTo(AutonocCli.FAILED);
        assertThat(cli.out())
                .contains("FAIL mine.tests.yaml: 2 case(s), 1 failed")
                .contains("FAIL line 9: an order of 1000 GBP is allowed -> DENY []")
                .contains("expected effect ALLOW, got DENY")
                .contains("rules that decided no case (untested): ")
                .contains("1 passed, 1 failed");
    }

    @Test
    void decides_with_the_policy_given_instead_of_the_one_the_file_names() throws IOException {
        Path tests = files(CelPolicyGate.defaultPolicyText());
        Path stricter =
                Files.writeString(
                        dir.resolve("stricter.yaml"),
                        CelPolicyGate.defaultPolicyText()
                                .replace("condition: cost <= 1000.0", "condition: cost <= 500.0"));
        assertThat(cli.run("policy", "test", "--policy", stricter.toString(), tests.toString()))
                .isEqualTo(AutonocCli.FAILED);
        assertThat(cli.out()).contains("against stricter.yaml").contains("2 failed");
    }

    @Test
    void exits_2_with_file_line_and_reason_when_the_policy_is_refused() throws IOException {
        Path tests =
                files(CelPolicyGate.defaultPolicyText().replace("[order_part]", "[order_prt]"));
        assertThat(cli.run("policy", "test", tests.toString())).isEqualTo(AutonocCli.BAD_INPUT);
        assertThat(cli.err())
                .contains("autonoc policy test: refused: mine.yaml line ")
                .contains("unknown tool 'order_prt'");
    }

    @Test
    void exits_2_when_a_file_does_not_exist() {
        assertThat(cli.run("policy", "test", dir.resolve("nope.tests.yaml").toString()))
                .isEqualTo(AutonocCli.BAD_INPUT);
        assertThat(cli.err()).contains("no such file");
    }
}
