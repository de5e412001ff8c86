package dev.autonoc.policy;

import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Effect;
import java.util.List;
import java.util.Optional;

/**
 * One case of a policy test file: a request, the guards' counters it is decided under, and what the
 * decision must be.
 *
 * @param name the case's name, a sentence
 * @param line where the case starts in its file
 * @param request the action and its context
 * @param history the guards' counters
 * @param effect the expected effect
 * @param role the expected approver's role, with REQUIRE_APPROVAL
 * @param rules the expected ids of the deciding rules, in policy order; empty when not checked
 * @param reasonsContain texts the decision's reasons must contain, together
 */
record PolicyTestCase(
        String name,
        int line,
        ActionRequest request,
        History history,
        Effect effect,
        Optional<String> role,
        Optional<List<String>> rules,
        List<String> reasonsContain) {}
