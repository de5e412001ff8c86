package dev.autonoc.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The build runs every policy test file shipped with the module. */
class ShippedPolicyTestsTest {

    private static final Path SHIPPED_DIR = Path.of("src/main/resources/policies");

    @Test
    void every_case_of_every_shipped_test_file_passes() {
        List<PolicyTestReport> reports = PolicyTests.runShipped();
        assertThat(reports).hasSize(PolicyTests.SHIPPED.size());
        for (PolicyTestReport report : reports) {
            assertThat(report.failed()).as(report.file() + ": failed cases").isEmpty();
            assertThat(report.cases()).as(report.file()).isNotEmpty();
        }
    }

    @Test
    void every_rule_of_the_default_policy_decides_at_least_one_case() {
        PolicyTestReport report = PolicyTests.runShipped().get(0);
        assertThat(report.policyVersion()).isEqualTo(CelPolicyGate.defaultPolicy().version());
        assertThat(report.undecidedRules()).as("rules no test case reaches").isEmpty();
    }

    @Test
    void the_shipped_list_names_every_test_file_in_the_policies_folder() throws IOException {
        try (Stream<Path> files = Files.list(SHIPPED_DIR)) {
            List<String> onDisk =
                    files.map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".tests.yaml"))
                            .sorted()
                            .toList();
            assertThat(onDisk).containsExactlyInAnyOrderElementsOf(PolicyTests.SHIPPED);
        }
    }

    @Test
    void every_shipped_policy_has_a_test_file() throws IOException {
        try (Stream<Path> files = Files.list(SHIPPED_DIR)) {
            List<String> policies =
                    files.map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".yaml") && !n.endsWith(".tests.yaml"))
                            .toList();
            assertThat(policies).isNotEmpty();
            for (String policy : policies) {
                assertThat(PolicyTests.SHIPPED)
                        .as("tests of " + policy)
                        .contains(policy.replace(".yaml", ".tests.yaml"));
            }
        }
    }
}
