/**
 * Policy as data: a YAML file of rules with CEL conditions, evaluated by {@link
 * dev.autonoc.policy.CelPolicyGate} to ALLOW, REQUIRE_APPROVAL or DENY with the policy version, the
 * rule ids that decided and their reasons; the guards (spend per day, act calls per element,
 * elements under work per region) that feed the rules' {@code history} variable; the versions of a
 * policy and its reload ({@link dev.autonoc.policy.PolicyStore}); and policy tests ({@link
 * dev.autonoc.policy.PolicyTests}).
 *
 * <p>The public surface is {@link dev.autonoc.policy.CelPolicyGate}, {@link
 * dev.autonoc.policy.PolicyStore}, {@link dev.autonoc.policy.PolicyTests}, {@link
 * dev.autonoc.policy.PolicyTestReport}, {@link dev.autonoc.policy.PolicyLoadException}, {@link
 * dev.autonoc.policy.PolicyEvaluation} and {@link dev.autonoc.policy.FiredRule}; the rest is
 * package-private. The file formats are described in the module's README.md.
 */
package dev.autonoc.policy;
