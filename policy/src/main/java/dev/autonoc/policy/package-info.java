/**
 * Policy as data: a YAML file of rules with CEL conditions, evaluated by {@link
 * dev.autonoc.policy.CelPolicyGate} to ALLOW, REQUIRE_APPROVAL or DENY with the policy version, the
 * rule ids that decided and their reasons; and the guards (spend per day, act calls per element,
 * elements under work per region) that feed the rules' {@code history} variable.
 *
 * <p>The public surface is {@link dev.autonoc.policy.CelPolicyGate}, {@link
 * dev.autonoc.policy.PolicyLoadException}, {@link dev.autonoc.policy.PolicyEvaluation} and {@link
 * dev.autonoc.policy.FiredRule}; the rest is package-private. The file format is described in the
 * module's README.md.
 */
package dev.autonoc.policy;
