/**
 * The {@code autonoc} command line (picocli): {@code eval} (with {@code eval compare} and {@code
 * eval generate}), {@code audit}, {@code model} and {@code policy}. The module's executable jar
 * runs {@link dev.autonoc.evals.cli.AutonocCli}.
 */
package dev.autonoc.evals.cli;
