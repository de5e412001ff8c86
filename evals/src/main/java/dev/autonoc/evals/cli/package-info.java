/**
 * The {@code autonoc} command line (picocli): {@code eval}, {@code audit verify} and {@code model
 * train}. The module's executable jar runs {@link dev.autonoc.evals.cli.AutonocCli}.
 */
package dev.autonoc.evals.cli;
