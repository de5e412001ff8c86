/**
 * The scenario format of docs/scenarios.md: {@link dev.autonoc.evals.scenario.ScenarioLoader} reads
 * a YAML file into a checked {@link dev.autonoc.evals.scenario.Scenario}, or refuses it with a
 * {@link dev.autonoc.evals.scenario.ScenarioException} that lists every problem with its file,
 * line, key path and what is accepted. A scenario maps to the twin's {@link
 * dev.autonoc.simulators.TwinSpec} per seed.
 *
 * <p>Inside, {@code ScenarioParser} reads the document and its top-level keys and hands each
 * section to its reader ({@code NetworkSections}, {@code FaultSection}, {@code DisturbanceSection},
 * {@code ExpectationSections}); all of them check values through one {@code CheckedReads} per file,
 * which holds the shared reads and their messages and collects the problems.
 */
package dev.autonoc.evals.scenario;
