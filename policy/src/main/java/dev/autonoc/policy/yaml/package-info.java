/**
 * YAML read with its marks: SnakeYAML Engine composes one document, and {@link
 * dev.autonoc.policy.yaml.MarkedYaml} turns the engine's errors into a line to name and a reason
 * that gives line and column, and its scalars into the values of YAML 1.2's JSON schema. The policy
 * loader uses it, and so does the evals module's scenario reader (evals may import policy;
 * docs/design.md), so that the two file formats that people write by hand fail the same way. Each
 * reader keeps its own node tree, whose words ("a map", "a mapping") belong to its error messages.
 */
package dev.autonoc.policy.yaml;
