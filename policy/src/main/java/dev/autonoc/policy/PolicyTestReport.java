package dev.autonoc.policy;

import dev.autonoc.core.policy.Decision;
import java.util.List;
import java.util.Objects;

/**
 * What running one policy test file gave.
 *
 * @param file the test file's name
 * @param policyName the name of the policy the cases were decided with
 * @param policyVersion its content hash
 * @param cases every case, in file order
 * @param undecidedRules the policy's rules that decided no case: a rule no test reaches
 */
public record PolicyTestReport(
        String file,
        String policyName,
        String policyVersion,
        List<CaseResult> cases,
        List<String> undecidedRules) {

    public PolicyTestReport {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(policyVersion, "policyVersion");
        cases = List.copyOf(cases);
        undecidedRules = List.copyOf(undecidedRules);
    }

    /**
     * One case's outcome.
     *
     * @param name the case's name
     * @param line where the case starts in the test file
     * @param decision what the policy decided
     * @param failures what differed from the expectation, in words; empty when the case passed
     */
    public record CaseResult(String name, int line, Decision decision, List<String> failures) {

        public CaseResult {
            failures = List.copyOf(failures);
        }

        public boolean passed() {
            return failures.isEmpty();
        }
    }

    /** Whether every case passed. */
    public boolean passed() {
        return cases.stream().allMatch(CaseResult::passed);
    }

    public List<CaseResult> failed() {
        return cases.stream().filter(c -> !c.passed()).toList();
    }
}
