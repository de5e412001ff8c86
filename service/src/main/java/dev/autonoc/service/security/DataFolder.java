package dev.autonoc.service.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * The data folder ({@code autonoc.data-dir}) holds the ledger, the service's state and the
 * checkpoint key: only the service's own user may read it. Before any bean opens the database the
 * folder is made (or narrowed) to {@code rwx------}; once the service is up, the files in it are
 * narrowed to {@code rw-------} (H2 makes them with the process's umask, 644 by default).
 */
final class DataFolder implements BeanFactoryPostProcessor, EnvironmentAware {

    private static final Logger log = LoggerFactory.getLogger(DataFolder.class);

    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        of(environment).ifPresent(DataFolder::narrowFolder);
    }

    /** The data folder, when the service keeps its database there (the embedded H2 file). */
    static java.util.Optional<Path> of(Environment env) {
        String dir = env.getProperty("autonoc.data-dir");
        String url = env.getProperty("spring.datasource.url", "");
        if (dir == null || dir.isBlank() || !url.startsWith("jdbc:h2:file:")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Path.of(dir).toAbsolutePath().normalize());
    }

    static void narrowFolder(Path dir) {
        try {
            if (!Files.exists(dir)) {
                Files.createDirectories(dir);
            }
            if (!Files.getPosixFilePermissions(dir).equals(FOLDER)) {
                log.info(
                        "narrowing {} to {} (the ledger and the checkpoint key are in it)",
                        dir,
                        "rwx------");
                Files.setPosixFilePermissions(dir, FOLDER);
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own access rules apply
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the data folder " + dir + " private", e);
        }
    }

    /** Narrows every file in the folder to its owner. */
    static void narrowFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f) && !Files.getPosixFilePermissions(f).equals(FILE)) {
                    Files.setPosixFilePermissions(f, FILE);
                }
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        } catch (IOException e) {
            log.warn("could not narrow the files of {}: {}", dir, e.toString());
        }
    }
}
