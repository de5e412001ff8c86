package dev.autonoc.evals.report;

import java.util.Objects;

/**
 * One expectation a run did not meet.
 *
 * @param key the {@code expect} key ({@code max_failures}), {@code policy_violations}, or {@code
 *     error} when the run could not finish
 * @param expected what the scenario asked, as written to the report (a number, a list or text)
 * @param measured what the run showed
 */
public record Violation(String key, Object expected, Object measured) {

    public Violation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(measured, "measured");
    }

    /** One line for people: {@code max_failures: expected 0, measured 1}. */
    public String describe() {
        return key + ": expected " + Json.text(expected) + ", measured " + Json.text(measured);
    }
}
