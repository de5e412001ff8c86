/**
 * {@code autonoc eval generate}: scenario files drawn from a documented distribution ({@link
 * dev.autonoc.evals.generate.ScenarioDrawer}), written as YAML in the scenario format ({@link
 * dev.autonoc.evals.generate.ScenarioYaml}) with an {@code expect} block derived from what the
 * oracle baseline achieves on each ({@link dev.autonoc.evals.generate.OracleExpectations}), so that
 * a generated scenario never asks for the impossible; {@link
 * dev.autonoc.evals.generate.SuiteGenerator} puts the three together.
 */
package dev.autonoc.evals.generate;
