/**
 * The scenario format of docs/scenarios.md: {@link dev.autonoc.evals.scenario.ScenarioLoader} reads
 * a YAML file into a checked {@link dev.autonoc.evals.scenario.Scenario}, or refuses it with a
 * {@link dev.autonoc.evals.scenario.ScenarioException} that lists every problem with its file,
 * line, key path and what is accepted. A scenario maps to the twin's {@link
 * dev.autonoc.simulators.TwinSpec} per seed.
 */
package dev.autonoc.evals.scenario;
