package dev.autonoc.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.policy.Effect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy test runner: how it reads a test file, decides its cases and reports them. */
class PolicyTestsTest {

    private static final String HEADER =
            "apiVersion: autonoc.dev/v1\nkind: PolicyTest\npolicy: default.yaml\ncases:\n";

    private static final String POLICY =
            """
            apiVersion: autonoc.dev/v1
            kind: Policy
            rules:
              - id: small-orders
                match: {tools: [order_part]}
                condition: cost <= 10.0
                effect: ALLOW
                message: "small: ${cost}"
              - id: night-restarts
                match: {tools: [restart_element]}
                condition: time.hour < 5 && history.act_calls_element_today < 3
                effect: ALLOW
                message: night
            """;

    @TempDir Path dir;

    private PolicyTestReport run(String cases) {
        return PolicyTests.run(
                "t.tests.yaml", HEADER + cases, CelPolicyGate.fromText("p.yaml", POLICY));
    }

    private PolicyLoadException refused(String cases) {
        try {
            run(cases);
        } catch (PolicyLoadException e) {
            return e;
        }
        throw new AssertionError("the test file was accepted");
    }

    @Test
    void passes_a_case_whose_decision_matches_effect_and_rules() {
        PolicyTestReport report =
                run(
                        """
                          - name: a small order
                            tool: order_part
                            cost: 5
                            expect: {effect: ALLOW, rules: [small-orders], reasons_contain: ["small: 5"]}
                        """);
        assertThat(report.passed()).isTrue();
        assertThat(report.cases())
                .singleElement()
                .satisfies(c -> assertThat(c.line()).isEqualTo(5));
    }

    @Test
    void fails_a_case_and_says_what_differed() {
        PolicyTestReport report =
                run(
                        """
                          - name: a large order
                            tool: order_part
                            cost: 50
                            expect: {effect: ALLOW, rules: [small-orders]}
                        """);
        assertThat(report.passed()).isFalse();
        assertThat(report.failed().get(0).failures())
                .containsExactly(
                        "expected effect ALLOW, got DENY", "expected rules [small-orders], got []");
        assertThat(report.failed().get(0).decision().effect()).isEqualTo(Effect.DENY);
    }

    @Test
    void reads_the_time_as_hh_mm_on_the_first_monday_and_the_history_counters() {
        PolicyTestReport report =
                run(
                        """
                          - name: restart at 04:59 with two calls
                            tool: restart_element
                            time: "04:59"
                            history: {act_calls_element_today: 2}
                            expect: {effect: ALLOW}
                          - name: restart at 05:00
                            tool: restart_element
                            time: "2025-01-06T05:00:00Z"
                            expect: {effect: DENY, rules: []}
                          - name: restart with three calls
                            tool: restart_element
                            time: "01:00"
                            history: {act_calls_element_today: 3}
                            expect: {effect: DENY}
                        """);
        assertThat(report.failed()).isEmpty();
    }

    @Test
    void lists_the_rules_that_decided_no_case() {
        PolicyTestReport report =
                run(
                        """
                          - name: a small order
                            tool: order_part
                            expect: {effect: ALLOW}
                        """);
        assertThat(report.undecidedRules()).containsExactly("night-restarts");
    }

    @Test
    void refuses_an_unknown_key_with_its_line() {
        PolicyLoadException e =
                refused(
                        """
                          - name: a small order
                            tool: order_part
                            cots: 5
                            expect: {effect: ALLOW}
                        """);
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.reason()).contains("unknown key 'cots'", "accepted: name, tool");
    }

    @Test
    void refuses_a_read_tool_an_unknown_history_counter_and_an_approval_without_role() {
        assertThat(
                        refused(
                                        """
                                          - name: x
                                            tool: check_stock
                                            expect: {effect: ALLOW}
                                        """)
                                .reason())
                .contains("'check_stock' is not an act tool");
        assertThat(
                        refused(
                                        """
                                          - name: x
                                            tool: order_part
                                            history: {spend: 5}
                                            expect: {effect: ALLOW}
                                        """)
                                .reason())
                .contains("unknown key 'spend' in 'history'");
        assertThat(
                        refused(
                                        """
                                          - name: x
                                            tool: order_part
                                            expect: {effect: REQUIRE_APPROVAL}
                                        """)
                                .reason())
                .contains("needs the 'role'");
        assertThat(
                        refused(
                                        """
                                          - name: x
                                            tool: order_part
                                            expect: {effect: REQUIRE_APPROVAL, role: noc_boss}
                                        """)
                                .reason())
                .contains("unknown role 'noc_boss'");
    }

    @Test
    void refuses_a_time_it_cannot_read() {
        assertThat(
                        refused(
                                        """
                                          - name: x
                                            tool: order_part
                                            time: monday
                                            expect: {effect: ALLOW}
                                        """)
                                .reason())
                .contains("'time' is 'monday'; accepted: an instant");
    }

    @Test
    void finds_the_policy_beside_the_test_file_or_takes_the_one_given() throws IOException {
        Files.writeString(dir.resolve("mine.yaml"), POLICY);
        Path tests =
                Files.writeString(
                        dir.resolve("mine.tests.yaml"),
                        HEADER.replace("default.yaml", "mine.yaml")
                                + """
                                  - name: a small order
                                    tool: order_part
                                    cost: 5
                                    expect: {effect: ALLOW, rules: [small-orders]}
                                """);
        PolicyTestReport beside = PolicyTests.run(tests);
        assertThat(beside.passed()).isTrue();
        assertThat(beside.policyName()).isEqualTo("mine.yaml");

        PolicyTestReport withDefault =
                PolicyTests.run(
                        tests,
                        Optional.of(dir.resolve("mine.yaml")),
                        RoleHierarchy.operatorDefault());
        assertThat(withDefault.policyVersion()).isEqualTo(beside.policyVersion());
    }

    @Test
    void refuses_a_test_file_whose_policy_is_refused() throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), POLICY.replace("order_part", "order_prt"));
        Path tests =
                Files.writeString(
                        dir.resolve("bad.tests.yaml"),
                        HEADER.replace("default.yaml", "bad.yaml")
                                + "  - name: x\n    tool: order_part\n    expect: {effect: ALLOW}\n");
        assertThatThrownBy(() -> PolicyTests.run(tests))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageStartingWith("bad.yaml line 5: ")
                .hasMessageContaining("unknown tool 'order_prt'");
    }
}
