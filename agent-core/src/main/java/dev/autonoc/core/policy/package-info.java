/**
 * The policy port: the action request a gate judges (the call, its estimate, the element, the
 * prediction behind it) and the decision that comes back, ALLOW, REQUIRE_APPROVAL with the role, or
 * DENY, with rule ids and reasons. The rules themselves live in the policy module.
 */
@NullMarked
package dev.autonoc.core.policy;

import org.jspecify.annotations.NullMarked;
