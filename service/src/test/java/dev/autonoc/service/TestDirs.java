package dev.autonoc.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Folders for the tests' files (databases, keys, browser profiles, child processes' data) under the
 * module's build folder, {@code target/test-files}: kept after a run for a look at what a failed
 * test left, removed by {@code mvn clean}, and never piling up in the machine's temporary folder (a
 * service test run used to leave about 40 MB there).
 */
public final class TestDirs {

    private static final Path ROOT = Path.of("target", "test-files").toAbsolutePath();

    private TestDirs() {}

    /** A new, empty folder whose name starts with {@code prefix}; an absolute path. */
    public static Path fresh(String prefix) {
        try {
            Files.createDirectories(ROOT);
            return Files.createTempDirectory(ROOT, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a test folder under " + ROOT, e);
        }
    }
}
